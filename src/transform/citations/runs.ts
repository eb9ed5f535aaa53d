/**
 * Runs of inline nodes, as citation syntax spans them: a bracketed citation may start in one
 * text node and end in another, with emphasis or code between. A cursor is a text node's
 * index among its siblings and an offset in its value.
 */
import type {PhrasingContent, Text} from 'mdast'
import type {VFile} from 'vfile'
import {isEscaped, pointAt} from './keys.ts'
import type {Cite} from './cite.ts'

export interface Cursor {
  index: number
  offset: number
}

/** A piece of a run of inline nodes: part of a text node, or a whole other node. */
export type Segment = {text: Text; start: number; end: number} | {node: PhrasingContent}

export interface Hit {
  from: Cursor
  to: Cursor
  cite: Cite
}

/** The `]` that closes a bracket opened just before `from`, in text of the same run. */
export function closingBracket(children: PhrasingContent[], from: Cursor, file: VFile): Cursor | undefined {
  let depth = 1
  for (let index = from.index; index < children.length; index++) {
    const node = children[index]!
    if (node.type !== 'text') continue
    for (let offset = index === from.index ? from.offset : 0; offset < node.value.length; offset++) {
      const character = node.value[offset]
      if ((character !== '[' && character !== ']') || isEscaped(node, offset, file)) continue
      depth += character === '[' ? 1 : -1
      if (depth === 0) return {index, offset}
    }
  }
  return undefined
}

export function segments(children: PhrasingContent[], from: Cursor, to: Cursor): Segment[] {
  const result: Segment[] = []
  for (let index = from.index; index <= to.index; index++) {
    const node = children[index]!
    if (node.type !== 'text') result.push({node})
    else result.push({text: node, start: index === from.index ? from.offset : 0, end: index === to.index ? to.offset : node.value.length})
  }
  return result.filter((segment) => !('text' in segment) || segment.end > segment.start)
}

/** Split at each `;`, the separator between cites. */
export function split(run: Segment[], file: VFile): Segment[][] {
  const parts: Segment[][] = [[]]
  for (const segment of run) {
    if (!('text' in segment)) {
      parts.at(-1)!.push(segment)
      continue
    }
    let start = segment.start
    for (let offset = segment.start; offset < segment.end; offset++) {
      if (segment.text.value[offset] !== ';' || isEscaped(segment.text, offset, file)) continue
      parts.at(-1)!.push({text: segment.text, start, end: offset})
      parts.push([])
      start = offset + 1
    }
    parts.at(-1)!.push({text: segment.text, start, end: segment.end})
  }
  return parts
}

export function materialize(run: Segment[]): PhrasingContent[] {
  return run
    .map((segment): PhrasingContent => ('text' in segment ? {type: 'text', value: segment.text.value.slice(segment.start, segment.end)} : segment.node))
    .filter((node) => node.type !== 'text' || node.value !== '')
}

/** Put `hit.cite` in place of the syntax; returns its index. Text around keeps its source position. */
export function replace(children: PhrasingContent[], hit: Hit, file: VFile): number {
  const first = children[hit.from.index] as Text
  const last = children[hit.to.index] as Text
  const start = pointAt(first, hit.from.offset, file)
  const end = pointAt(last, hit.to.offset, file)
  if (start && end) hit.cite.position = {start, end}
  const around: PhrasingContent[] = []
  if (hit.from.offset > 0) around.push(piece(first, 0, hit.from.offset, file))
  around.push(hit.cite)
  if (hit.to.offset < last.value.length) around.push(piece(last, hit.to.offset, last.value.length, file))
  children.splice(hit.from.index, hit.to.index - hit.from.index + 1, ...around)
  return hit.from.index + (hit.from.offset > 0 ? 1 : 0)
}

function piece(text: Text, start: number, end: number, file: VFile): Text {
  const from = start === 0 ? text.position?.start : pointAt(text, start, file)
  const to = end === text.value.length ? text.position?.end : pointAt(text, end, file)
  return {type: 'text', value: text.value.slice(start, end), ...(from && to ? {position: {start: from, end: to}} : {})}
}
