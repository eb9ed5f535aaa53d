/**
 * remarkCrossref: numbered figures, tables, sections and equations, and references to them,
 * with the syntax of pandoc-crossref and Quarto.
 *
 * Labels: `{#fig-…}` on a figure (`remarkFigures`), `{#tbl-…}` on a table's caption
 * (`remarkFigures`), `{#sec-…}` at the end of a heading (here; any `{#id}` there sets the
 * heading's id), `{#eq-…}` after display math (`remarkMathSyntax`). Labelled figures, tables
 * and equations are numbered in order (per reading, or through the pack with
 * `crossref: pack`); captions read "Figure 1: …", equations carry `\tag{1}`. When a reading
 * labels a section, its headings are numbered (1, 1.1, …).
 *
 * References: `@fig-x`, `[@fig-x]`, `[@fig-x; @fig-y]` and `[-@fig-x]` (the number alone)
 * read "Figure 1", "Figures 1 and 2", "1", as links (`a.xref`, which the print edition
 * follows with the page). A key with a crossref prefix is a reference unless it is not a
 * label and the bibliography has it, so citation keys never collide; a bracket that mixes
 * references and citations is left to the citations. A reference to no label is a warning
 * at its place and reads **??**.
 *
 * With `crossref: pack`, a reference may name a label of another reading: as the readings are
 * transformed one by one, a reference to a label the reading lacks is left in place
 * (`span.xref-pending`, listed in `file.data.crossref.pending`) for the pack to resolve once
 * every reading is numbered (`resolvePackReferences` in `pack/crossref.ts`), by the same rule
 * (`pieces`).
 *
 * Runs before `remarkCitations`, which never sees the references.
 */
import type {Heading, Parent, PhrasingContent, Root, Text} from 'mdast'
import type {Math} from 'mdast-util-math'
import {SKIP, visit} from '../util/visit.ts'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {joinNames, wordsFor, type Words} from '../words.ts'
import type {CrossrefItem, CrossrefLabel} from './vfile-data.ts'

export const crossrefKinds = ['fig', 'tbl', 'sec', 'eq'] as const
export type CrossrefKind = (typeof crossrefKinds)[number]

/** The class of a reference's link, for the print edition's page numbers. */
export const xrefClass = 'xref'
/** The class of **??**, a reference to no label. */
export const missingClass = 'xref-missing'
/** The class of a reference the pack resolves (`crossref: pack`). */
export const pendingClass = 'xref-pending'

/** Numbers already given in the pack, carried from reading to reading with `crossref: pack`. */
export interface CrossrefCounters {
  fig: number
  tbl: number
  eq: number
}

export interface RemarkCrossrefOptions {
  /**
   * Counters shared by the readings of a pack, in reading order (`crossref: pack`); without
   * them each reading numbers from 1.
   */
  counters?: CrossrefCounters
}

type Label = CrossrefLabel
type Item = CrossrefItem

