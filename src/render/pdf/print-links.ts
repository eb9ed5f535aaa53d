/**
 * Paper cannot be clicked: an external link whose text is not already its address gets the
 * address after it, in the print edition only.
 */
import type {Element, ElementContent, Root} from 'hast'
import {toString} from 'hast-util-to-string'
import {SKIP, visit} from '../../util/visit.ts'
import {printOnlyAttribute} from '../shared/page-breaks.ts'

export function addPrintUrls(tree: Root | Element): void {
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'a' || !parent || index === undefined) return undefined
    const href = node.properties['href']
    if (typeof href !== 'string' || !/^(https?|mailto):/i.test(href)) return undefined
    const shown = bare(href)
    if (bare(toString(node)) === shown) return SKIP
    // Marked print-only: the page map counts only the text every edition has.
    const note: ElementContent[] = [
      {
        type: 'element',
        tagName: 'span',
        properties: {[printOnlyAttribute]: ''},
        children: [
          {type: 'text', value: ' ('},
          {type: 'element', tagName: 'span', properties: {className: ['print-url']}, children: [{type: 'text', value: shown}]},
          {type: 'text', value: ')'}
        ]
      }
    ]
    parent.children.splice(index + 1, 0, ...note)
    return [SKIP, index + 1 + note.length]
  })
}

/** An address as a reader would copy it: no `mailto:`, no trailing slash. */
function bare(address: string): string {
  return address
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/\/$/, '')
}
