/**
 * Headings that go down one level at a time. An author's `##` then `####` shows as a gap in
 * the outline that screen-reader users navigate by (Ace reports it); in the EPUB each heading
 * sits at most one level below the one before it, and so in the PDF's structure tree and on the web
 * page. A document's first heading is an `<h1>` (or one below the heading it sits under).
 */
import type {Element, ElementContent} from 'hast'
import {headingRank} from 'hast-util-heading-rank'
import {visit} from '../../util/visit.ts'

/** `above`: the level of the heading before `body` (a reading inside a part: the part's, 1). */
export function closeHeadingGaps(body: ElementContent[], above = 0): void {
  let previous = above
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
