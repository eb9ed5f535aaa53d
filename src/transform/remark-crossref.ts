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
 * Runs before `remarkCitations`, which never sees the references.
 */
import type {Heading, Link, Parent, PhrasingContent, Root, Strong, Text} from 'mdast'
import type {Math} from 'mdast-util-math'
import {SKIP, visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {joinNames, wordsFor, type Words} from '../words.ts'

export const crossrefKinds = ['fig', 'tbl', 'sec', 'eq'] as const
export type CrossrefKind = (typeof crossrefKinds)[number]

/** The class of a reference's link, for the print edition's page numbers. */
export const xrefClass = 'xref'

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

interface Label {
  kind: CrossrefKind
  /** As printed: `2`, `3.1`. */
  number: string
}

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
    const words = wordsFor(file.data.matter?.lang ?? file.data.citationSetup?.lang)
    const labels = collectLabels(tree, file, words, options.counters)
    const bibliography = file.data.citationSetup?.items
    const isReference = (key: string) => labels.has(key) || !bibliography?.has(key)
    visit(tree, 'text', (node: Text, index, parent: Parent | undefined) => {
      if (!parent || index === undefined || parent.type === 'link' || parent.type === 'linkReference') return undefined
      const replacement = references(node, file, labels, words, isReference)
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
    labels.set(id, {kind, number})
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

interface Item {
  key: string
  suppress: boolean
  /** Offset of the `@` in the text node's value. */
  at: number
}

/** The text node with its references replaced, or `undefined` when it has none. */
function references(node: Text, file: VFile, labels: Map<string, Label>, words: Words, isReference: (key: string) => boolean): PhrasingContent[] | undefined {
  const out: PhrasingContent[] = []
  let last = 0
  for (const match of node.value.matchAll(referencePattern)) {
    const start = match.index
    const items: Item[] = match[1]
      ? [...match[1].matchAll(itemPattern)].map((item) => ({key: item[2]!, suppress: item[1] === '-', at: start + item.index + item[1]!.length}))
      : [{key: match[3]!, suppress: match[2] === '-', at: start + match[2]!.length}]
    if (!items.every((item) => isReference(item.key))) continue
    if (start > last) out.push({type: 'text', value: node.value.slice(last, start)})
    out.push(...render(items, node, file, labels, words))
    last = start + match[0].length
  }
  if (out.length === 0) return undefined
  if (last < node.value.length) out.push({type: 'text', value: node.value.slice(last)})
  return out
}

const singular: Record<CrossrefKind, keyof Words> = {fig: 'figure', tbl: 'table', sec: 'section', eq: 'equation'}
const plural: Record<CrossrefKind, keyof Words> = {fig: 'figures', tbl: 'tables', sec: 'sections', eq: 'equations'}

/** Items as printed: runs of one kind share their word ("Figures 1 and 2"); unknown ones read ??. */
function render(items: Item[], node: Text, file: VFile, labels: Map<string, Label>, words: Words): PhrasingContent[] {
  const out: PhrasingContent[] = []
  const lang = file.data.matter?.lang ?? 'en'
  let index = 0
  while (index < items.length) {
    if (out.length > 0) out.push({type: 'text', value: '; '})
    const first = items[index]!
    const label = labels.get(first.key)
    if (!label) {
      unknown(first, node, file)
      out.push(missing())
      index++
      continue
    }
    const run: Array<{item: Item; label: Label}> = []
    while (index < items.length) {
      const item = items[index]!
      const found = labels.get(item.key)
      if (!found || found.kind !== label.kind || item.suppress !== first.suppress) break
      run.push({item, label: found})
      index++
    }
    const number = (entry: {label: Label}) => (entry.label.kind === 'eq' ? `(${entry.label.number})` : entry.label.number)
    if (run.length === 1 && !first.suppress) {
      out.push(link(first.key, `${words[singular[label.kind]]} ${number(run[0]!)}`))
      continue
    }
    if (!first.suppress) out.push({type: 'text', value: `${words[plural[label.kind]]} `})
    // Numbers joined as names are ("1, 2 and 3"), each its own link.
    const placeholders = run.map((_entry, at) => `\uE000${at}\uE000`)
    const joined = joinNames(placeholders, lang)
    for (const part of joined.split(/(\uE000\d+\uE000)/)) {
      const at = /^\uE000(\d+)\uE000$/.exec(part)
      if (at) {
        const entry = run[Number(at[1])]!
        out.push(link(entry.item.key, number(entry)))
      } else if (part) out.push({type: 'text', value: part})
    }
  }
  return out
}

function link(key: string, text: string): Link {
  return {type: 'link', url: `#${key}`, children: [{type: 'text', value: text}], data: {hProperties: {className: [xrefClass]}}}
}

function missing(): Strong {
  return {type: 'strong', data: {hProperties: {className: ['xref-missing']}}, children: [{type: 'text', value: '??'}]}
}

function unknown(item: Item, node: Text, file: VFile): void {
  const offset = node.position?.start.offset
  const place = offset === undefined ? node.position?.start : location(file).toPoint(offset + item.at)
  file.message(`Unexpected reference \`@${item.key}\`, expected a label in this reading (\`{#${item.key}}\`) or a key in the bibliography`, {
    ...(place ? {place} : {}),
    ruleId: 'crossref',
    source: 'folio'
  })
}
