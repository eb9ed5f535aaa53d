/**
 * Pandoc's citation syntax in an mdast tree: `[see @a, p. 3; also -@b]`, `@a`, `@a [p. 3]`.
 * Each citation becomes a `cite` node holding its items; prefixes and suffixes keep their
 * Markdown (emphasis, code, …) as mdast. `[@a]` with a link definition is a link already, and
 * an e-mail address a GFM autolink, so neither reaches here.
 */
import type {Parent, PhrasingContent, Text} from 'mdast'
import type {VFile} from 'vfile'
import {parseLocator, type LocatorLabels} from '../../citations/locators.ts'
import {findKey, isEscaped, keyAt, pointAt, type KeyMatch} from './keys.ts'
import type {Cite, CiteItem} from './cite.ts'
import {closingBracket, materialize, replace, segments, split, type Cursor, type Hit, type Segment} from './runs.ts'

const opaque = new Set(['link', 'linkReference', 'cite'])

/** Replace citation syntax under `parent` with `cite` nodes; returns them in document order. */
export function findCitations(parent: Parent, file: VFile, labels: LocatorLabels, found: Cite[] = []): Cite[] {
  const children = parent.children as PhrasingContent[]
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!
    if (node.type === 'text') {
      const hit = firstCitation(children, index, file, labels)
      if (!hit) continue
      index = replace(children, hit, file)
      found.push(hit.cite)
    } else if ('children' in node && !opaque.has(node.type)) {
      findCitations(node as Parent, file, labels, found)
    }
  }
  return found
}

function firstCitation(children: PhrasingContent[], index: number, file: VFile, labels: LocatorLabels): Hit | undefined {
  const text = children[index] as Text
  for (let offset = 0; offset < text.value.length; offset++) {
    const character = text.value[offset]
    const hit =
      character === '['
        ? bracketed(children, {index, offset}, file, labels)
        : character === '@' || character === '-'
          ? inText(children, {index, offset}, file, labels)
          : undefined
    if (hit) return hit
  }
  return undefined
}

/** `[prefix @key suffix; …]` starting at the `[` under `at`. */
function bracketed(children: PhrasingContent[], at: Cursor, file: VFile, labels: LocatorLabels): Hit | undefined {
  const text = children[at.index] as Text
  if (isEscaped(text, at.offset, file)) return undefined
  const close = closingBracket(children, {index: at.index, offset: at.offset + 1}, file)
  if (!close) return undefined
  const items = itemsOf(segments(children, {index: at.index, offset: at.offset + 1}, close), file, labels)
  if (!items) return undefined
  return {from: at, to: {index: close.index, offset: close.offset + 1}, cite: {type: 'cite', items, inText: false}}
}

/** `@key`, or `@key [suffix; more]`, starting at `at`. */
function inText(children: PhrasingContent[], at: Cursor, file: VFile, labels: LocatorLabels): Hit | undefined {
  const text = children[at.index] as Text
  const key = keyAt(text, at.offset, file)
  if (!key) return undefined
  const item = citeItem(key, [], [], text, file, labels)
  const cite: Cite = {type: 'cite', items: [item], inText: true}
  const hit = {from: at, to: {index: at.index, offset: key.end}, cite}
  // Pandoc's "bare locator": a bracket right after the key (a space or one line break
  // between), not followed by `(`, `[` or `{` (that would be a link).
  const gap = /^[ \t]*(?:\r?\n[ \t]*)?\[(?!\^)/.exec(text.value.slice(key.end))
  if (!gap) return hit
  const open = {index: at.index, offset: key.end + gap[0].length}
  const close = closingBracket(children, open, file)
  if (!close || /^[([{]/.test(textAfter(children, close))) return hit
  const [first = [], ...rest] = split(segments(children, open, close), file)
  if (first.some((segment) => 'text' in segment && keyWithin(segment, file))) return hit
  const more = rest.length > 0 ? itemsOf(rest.flat(), file, labels) : []
  if (!more) return hit
  cite.items = [citeItem(key, [], materialize(first), text, file, labels), ...more]
  return {from: at, to: {index: close.index, offset: close.offset + 1}, cite}
}

function textAfter(children: PhrasingContent[], close: Cursor): string {
  const rest = (children[close.index] as Text).value.slice(close.offset + 1)
  const next = children[close.index + 1]
  return rest || (next?.type === 'text' ? next.value : '')
}

/** The cites of a bracket's content, or `undefined` when one part holds no key. */
function itemsOf(run: Segment[], file: VFile, labels: LocatorLabels): CiteItem[] | undefined {
  const items: CiteItem[] = []
  for (const part of split(run, file)) {
    const at = part.findIndex((segment) => 'text' in segment && keyWithin(segment, file) !== undefined)
    const segment = part[at] as {text: Text; start: number; end: number} | undefined
    if (!segment) return undefined
    const key = keyWithin(segment, file)!
    const prefix = [...part.slice(0, at), {text: segment.text, start: segment.start, end: key.start}]
    const suffix = [{text: segment.text, start: key.end, end: segment.end}, ...part.slice(at + 1)]
    items.push(citeItem(key, materialize(prefix), materialize(suffix), segment.text, file, labels))
  }
  return items
}

function keyWithin(segment: {text: Text; start: number; end: number}, file: VFile): KeyMatch | undefined {
  const key = findKey(segment.text, file, segment.start)
  return key && key.end <= segment.end ? key : undefined
}

function citeItem(key: KeyMatch, prefix: PhrasingContent[], suffix: PhrasingContent[], text: Text, file: VFile, labels: LocatorLabels): CiteItem {
  const first = suffix[0]
  const locator = first?.type === 'text' ? parseLocator(first.value, labels) : undefined
  if (locator && first?.type === 'text') {
    first.value = locator.rest
    if (first.value === '') suffix.shift()
  }
  return {
    key: key.key,
    prefix: trimEdges(prefix),
    suffix: trimEdges(suffix, true),
    locator: locator && {label: locator.label, locator: locator.locator},
    suppressAuthor: key.suppressAuthor,
    place: pointAt(text, key.start, file)
  }
}

/** Leading spaces of a prefix and trailing ones of a suffix (a suffix keeps its leading comma or space). */
function trimEdges(nodes: PhrasingContent[], isSuffix = false): PhrasingContent[] {
  const first = nodes[0]
  const last = nodes.at(-1)
  if (!isSuffix && first?.type === 'text') first.value = first.value.replace(/^\s+/, '')
  if (last?.type === 'text') last.value = isSuffix ? last.value.replace(/\s+$/, '') : last.value.replace(/\s+$/, ' ')
  return nodes.filter((node) => node.type !== 'text' || node.value !== '')
}
