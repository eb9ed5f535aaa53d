/**
 * What a reader sees of a reading's citations, from our pipeline and from Pandoc's HTML:
 * the notes, the bibliography entries and the paragraphs of the text, as plain text.
 */
import path from 'node:path'
import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toString} from 'hast-util-to-string'
import {visit} from 'unist-util-visit'
import {build} from '../../src/build.ts'
import {formatMessages} from '../../src/cli/report-text.ts'
import {temporaryFolder} from './run.ts'

export interface CitationView {
  notes: string[]
  bibliography: string[]
  paragraphs: string[]
}

const hasClass = (node: Element, name: string) =>
  String(node.properties['className'] ?? '')
    .split(/[\s,]+/)
    .includes(name)

function clean(text: string): string {
  return text
    .replace(/\s*↩︎?\s*$/u, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Build `input.md` of a case folder (no edition written) and read it. */
export async function ourView(folder: string): Promise<CitationView & {messages: string[]}> {
  const result = await build({input: path.join(folder, 'input.md'), outDir: temporaryFolder(), formats: []})
  const messages = formatMessages(result.files, folder)
  const reading = result.pack?.readings[0]
  if (!reading) throw new Error(`Nothing built from ${folder}:\n${messages.join('\n')}`)
  const bibliography: string[] = []
  visit(reading.file.data.bibliography ?? {type: 'root', children: []}, 'element', (node: Element) => {
    if (hasClass(node, 'csl-entry')) bibliography.push(clean(toString(node)))
  })
  return {
    notes: reading.notes.map((note) => clean(note.children.map((child) => toString(child)).join(' '))),
    bibliography,
    paragraphs: reading.tree.children.flatMap((node) => (node.type === 'element' && node.tagName === 'p' ? [clean(toString(node))] : [])),
    messages
  }
}

/** The same from Pandoc's HTML (`pandoc --citeproc -t html`). */
export function pandocView(html: string): CitationView {
  const tree: Root = fromHtml(html, {fragment: true})
  const view: CitationView = {notes: [], bibliography: [], paragraphs: []}
  visit(tree, 'element', (node: Element, _, parent) => {
    if (hasClass(node, 'csl-entry')) view.bibliography.push(clean(toString(node)))
    else if (node.tagName === 'li' && String(node.properties['id'] ?? '').startsWith('fn')) view.notes.push(clean(toString(node)))
    else if (node.tagName === 'p' && parent?.type === 'root') view.paragraphs.push(clean(toString(node)))
  })
  return view
}
