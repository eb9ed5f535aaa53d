/**
 * Two builds in one process share no citation state: the default pack built in-process with
 * one style, then another, then the first again, gives the same bytes as each style built by
 * a separate `folio` process. Styles, locales and engines belong to a build's citation
 * context, and citeproc-js writes into the style trees it compiles, so state kept past a
 * build would show in the third build.
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
      const result = await build({input: pack, outDir: out, formats, date: new Date(epoch * 1000)})
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
})
