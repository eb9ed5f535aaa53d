/**
 * The bibliography of a reading as a `section[role=doc-bibliography]`, one entry per work
 * cited, each with the id its citations link to.
 */
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import {citeprocToHast} from '../../citations/html.ts'
import {sanitizeSchema} from '../sanitize-schema.ts'
import {uniqueName} from '../../util/names.ts'

/**
 * The id of each record's entry: `ref-` and the key, with what an XML id may not hold (the
 * EPUB is XHTML) replaced; unique even when two keys differ only there.
 */
export function entryAnchors(keys: Iterable<string>): Map<string, string> {
  const anchors = new Map<string, string>()
  const taken = new Set<string>()
  for (const key of keys) {
    const base = 'ref-' + key.replace(/[^\p{L}\p{N}._-]/gu, '-')
    const anchor = uniqueName(base, taken)
    taken.add(anchor)
    anchors.set(key, anchor)
  }
  return anchors
}

/**
 * Numeric styles put the label and the reference in two blocks (`div.csl-left-margin`,
 * `div.csl-right-inline`) that need a style sheet to sit side by side; spans read right
 * anywhere.
 */
function inlineMargin(children: ElementContent[]): ElementContent[] {
  return children.flatMap((child): ElementContent[] => {
    if (child.type !== 'element' || child.tagName !== 'div') return [child]
    const margin = String(child.properties['className'] ?? '').includes('csl-left-margin')
    return [{...child, tagName: 'span'}, ...(margin ? [{type: 'text' as const, value: ' '}] : [])]
  })
}

export function bibliographySection(entries: Array<{key: string; html: string}>, anchors: ReadonlyMap<string, string>, title: string): Element | undefined {
  if (entries.length === 0) return undefined
  const items = entries.map(({key, html}) => {
    const [entry] = citeprocToHast(html, sanitizeSchema)
    const element = entry?.type === 'element' ? entry : h('div', {className: ['csl-entry']}, entry ? [entry] : [])
    // No role: DPUB-ARIA 1.1 deprecates doc-biblioentry (Ace reports it).
    element.properties = {...element.properties, id: anchors.get(key)}
    element.children = inlineMargin(element.children)
    return element
  })
  return h('section', {className: ['references'], id: 'refs', role: 'doc-bibliography'}, [
    h('h2', {className: ['references-title']}, title),
    h('div', {className: ['csl-bib-body']}, items)
  ])
}
