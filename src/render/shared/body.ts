/**
 * A reading's body as one edition needs it: a copy (editions never change the shared
 * tree) with headings moved below the reading's title.
 */
import type {Element, ElementContent, Root} from 'hast'
import {headingRank} from 'hast-util-heading-rank'
import {visit} from '../../util/visit.ts'
import type {Reading} from '../../pack/model.ts'

/** The body's children, with its top headings one rank below a title of rank `titleRank`. */
export function readingBody(reading: Reading, titleRank: number): ElementContent[] {
  const tree: Root = structuredClone(reading.tree)
  const shift = titleRank - 1
  if (shift !== 0) {
    visit(tree, 'element', (node: Element) => {
      const rank = headingRank(node)
      if (rank) node.tagName = `h${Math.min(6, rank + shift)}`
    })
  }
  return tree.children.filter((child): child is ElementContent => child.type !== 'doctype')
}
