/**
 * Places to cut the galley: found once, before the first cut, while the galley is laid out as
 * it was measured.
 */
import type {BreakPosition} from './measure.ts'
import {probe} from './dom.ts'

/**
 * A place to cut, found before the first cut: a character of a text node (its offset in the
 * node as it was), the gap before a node, or the end of an element. Not a live Range: a
 * thousand live ranges, each updated at every node the cuts move, cost seconds.
 */
export type Point = {text: Text; offset: number} | {before: Node} | {atEnd: Element}

/** Characters already cut off the start of a text node (a paragraph over three pages). */
const trimmed = new WeakMap<Text, number>()

/** Make `point` the end of `range`, allowing for what earlier cuts took. */
export function cutAt(range: Range, point: Point): void {
  if ('text' in point) {
    range.setEnd(point.text, point.offset - (trimmed.get(point.text) ?? 0))
    trimmed.set(point.text, point.offset)
  } else if ('before' in point) range.setEndBefore(point.before)
  else range.setEnd(point.atEnd, point.atEnd.childNodes.length)
}

export function pointOf(position: BreakPosition, galley: Element): Point {
  if ('end' in position) return {atEnd: galley}
  if ('before' in position) return {before: position.before}
  return lineStart(position.block, position.y)
}

/**
 * The start of the first line below `y` in `block`: the first character whose glyph lies
 * below it, by binary search over the block's text.
 */
export function lineStart(block: Element, y: number): Point {
  const texts: Text[] = []
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text)
  const starts: number[] = []
  let total = 0
  for (const text of texts) {
    starts.push(total)
    total += text.data.length
  }
  const locate = (offset: number): [Text, number] => {
    let low = 0
    let high = texts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (starts[middle]! <= offset) low = middle
      else high = middle - 1
    }
    return [texts[low]!, offset - starts[low]!]
  }
  /**
   * Middle of the glyph at `offset`, or of the next visible one (collapsed spaces have no
   * box). The middle, because a font's glyph boxes may be taller than the line and overlap
   * the next line's.
   */
  const middleAt = (offset: number): number => {
    for (let at = offset; at < total; at++) {
      const [node, index] = locate(at)
      probe.setStart(node, index)
      probe.setEnd(node, index + 1)
      // The last box: the character after a hyphenated line break also reports the
      // hyphen drawn at the end of the line before.
      const box = [...probe.getClientRects()].at(-1)
      if (box && box.height > 0) return (box.top + box.bottom) / 2
    }
    return Number.POSITIVE_INFINITY
  }
  let low = 0
  let high = total
  while (low < high) {
    const middle = (low + high) >> 1
    if (middleAt(middle) > y) high = middle
    else low = middle + 1
  }
  // Start the next page at the glyph itself, not at white space collapsed before it (in
  // code, white space is kept: indentation belongs to the next line).
  const collapsible = !getComputedStyle(block).whiteSpace.startsWith('pre')
  while (collapsible && low < total) {
    const [node, index] = locate(low)
    if (!/\s/.test(node.data[index] ?? '')) break
    low++
  }
  const [node, index] = locate(Math.min(low, total))
  return {text: node, offset: index}
}

/** The elements a cut at `point` divides in two: its ancestors below the galley. */
export function splitChain(point: Point, galley: Element): Element[] {
  const chain: Element[] = []
  let node: Node | null = 'text' in point ? point.text.parentNode : 'before' in point ? point.before.parentNode : null
  for (; node && node !== galley; node = node.parentNode) chain.unshift(node as Element)
  return chain
}

/** Whether the line before `point` ends at a soft hyphen, where Chromium drew a hyphen. */
export function hyphenBefore(point: Point): boolean {
  return 'text' in point && point.offset > 0 && point.text.data[point.offset - 1] === '\u00ad'
}