const labelPattern = String.raw`[\p{L}\p{N}_]+(?:[-:.][\p{L}\p{N}_]+)*`
const keyPattern = String.raw`(-?)@((?:fig|tbl|sec|eq)-${labelPattern})`
const anyKey = String.raw`-?@(?:fig|tbl|sec|eq)-${labelPattern}`
const bracketPattern = String.raw`\[\s*${anyKey}(?:\s*;\s*${anyKey})*\s*\](?![([])`
/** `[…]` of references, or a reference in the sentence (not in an address: no word before). */
const referencePattern = new RegExp(String.raw`(${bracketPattern})|(?<![\p{L}\p{N}_@\\])${keyPattern}`, 'gu')
const itemPattern = new RegExp(keyPattern, 'gu')
const headingLabel = /\s*\{#([^\s{}]+)\}\s*$/

export function remarkCrossref(options: RemarkCrossrefOptions = {}) {
  return function (tree: Root, file: VFile) {
    const {words} = crossrefWords(file)
    const pack = options.counters !== undefined
    const labels = collectLabels(tree, file, words, options.counters)
    file.data.crossref = {labels: Object.fromEntries(labels), pending: [], pack}
    const bibliography = file.data.citationSetup?.items
    const isReference = (key: string) => labels.has(key) || !bibliography?.has(key)
    visit(tree, 'text', (node: Text, index, parent: Parent | undefined) => {
      if (!parent || index === undefined || parent.type === 'link' || parent.type === 'linkReference') return undefined
      const replacement = references(node, file, labels, words, isReference, pack)
      if (!replacement) return undefined
      parent.children.splice(index, 1, ...(replacement as Parent['children']))
      return [SKIP, index + replacement.length]
    })
  }
}

/** Find the labels in document order, number them, and mark what they label. */
function collectLabels(tree: Root, file: VFile, words: Words, counters: CrossrefCounters | undefined): Map<string, Label> {
  const labels = new Map<string, Label>()
  const local: CrossrefCounters = {fig: 0, tbl: 0, eq: 0}
  const count = counters ?? local
  const add = (id: string, kind: CrossrefKind, number: string, place: Parent | Math) => {
    if (labels.has(id)) {
      file.message(`Unexpected second label \`{#${id}}\`, expected each label once in a reading`, {
        place: place.position,
        ruleId: 'crossref-label',
        source: 'folio'
      })
      return
    }
    labels.set(id, {kind, number, place: place.position})
  }

  const headings: Array<{node: Heading; id: string | undefined}> = []
  visit(tree, (node) => {
    if (node.type === 'heading') {
      headings.push({node, id: takeHeadingId(node)})
      return SKIP
    }
    if (node.type === 'math') {
      const label = node.data?.label
      if (label?.startsWith('eq-')) {
        const number = String(++count.eq)
        add(label, 'eq', number, node)
        tagEquation(node, label, number)
      }
      return SKIP
    }
    const hName = (node.data as {hName?: string} | undefined)?.hName
    const id = (node.data as {hProperties?: {id?: unknown}} | undefined)?.hProperties?.id
    if (node.type !== 'paragraph' || typeof id !== 'string') return undefined
    if (hName === 'figure' && id.startsWith('fig-')) {
      const number = String(++count.fig)
      add(id, 'fig', number, node)
      const caption = node.children[1]
      if (caption && 'children' in caption) caption.children.unshift(captionLabel(`${words.figure} ${number}`))
    } else if (hName === 'caption' && id.startsWith('tbl-')) {
      const number = String(++count.tbl)
      add(id, 'tbl', number, node)
      node.children.unshift(captionLabel(`${words.table} ${number}`))
    }
    return SKIP
  })

  // Sections: numbered from the reading's top headings down, when one of them is referable.
  if (headings.some((heading) => heading.id?.startsWith('sec-'))) {
    const top = Math.min(...headings.map((heading) => heading.node.depth))
    const path: number[] = []
    for (const {node, id} of headings) {
      const level = node.depth - top
      path.length = level + 1
      for (let at = 0; at < level; at++) path[at] ??= 1
      path[level] = (path[level] ?? 0) + 1
      const number = path.join('.')
      const mark: PhrasingContent = {
        type: 'emphasis',
        data: {hName: 'span', hProperties: {className: ['section-number']}},
        children: [{type: 'text', value: number}]
      }
      node.children.unshift(mark, {type: 'text', value: ' '})
      if (id?.startsWith('sec-')) add(id, 'sec', number, node)
    }
  }
  return labels
}

/** `{#id}` at the end of a heading: removed, set as its id, and returned. */
function takeHeadingId(heading: Heading): string | undefined {
  const last = heading.children.at(-1)
  if (last?.type !== 'text') return undefined
  const match = headingLabel.exec(last.value)
  if (!match) return undefined
  last.value = last.value.slice(0, match.index)
  if (last.value === '') heading.children.pop()
  heading.data = {...heading.data, hProperties: {...heading.data?.hProperties, id: match[1]}}
  return match[1]
}

/** The equation's number as KaTeX's `\tag`, and its label as the id of its block. */
function tagEquation(node: Math, label: string, number: string): void {
  const tex = `${node.value}\n\\tag{${number}}`
  node.value = tex
  const code = node.data?.hChildren?.[0]
  if (code?.type === 'element') code.children = [{type: 'text', value: tex}]
  node.data = {...node.data, hProperties: {...node.data?.hProperties, id: label}}
}

function captionLabel(text: string): PhrasingContent {
  return {type: 'emphasis', data: {hName: 'span', hProperties: {className: ['caption-label']}}, children: [{type: 'text', value: `${text}: `}]}
}

/** The text node with its references replaced, or `undefined` when it has none. */
function references(
  node: Text,
  file: VFile,
  labels: Map<string, Label>,
  words: Words,
  isReference: (key: string) => boolean,
  pack: boolean
): PhrasingContent[] | undefined {
  const out: PhrasingContent[] = []
  const offset = node.position?.start.offset
  const lines = offset === undefined ? undefined : location(file)
  const pointAt = (at: number) => (offset === undefined ? node.position?.start : lines?.toPoint(offset + at))
  let last = 0
  for (const match of node.value.matchAll(referencePattern)) {
    const start = match.index
    const items: Item[] = match[1]
      ? [...match[1].matchAll(itemPattern)].map((item) => {
          const at = start + item.index + item[1]!.length
          return {key: item[2]!, suppress: item[1] === '-', place: pointAt(at)}
        })
      : [{key: match[3]!, suppress: match[2] === '-', place: pointAt(start + match[2]!.length)}]
    if (!items.every((item) => isReference(item.key))) continue
    if (start > last) out.push({type: 'text', value: node.value.slice(last, start)})
    if (pack && offset !== undefined && items.some((item) => !labels.has(item.key))) {
      // Another reading of the pack may have the label: the pack resolves it (`resolvePackReferences`).
      out.push(pending(file, items, lines!, offset + start, offset + start + match[0].length))
    } else {
      out.push(
        ...pieces(items, words, lang(file), (key) => (labels.has(key) ? {label: labels.get(key)!, href: `#${key}`} : undefined), file, pack).map(toMdast)
      )
    }
    last = start + match[0].length
  }
  if (out.length === 0) return undefined
  if (last < node.value.length) out.push({type: 'text', value: node.value.slice(last)})
  return out
}

/** The language a reading's references are worded in. */
export function crossrefWords(file: VFile): {words: Words; lang: string} {
  return {words: wordsFor(file.data.matter?.lang ?? file.data.citationSetup?.lang), lang: lang(file)}
}

function lang(file: VFile): string {
  return file.data.matter?.lang ?? 'en'
}

/** A reference as printed, edition-neutral: text, a link to a label, or **??**. */
export type Piece = {type: 'text'; value: string} | {type: 'link'; href: string; value: string} | {type: 'missing'}

/** Where a key's label is, for `pieces`: its number and the link to it. */
export type Lookup = (key: string) => {label: Label; href: string} | undefined

const singular: Record<CrossrefKind, keyof Words> = {fig: 'figure', tbl: 'table', sec: 'section', eq: 'equation'}
const plural: Record<CrossrefKind, keyof Words> = {fig: 'figures', tbl: 'tables', sec: 'sections', eq: 'equations'}

/**
 * Items as printed: runs of one kind share their word ("Figures 1 and 2"); unknown ones read
 * ?? and are warnings at their place. The one rule for a reading's own references and, with
 * `crossref: pack`, for those resolved through the pack.
 */
export function pieces(items: Item[], words: Words, lang: string, lookup: Lookup, file: VFile, pack: boolean): Piece[] {
  const out: Piece[] = []
  let index = 0
  while (index < items.length) {
    if (out.length > 0) out.push({type: 'text', value: '; '})
    const first = items[index]!
    const found = lookup(first.key)
    if (!found) {
      unknown(first, file, pack)
      out.push({type: 'missing'})
      index++
      continue
    }
    const kind = found.label.kind
    const run: Array<{label: Label; href: string}> = []
    while (index < items.length) {
      const item = items[index]!
      const entry = lookup(item.key)
      if (!entry || entry.label.kind !== kind || item.suppress !== first.suppress) break
      run.push(entry)
      index++
    }
    const number = (entry: {label: Label}) => (entry.label.kind === 'eq' ? `(${entry.label.number})` : entry.label.number)
    if (run.length === 1 && !first.suppress) {
      out.push({type: 'link', href: run[0]!.href, value: `${words[singular[kind]]} ${number(run[0]!)}`})
      continue
    }
    if (!first.suppress) out.push({type: 'text', value: `${words[plural[kind]]} `})
    // Numbers joined as names are ("1, 2 and 3"), each its own link.
    const placeholders = run.map((_entry, at) => `\uE000${at}\uE000`)
    const joined = joinNames(placeholders, lang)
    for (const part of joined.split(/(\uE000\d+\uE000)/)) {
      const at = /^\uE000(\d+)\uE000$/.exec(part)
      if (at) {
        const entry = run[Number(at[1])]!
        out.push({type: 'link', href: entry.href, value: number(entry)})
      } else if (part) out.push({type: 'text', value: part})
    }
  }
  return out
}

function toMdast(piece: Piece): PhrasingContent {
  if (piece.type === 'text') return {type: 'text', value: piece.value}
  if (piece.type === 'link')
    return {type: 'link', url: piece.href, children: [{type: 'text', value: piece.value}], data: {hProperties: {className: [xrefClass]}}}
  return {type: 'strong', data: {hProperties: {className: [missingClass]}}, children: [{type: 'text', value: '??'}]}
}

/** A reference left for the pack: `span.xref-pending` at the reference's place, reading ?? until resolved. */
function pending(file: VFile, items: Item[], lines: ReturnType<typeof location>, start: number, end: number): PhrasingContent {
  file.data.crossref?.pending.push({offset: start, items})
  const position = {start: lines.toPoint(start)!, end: lines.toPoint(end) ?? lines.toPoint(start)!}
  return {type: 'emphasis', position, data: {hName: 'span', hProperties: {className: [pendingClass]}}, children: [{type: 'text', value: '??'}]}
}

function unknown(item: Item, file: VFile, pack: boolean): void {
  const expected = pack ? `a label in a reading of the pack (\`{#${item.key}}\`)` : `a label in this reading (\`{#${item.key}}\`)`
  file.message(`Unexpected reference \`@${item.key}\`, expected ${expected} or a key in the bibliography`, {
    ...(item.place ? {place: item.place} : {}),
    ruleId: 'crossref',
    source: 'folio'
  })
}
