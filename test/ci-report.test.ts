/**
 * What CI reads from a build: GitHub workflow commands that annotate the line, the step
 * summary, the JSON report, `SHA256SUMS`, and `--shard` slices of many packs that add up to
 * one build of them all.
 */
import {execFileSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {shardInputs} from '../src/cli/shard.ts'
import {escapeData, escapeProperty, formatAnnotation} from '../src/cli/report-github.ts'
import type {JsonReport} from '../src/cli/report-json.ts'
import {fixturesRoot, folio, pdfInfo, projectRoot, temporaryFolder} from './helpers/index.ts'

const article = path.join(fixturesRoot, 'cli', 'citations', 'article.md')
const github = {GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: projectRoot}
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

describe('GitHub annotations', () => {
  it('prints a missing citation key as a ::warning at its line and column, relative to the workspace', () => {
    const run = folio([article, '--format', 'html', '--out', temporaryFolder()], github)
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(
      '::warning file=test/fixtures/cli/citations/article.md,line=8,col=46,title=folio(citation-key)::Unexpected citation key `knwon`, expected a key in the bibliography (did you mean `known`?)'
    )
    // The text report is still there for people reading the log.
    expect(run.stderr).toContain('article.md:8:46: warning Unexpected citation key `knwon`')
  })

  it('makes it an ::error and exits 1 with --strict', () => {
    const run = folio([article, '--format', 'html', '--out', temporaryFolder(), '--strict'], github)
    expect(run.status).toBe(1)
    expect(run.stdout).toMatch(
      /^::error file=test\/fixtures\/cli\/citations\/article\.md,line=8,col=46,title=folio\(citation-key\)::Unexpected citation key `knwon`/m
    )
    expect(run.stdout).not.toContain('::warning')
  })

  it('prints no workflow commands outside GitHub Actions', () => {
    const run = folio([article, '--format', 'html', '--out', temporaryFolder()], {GITHUB_ACTIONS: ''})
    expect(run.stdout).not.toContain('::')
  })

  it("escapes what GitHub's command syntax would misread", () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext')
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25')
    const line = formatAnnotation(
      {
        file: path.join(projectRoot, 'packs', 'a,b:c.md'),
        line: 2,
        column: 3,
        endLine: 2,
        endColumn: 9,
        severity: 'warning',
        rule: 'image',
        source: 'folio',
        text: 'Two\nlines'
      },
      {workspace: projectRoot, strict: false}
    )
    expect(line).toBe('::warning file=packs/a%2Cb%3Ac.md,line=2,col=3,endLine=2,endColumn=9,title=folio(image)::Two%0Alines')
  })
})

describe('the step summary, the JSON report and SHA256SUMS', () => {
  const out = temporaryFolder()
  const summary = path.join(temporaryFolder(), 'summary.md')
  const run = folio([path.join(fixturesRoot, 'cli', 'warning.md'), '--out', out, '--reporter', 'json'], {
    ...github,
    GITHUB_STEP_SUMMARY: summary,
    SOURCE_DATE_EPOCH: '1700000000'
  })
  const editions = ['warning.html', 'warning.pdf', 'warning.epub'].map((name) => path.join(out, name))
  // The landing page is written and reported with them; SHA256SUMS lists the editions.
  const written = [...editions, path.join(out, 'index.html')]

  it('prints one JSON document whose hashes, sizes and pages match the files', () => {
    expect(run.status).toBe(0)
    const report = JSON.parse(run.stdout) as JsonReport
    expect(report.status).toBe(0)
    expect(report.outputs.map((output) => path.resolve(projectRoot, output.path))).toEqual(written)
    for (const output of report.outputs) {
      const file = path.resolve(projectRoot, output.path)
      expect(output.sha256).toBe(sha256(file))
      expect(output.bytes).toBe(statSync(file).size)
    }
    const pdf = report.outputs.find((output) => output.format === 'pdf')
    expect(pdf?.pages).toBe(Number(pdfInfo(editions[1]!)['Pages']))
    expect(report.outputs.find((output) => output.format === 'epub')?.pages).toBeNull()
    expect(report.messages).toEqual([
      {
        file: 'test/fixtures/cli/warning.md',
        line: 7,
        column: 1,
        endLine: 7,
        endColumn: 18,
        severity: 'warning',
        rule: 'image',
        source: 'folio',
        text: expect.stringContaining('Cannot find image `gone.png`')
      }
    ])
    expect(path.resolve(projectRoot, report.packs[0]!.checksums!)).toBe(path.join(out, 'SHA256SUMS'))
    // The annotations go to stderr, so stdout stays one document.
    expect(run.stderr).toContain('::warning file=test/fixtures/cli/warning.md,line=7,col=1')
  })

  it('appends a summary listing every edition with its size, pages and SHA-256, and warnings by rule', () => {
    const text = readFileSync(summary, 'utf8')
    // Outside the workspace, paths are absolute.
    for (const file of editions) expect(text).toContain(`| \`${file}\` |`)
    for (const file of editions) expect(text).toContain(`\`${sha256(file)}\``)
    expect(text).toMatch(new RegExp(`warning\\.pdf\` \\| \\d+ KiB \\| ${pdfInfo(editions[1]!)['Pages']} \\|`))
    expect(text).toContain('| `folio:image` | 1 | 0 |')
  })

  it('writes SHA256SUMS that sha256sum -c accepts, and that notices a changed file', () => {
    expect(readFileSync(path.join(out, 'SHA256SUMS'), 'utf8')).toBe(editions.map((file) => `${sha256(file)}  ${path.basename(file)}\n`).join(''))
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], {cwd: out, encoding: 'utf8'})).toBe('warning.html: OK\nwarning.pdf: OK\nwarning.epub: OK\n')
    expect(readdirSync(out).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })
})

