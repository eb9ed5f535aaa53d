/**
 * The command's contract, which scripts and CI rely on: diagnostics as
 * `path:line:column: warning|error message`, exit 0 / 1 / 2, one output per format asked.
 */
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {fixturesRoot, folio, temporaryFolder} from './helpers/index.ts'

const cli = (name: string) => path.join(fixturesRoot, 'cli', name)

describe('folio command', () => {
  it('builds only the formats asked for, named after the input file', () => {
    const out = temporaryFolder()
    const run = folio([cli('warning.md'), '--out', out, '--format', 'html'])
    expect(run.status).toBe(0)
    // And the landing page that links them.
    expect(readdirSync(out).sort()).toEqual(['SHA256SUMS', 'index.html', 'warning.html'])
  })

  it('prints warnings with file, line and column and still exits 0', () => {
    const run = folio([cli('warning.md'), '--out', temporaryFolder(), '--format', 'html'])
    expect(run.status).toBe(0)
    expect(run.stderr).toContain('test/fixtures/cli/warning.md:7:1: warning Cannot find image `gone.png`')
  })

  it('exits 1 on warnings with --strict, writing nothing', () => {
    const out = temporaryFolder()
    const run = folio([cli('warning.md'), '--out', out, '--format', 'html', '--strict'])
    expect(run.status).toBe(1)
    expect(readdirSync(out)).toEqual([])
  })

  it('exits 1 on content errors, pointing at the value', () => {
    const out = path.join(temporaryFolder(), 'never')
    const run = folio([cli('error.md'), '--out', out, '--format', 'html'])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('test/fixtures/cli/error.md:5:12: error Unexpected `not-an-address` for `author[0].email`, expected an e-mail address')
    expect(existsSync(out)).toBe(false)
  })

  it('reports content errors, not a missing browser, when both happen (exit 1)', () => {
    const out = path.join(temporaryFolder(), 'never')
    const run = folio([cli('error.md'), '--out', out], {FOLIO_BROWSER: '/nowhere'})
    expect(run.stderr).toContain('test/fixtures/cli/error.md:5:12: error Unexpected `not-an-address` for `author[0].email`')
    expect(run.stderr).not.toContain('No Chromium')
    expect(run.status).toBe(1)
    expect(existsSync(out)).toBe(false)
  })

  it('exits 2 for a missing browser when the content is good', () => {
    const run = folio([cli('warning.md'), '--out', temporaryFolder(), '--format', 'pdf'], {FOLIO_BROWSER: '/nowhere'})
    expect(run.stderr).toContain('FOLIO_BROWSER is set to `/nowhere`')
    expect(run.status).toBe(2)
  })

  it('exits 2 on usage errors, with the usage', () => {
    const unknownFormat = folio(['--format', 'docx'])
    expect(unknownFormat.status).toBe(2)
    expect(unknownFormat.stderr).toMatch(/Unexpected format `docx`, expected html, pdf, epub[\s\S]*Usage: folio/)
    expect(folio(['--frobnicate']).status).toBe(2)
    expect(folio(['--shard', '3/2']).stderr).toMatch(/Unexpected shard `3\/2`, expected I\/N with 1 ≤ I ≤ N/)
    expect(folio(['--reporter', 'xml']).status).toBe(2)
  })

  it('exits 1 when the input does not exist', () => {
    const run = folio(['no/such/pack'])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/Cannot find `[^`]*no\/such\/pack`, expected a pack folder or a Markdown file/)
  })

  it('starts a pack with init that builds at once, and refuses to overwrite it', () => {
    const pack = path.join(temporaryFolder(), 'new-pack')
    const init = folio(['init', pack])
    expect(init.status, init.stderr).toBe(0)
    expect(readdirSync(pack).sort()).toEqual(['.github', '.gitignore', 'README.md', 'pack.yaml', 'readings', 'references.bib'])
    expect(readFileSync(path.join(pack, '.gitignore'), 'utf8')).toContain('dist/')
    const out = path.join(pack, 'dist')
    const built = folio([pack, '--out', out])
    expect(built.status, built.stderr).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['SHA256SUMS', 'index.html', 'my-course-pack.epub', 'my-course-pack.html', 'my-course-pack.pdf'])
    // A citation of the scaffold's bibliography, resolved.
    expect(readFileSync(path.join(out, 'my-course-pack.html'), 'utf8')).toContain('Global Compact for Safe, Orderly and Responsible Migration')

    writeFileSync(path.join(pack, 'README.md'), 'mine')
    const again = folio(['init', pack])
    expect(again.status).toBe(1)
    expect(again.stderr).toMatch(/Unexpected existing files .*README\.md/)
    expect(readFileSync(path.join(pack, 'README.md'), 'utf8')).toBe('mine')
  }, 300_000)
})
