/**
 * citeproc-js's HTML as hast that every edition can carry: its inline `style` attributes
 * (which the sanitizer drops) become classes, and the result is sanitized like any raw HTML
 * in a reading, since bibliography fields are content too.
 */
import type {Element, ElementContent, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {sanitize, type Schema} from 'hast-util-sanitize'
import {visit} from '../util/visit.ts'

/** citeproc-js's inline styles and the classes that stand for them. */
const styleClasses: Array<[RegExp, string]> = [
  [/font-variant:\s*small-caps/, 'csl-small-caps'],
  [/font-style:\s*normal/, 'csl-no-italic'],
  [/font-weight:\s*normal/, 'csl-no-bold'],
  [/text-decoration:\s*underline/, 'csl-underline']
]

/** `schema` is the one every reading's raw HTML is sanitized with (the transform's). */
export function citeprocToHast(html: string, schema: Schema): ElementContent[] {
  const parsed = fromHtml(html, {fragment: true})
  visit(parsed, 'element', (node: Element) => {
    const style = node.properties['style']
    if (typeof style !== 'string') return
    const classes = styleClasses.filter(([pattern]) => pattern.test(style)).map(([, name]) => name)
    delete node.properties['style']
    if (classes.length > 0) node.properties['className'] = [...toList(node.properties['className']), ...classes]
  })
  const clean = sanitize(parsed, schema) as Root
  return clean.children.filter((child): child is ElementContent => child.type === 'element' || child.type === 'text')
}

function toList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : []
}
