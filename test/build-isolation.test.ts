/**
 * Two builds in one process share no citation state: the default pack built in-process with
 * one style, then another, then the first again, gives the same bytes as each style built by
 * a separate `folio` process. Styles, locales and engines belong to a build's citation
 * context: a style file edited between two builds (as in watch mode) is read again, which a
 * cache shared across builds would not do (the second test fails with one).
 */
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {build} from '../src/build.ts'
import {folio, projectRoot, temporaryFolder} from './helpers/index.ts'

const epoch = 1_700_000_000
const styles = ['chicago-fullnote-bibliography', 'apa', 'chicago-fullnote-bibliography']
const formats = ['html', 'epub'] as const

/** The default pack, copied, with `csl` set to `style` in its `pack.yaml`. */
function packWithStyle(folder: string, style: string): void {
  const manifest = path.join(folder, 'pack.yaml')
  const text = readFileSync(manifest, 'utf8')
  expect(text).toMatch(/^csl: .*$/m)
  writeFileSync(manifest, text.replace(/^csl: .*$/m, `csl: ${style}`))
}

const read = (folder: string) =>
  Object.fromEntries(formats.map((format) => [format, readFileSync(path.join(folder, `migration-governance-under-pressure.${format}`))]))

describe('two builds in one process', () => {
  it('give the same editions as two separate processes, style after style', async () => {
    const pack = temporaryFolder('folio-isolation-')
    cpSync(path.join(projectRoot, 'content'), pack, {recursive: true})

    const inProcess = []
    for (const style of styles) {
      packWithStyle(pack, style)
      const out = temporaryFolder()
      const result = await build({input: pack, outDir: out, formats, date: new Date(epoch * 1000), cache: false})
      expect(result.files.flatMap((file) => file.messages.map(String))).toEqual([])
      inProcess.push(read(out))
    }

    // The third build in the process is compared with the first style's process.
    for (const style of styles.slice(0, 2)) {
      packWithStyle(pack, style)
      const out = temporaryFolder()
      const run = folio([pack, '--out', out, '--format', formats.join(','), '--quiet'], {SOURCE_DATE_EPOCH: String(epoch)})
      expect(run.stderr).toBe('')
      expect(run.status).toBe(0)
      const separate = read(out)
      for (const [build, editions] of inProcess.entries()) {
        if (styles[build] !== style) continue
        for (const format of formats) expect(editions[format]!.equals(separate[format]!), `${style}, ${format}, build ${build + 1} in the process`).toBe(true)
      }
    }

    // The styles do differ, so the comparison above is about something: Chicago puts the
    // Global Compact in a note, APA cites it in the sentence with its year.
    const html = inProcess.map((edition) => edition['html']!.toString('utf8'))
    expect(html[0]).not.toBe(html[1])
    expect(html[1]).toContain('(<a href="#r2-ref-global-compact-2018">Global Compact for Safe, Orderly and Responsible Migration, 2018</a>)')
    expect(html[0]).not.toContain('Responsible Migration, 2018</a>)')
  }, 300_000)

  it('read a style file again when it changed between them, as watch mode needs', async () => {
    const pack = temporaryFolder('folio-isolation-')
    cpSync(path.join(projectRoot, 'content'), pack, {recursive: true})
    packWithStyle(pack, 'probe.csl')
    const built: string[] = []
    for (const word of ['FIRST-PROBE', 'SECOND-PROBE']) {
      writeFileSync(path.join(pack, 'probe.csl'), probeStyle(word))
      const out = temporaryFolder()
      await build({input: pack, outDir: out, formats: ['html'], date: new Date(epoch * 1000)})
      built.push(readFileSync(path.join(out, 'migration-governance-under-pressure.html'), 'utf8'))
    }
    expect(built[0]).toContain('FIRST-PROBE')
    expect(built[1]).toContain('SECOND-PROBE')
    expect(built[1]).not.toContain('FIRST-PROBE')
    const out = temporaryFolder()
    expect(folio([pack, '--out', out, '--format', 'html', '--quiet'], {SOURCE_DATE_EPOCH: String(epoch)}).status).toBe(0)
    expect(readFileSync(path.join(out, 'migration-governance-under-pressure.html'), 'utf8')).toBe(built[1])
  }, 300_000)
})

/** The smallest CSL style: every citation reads `(word)`. */
function probeStyle(word: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Probe</title><id>probe</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="(" suffix=")"><text value="${word}"/></layout></citation>
</style>
`
}
