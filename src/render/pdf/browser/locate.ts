/**
 * Where each planned page starts, as a place in its chapter that the other editions can find
 * (see `pack/page-map.ts`): the numbered block around the page's first character and how
 * many characters of that block's text come before it. Run after paginating and before
 * composing, while the galley is as it was measured.
 */
import type {BreakPosition} from './measure.ts'
import {pointOf, type Point} from './points.ts'

export interface PagePlace {
  chapter: string
  block: number
  offset: number
}

export function locatePages(positions: BreakPosition[], breaks: number[]): PagePlace[] {
  const galley = document.getElementById('galley')!
  return breaks.map((at) => locate(pointOf(positions[at]!, galley), galley))
}

function locate(point: Point, galley: Element): PagePlace {
  if ('atEnd' in point) return {chapter: chapterOf(galley.lastElementChild, galley), block: -1, offset: 0}
  if ('before' in point) {
    const element = point.before as Element
    if (element.parentElement === galley) return {chapter: element.id, block: -1, offset: 0}
    // A page that starts with a block starts at its first character, in the innermost block
    // that holds it (an item of a list, a cell of a row).
    const first = firstText(element)
    if (!first) {
      const block = element.closest('[data-block]')
      return {chapter: chapterOf(element, galley), block: block ? Number(block.getAttribute('data-block')) : -1, offset: 0}
    }
    return locate({text: first, offset: 0}, galley)
  }
  const block = point.text.parentElement?.closest('[data-block]')
  if (!block) return {chapter: chapterOf(point.text.parentElement, galley), block: -1, offset: 0}
  // A line that starts inside a printed address starts, for the other editions, after the link.
  const printOnly = point.text.parentElement?.closest('[data-print-only]')
  const offset = printOnly ? textBefore(block, printOnly) : textBefore(block, point.text) + counted(point.text.data.slice(0, point.offset))
  return {chapter: chapterOf(block, galley), block: Number(block.getAttribute('data-block')), offset}
}

/** The id of the galley's child that holds `node`. */
function chapterOf(node: Element | null, galley: Element): string {
  let element = node
  while (element && element.parentElement !== galley) element = element.parentElement
  return element?.id ?? ''
}

/** Text nodes every edition has: not print-only, not inside drawings. */
function walker(root: Node): TreeWalker {
  return document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT
      const element = node as Element
      return element.hasAttribute('data-print-only') || element.tagName.toLowerCase() === 'svg' ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP
    }
  })
}

function firstText(root: Element): Text | undefined {
  const walk = walker(root)
  for (let node = walk.nextNode(); node; node = walk.nextNode()) if ((node as Text).data.trim()) return node as Text
  return undefined
}

/** Characters of the block's text before the node `until`. */
function textBefore(block: Element, until: Node): number {
  let total = 0
  const walk = walker(block)
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    if (node === until || until.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) break
    if (node.nodeType === Node.TEXT_NODE) total += counted((node as Text).data)
  }
  return total
}

/** Length without the soft hyphens the print edition added. */
function counted(text: string): number {
  let length = text.length
  for (const character of text) if (character === '\u00ad') length--
  return length
}
