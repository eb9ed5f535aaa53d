/**
 * rehypeBibliography: put the reading's bibliography (made by `remarkCitations`) at the end
 * of its body, its heading at the rank of the body's top headings, so that contents and
 * bookmarks list it beside them. It comes after the sanitizer, which would drop its ARIA
 * role; its content was sanitized when it was made.
 */
import type {Root} from 'hast'
import {headingRank} from 'hast-util-heading-rank'
import {visit} from '../util/visit.ts'
import type {VFile} from 'vfile'

export function rehypeBibliography() {
  return function (tree: Root, file: VFile) {
    const section = file.data.bibliography
    if (!section) return
    let top: number | undefined
    visit(tree, 'element', (node) => {
      const rank = headingRank(node)
      if (rank && (top === undefined || rank < top)) top = rank
    })
    const copy = structuredClone(section)
    const heading = copy.children[0]
    if (heading?.type === 'element' && headingRank(heading)) heading.tagName = `h${top ?? 2}`
    tree.children.push(copy)
  }
}
