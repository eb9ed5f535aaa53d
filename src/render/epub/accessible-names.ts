/**
 * What assistive technology needs from markup that came in as raw HTML or Markdown, where
 * Ace by DAISY (axe-core) reports its absence as critical or serious:
 *
 * - every image has an `alt` attribute (empty when the author gave none: the image is then
 *   skipped by screen readers rather than read out as a file name);
 * - every link has a name (an image-only link without alternative text is named by its URL,
 *   and a link with no content at all, which no one can see or follow, is left out);
 * - an inline SVG that claims to be an image (`role="img"`) has a name, or stops claiming;
 * - a task list's checkbox is labelled with its item's text;
 * - a table made only of header cells (a Markdown table with no rows) has data cells.
 */
import type {Element, Root} from 'hast'
import {toString} from 'hast-util-to-string'
import {visit} from '../../util/visit.ts'

export function conformAccessibleNames(tree: Root | Element): void {
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName === 'img' && typeof node.properties['alt'] !== 'string') node.properties['alt'] = ''
    if (node.tagName === 'svg' && node.properties['role'] === 'img' && !svgName(node)) delete node.properties['role']
    if (node.tagName === 'a' && typeof node.properties['href'] === 'string' && !hasName(node)) {
      if (node.children.some((child) => child.type === 'element') || !parent || index === undefined) node.properties['ariaLabel'] = node.properties['href']
      else {
        parent.children.splice(index, 1)
        return index
      }
    }
    if (node.tagName === 'input' && parent?.type === 'element') {
      const label = toString(parent).trim().replace(/\s+/g, ' ')
      if (label) node.properties['ariaLabel'] = label
    }
    if (node.tagName === 'table') dataCellsFor(node)
    return undefined
  })
}

/** The accessible name an element's content gives it. */
function hasName(node: Element): boolean {
  if (typeof node.properties['ariaLabel'] === 'string' && node.properties['ariaLabel'].trim()) return true
  if (toString(node).trim() !== '') return true
  let named = false
  visit(node, 'element', (child: Element) => {
    if (child.tagName === 'img' && String(child.properties['alt'] ?? '').trim()) named = true
    if (child.tagName === 'svg' && svgName(child)) named = true
  })
  return named
}

function svgName(node: Element): boolean {
  if (typeof node.properties['ariaLabel'] === 'string' && node.properties['ariaLabel'].trim()) return true
  return node.children.some((child) => child.type === 'element' && child.tagName === 'title' && toString(child).trim() !== '')
}

function dataCellsFor(table: Element): void {
  let data = false
  visit(table, 'element', (cell: Element) => {
    if (cell.tagName === 'td') data = true
  })
  if (data) return
  visit(table, 'element', (cell: Element) => {
    if (cell.tagName === 'th') {
      cell.tagName = 'td'
      delete cell.properties['scope']
    }
  })
}