describe('many packs and --shard', () => {
  it('cuts the inputs into stable slices by path, each input in exactly one', () => {
    const inputs = ['/p/e', '/p/a', '/p/d', '/p/b', '/p/c']
    const slices = [1, 2, 3].map((index) => shardInputs(inputs, {index, count: 3}))
    expect(slices).toEqual([['/p/a', '/p/b'], ['/p/c', '/p/d'], ['/p/e']])
    expect(shardInputs([...inputs].reverse(), {index: 2, count: 3})).toEqual(['/p/c', '/p/d'])
    expect(shardInputs(['/p/a'], {index: 1, count: 2})).toEqual(['/p/a'])
    expect(shardInputs(['/p/a'], {index: 2, count: 2})).toEqual([])
  })

  it('builds four packs as two shards into one folder, the same files as one build of all four, no pack twice', () => {
    const packs = ['delta', 'alpha', 'gamma', 'beta'].map((name) => path.join(fixturesRoot, 'ci', 'packs', name))
    const env = {SOURCE_DATE_EPOCH: '1700000000'}
    const args = ['--format', 'html,epub', '--reporter', 'json']
    const sharded = temporaryFolder()
    const first = folio([...packs, ...args, '--out', sharded, '--shard', '1/2'], env)
    const second = folio([...packs, ...args, '--out', sharded, '--shard', '2/2'], env)
    const whole = temporaryFolder()
    const all = folio([...packs, ...args, '--out', whole], env)
    expect([first.status, second.status, all.status]).toEqual([0, 0, 0])

    const built = (run: typeof first) => (JSON.parse(run.stdout) as JsonReport).packs.map((pack) => path.basename(pack.input))
    expect(built(first)).toEqual(['alpha', 'beta'])
    expect(built(second)).toEqual(['delta', 'gamma'])
    expect(built(all)).toEqual(['alpha', 'beta', 'delta', 'gamma'])

    const listing = (folder: string) => readdirSync(folder, {recursive: true, encoding: 'utf8'}).sort()
    expect(listing(whole)).toEqual(
      ['alpha', 'beta', 'delta', 'gamma']
        .flatMap((slug) => [
          `${slug}-readings`,
          ...['SHA256SUMS', `${slug}-readings.epub`, `${slug}-readings.html`, 'index.html'].map((name) => `${slug}-readings/${name}`)
        ])
        .sort()
    )
    expect(listing(sharded)).toEqual(listing(whole))
    for (const name of listing(whole)) {
      if (statSync(path.join(whole, name)).isFile()) expect(sha256(path.join(sharded, name)), name).toBe(sha256(path.join(whole, name)))
    }
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], {cwd: path.join(sharded, 'gamma-readings'), encoding: 'utf8'})).toBe(
      'gamma-readings.html: OK\ngamma-readings.epub: OK\n'
    )
  })

  it('exits with the worst status of the packs, building the good ones', () => {
    const out = temporaryFolder()
    const run = folio([
      path.join(fixturesRoot, 'ci', 'packs', 'alpha'),
      path.join(fixturesRoot, 'ci', 'packs', 'missing'),
      '--format',
      'html',
      '--out',
      out,
      '--reporter',
      'json'
    ])
    expect(run.status).toBe(1)
    const report = JSON.parse(run.stdout) as JsonReport
    expect(report.packs.map((pack) => [path.basename(pack.input), pack.status])).toEqual([
      ['alpha', 0],
      ['missing', 1]
    ])
    expect(report.messages).toEqual([
      expect.objectContaining({file: 'test/fixtures/ci/packs/missing', severity: 'error', text: expect.stringContaining('Cannot find')})
    ])
    expect(readdirSync(path.join(out, 'alpha-readings')).sort()).toEqual(['SHA256SUMS', 'alpha-readings.html', 'index.html'])
  })
})
