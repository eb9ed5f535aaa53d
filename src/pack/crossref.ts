/**
 * References between the readings of a pack (`crossref: pack`). Each reading is numbered as
 * it is transformed, so a reference to a label of a later reading cannot be read then:
 * `remarkCrossref` leaves it as a `span.xref-pending`. Once every reading is numbered, this
 * pass reads each one by the same rule as a reading's own references (`pieces`), as a link to
 * `other.md#label`, which `linkReadings` then points at the other reading's prefixed id; so
 * the web page, the PDF (with its page numbers) and the EPUB follow it as any other link.
 */
import path from 'node:path'
import type {Element, ElementContent, Root} from 'hast'
import {visit} from '../util/visit.ts'
import type {VFile} from 'vfile'
import {headingText} from '../transform/rehype-headings.ts'
import {crossrefWords, missingClass, pendingClass, pieces, xrefClass, type Lookup, type Piece} from '../transform/remark-crossref.ts'
import type {Heading, Note, PendingReference} from '../transform/vfile-data.ts'

/** What the pass reads of a reading: its file (labels, pending references), its tree and its notes. */
export interface CrossrefReading {
  file: VFile
  tree: Root
  /** Taken out of the tree by `rehypeNotes`: a reference in a note is in one of these. */
  notes: Note[]
  /** The headings as the contents and bookmarks list them: a heading's text may hold a reference. */
  headings: Heading[]
}

/** Replace every reading's pending references with what they read, through the pack's labels. */
export function resolvePackReferences(readings: CrossrefReading[]): void {
  // Which readings hold each label: a key may be a label in more than one reading.
  const holders = new Map<string, CrossrefReading[]>()
  for (const reading of readings) {
    for (const key of Object.keys(reading.file.data.crossref?.labels ?? {})) holders.set(key, [...(holders.get(key) ?? []), reading])
  }
  // Numbered through the pack, a label names one thing in it: a reference reads the first.
  if (readings.some((reading) => reading.file.data.crossref?.pack)) {
    for (const [key, [first, ...others]] of holders) {
      for (const other of others) {
        other.file.message(
          `Unexpected label \`{#${key}}\` that \`${path.basename(first!.file.path)}\` has too, expected each label once in a pack numbered through (\`crossref: pack\`): references to it go to the first`,
          {place: other.file.data.crossref!.labels[key]!.place, ruleId: 'crossref-label', source: 'folio'}
        )
      }
    }
  }

  for (const reading of readings) {
    const pending = reading.file.data.crossref?.pending ?? []
    if (pending.length === 0) continue
    const byOffset = new Map<number, PendingReference>(pending.map((entry) => [entry.offset, entry]))
    const {words, lang} = crossrefWords(reading.file)
    const own = reading.file.data.crossref?.labels ?? {}
    const lookup: Lookup = (key) => {
      const label = own[key]
      if (label) return {label, href: `#${key}`}
      const others = holders.get(key) ?? []
      const target = others[0]
      if (!target) return undefined
      // The first reading in the pack's order that labels it, as a link `linkReadings` resolves.
      return {label: target.file.data.crossref!.labels[key]!, href: `${hrefTo(reading.file, target.file)}#${encodeURIComponent(key)}`}
    }
    const resolve = (node: Element, index: number | undefined, parent: Root | Element | undefined) => {
      if (!parent || index === undefined || !isPending(node)) return undefined
      const entry = node.position?.start.offset === undefined ? undefined : byOffset.get(node.position.start.offset)
      if (!entry) return undefined
      const replacement = pieces(entry.items, words, lang, lookup, reading.file, true).map(toHast)
      parent.children.splice(index, 1, ...replacement)
      return index + replacement.length
    }
    for (const root of [reading.tree, ...reading.notes.flatMap((note) => note.children)]) visit(root, 'element', resolve)
    // A heading's text was taken while its references still read ??.
    const headings = new Map(reading.headings.map((heading) => [heading.id, heading]))
    visit(reading.tree, 'element', (node: Element) => {
      const heading = typeof node.properties['id'] === 'string' ? headings.get(node.properties['id']) : undefined
      if (heading && /^h[1-6]$/.test(node.tagName)) heading.text = headingText(node)
    })
  }
}

function isPending(node: Element): boolean {
  const classes = node.properties['className']
  return node.tagName === 'span' && Array.isArray(classes) && classes.includes(pendingClass)
}

/** The other reading's file, relative to this one's folder, as a link in Markdown would name it. */
function hrefTo(from: VFile, to: VFile): string {
  if (path.resolve(from.path) === path.resolve(to.path)) return ''
  return path
    .relative(path.dirname(path.resolve(from.path)), path.resolve(to.path))
    .split(path.sep)
    .map(encodeURIComponent)
    .join('/')
}

function toHast(piece: Piece): ElementContent {
  if (piece.type === 'text') return {type: 'text', value: piece.value}
  if (piece.type === 'link')
    return {type: 'element', tagName: 'a', properties: {href: piece.href, className: [xrefClass]}, children: [{type: 'text', value: piece.value}]}
  return {type: 'element', tagName: 'strong', properties: {className: [missingClass]}, children: [{type: 'text', value: '??'}]}
}
