/**
 * Headings that go down one level at a time. An author's `##` then `####` shows as a gap in
 * the outline that screen-reader users navigate by (Ace reports it); in the EPUB each heading
 * sits at most one level below the one before it, and so in the PDF's structure tree and on the web
 * page. A document's first heading is an `<h1>`.
 */
import type {Element, ElementContent} from 'hast'
import {headingRank} from 'hast-util-heading-rank'
import {visit} from 'unist-util-visit'

export function closeHeadingGaps(body: ElementContent[]): void {
  let previous = 0
  for (const child of body) {
    visit(child, 'element', (node: Element) => {
      const rank = headingRank(node)
      if (!rank) return
      const fixed = Math.min(rank, previous + 1)
      node.tagName = `h${fixed}`
      previous = fixed
    })
  }
}
