/**
 * Page numbers for cross-references in print: "Figure 2 (p. 14)" when the figure is on
 * another page than the reference. Each `a.xref` of the print document gets an empty slot
 * after it; the paginator's plan says where the reference and its target land, and the slot
 * is filled. Filling it changes the text, so the renderer measures and paginates again until
 * the numbers no longer change (`renderPdf`).
 */
import type {Element, Root} from 'hast'
import {visit} from '../../util/visit.ts'
import {xrefClass} from '../../transform/remark-crossref.ts'
import type {Measured, PagePlan} from './model.ts'
import {pagesAt} from './paginate.ts'

export const pageSlotClass = 'xref-page'

/** After each cross-reference link, a slot for the target's page, with the language's "p.". */
export function addXrefPageSlots(tree: Root | Element, pageWord: string): void {
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'a' || !parent || index === undefined) return undefined
    const classes = node.properties['className']
    const href = node.properties['href']
    if (!Array.isArray(classes) || !classes.includes(xrefClass) || typeof href !== 'string' || !href.startsWith('#')) return undefined
    const slot: Element = {
      type: 'element',
      tagName: 'span',
      properties: {className: [pageSlotClass], dataTarget: href.slice(1), dataPageWord: pageWord},
      children: []
    }
    parent.children.splice(index + 1, 0, slot)
    return index + 2
  })
}

/** The text of each slot, in document order: ` (p. N)` when the target is on another page. */
export function xrefPageTexts(measured: Measured, plan: PagePlan): string[] {
  const {xrefs} = measured
  const referencePages = pagesAt(
    measured,
    plan,
    xrefs.map((xref) => xref.y)
  )
  const targetPages = pagesAt(
    measured,
    plan,
    xrefs.map((xref) => xref.targetY ?? Number.NaN)
  )
  return xrefs.map((xref, index) => {
    const target = targetPages[index]
    if (xref.targetY === undefined || target === undefined || target === referencePages[index]) return ''
    return ` (${xref.pageWord} ${target})`
  })
}
