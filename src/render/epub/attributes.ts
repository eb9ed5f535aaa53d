/**
 * Keep only attributes that are valid XHTML where they stand. The sanitizer follows GitHub's
 * list, which includes presentational attributes of HTML 4 (`align`, `border`, `cellpadding`,
 * `nowrap`…) and lets `width="50%"` through; EPUBCheck rejects each of those.
 *
 * Table cell alignment from Markdown (`|:--:|`) survives as an inline style, since it is
 * how the author's columns of figures line up. Inline SVG is left alone.
 */
import type {Element, Properties, Root} from 'hast'
import {visit, SKIP} from '../../util/visit.ts'

/** Attributes any HTML element may have (hast property names). */
const global = new Set(['id', 'className', 'title', 'lang', 'dir', 'role', 'hidden', 'tabIndex', 'accessKey', 'translate', 'epub:type'])

/** Attributes particular elements may have, with a check of their value. */
const particular: Record<string, Record<string, (value: string, node: Element, parent: Element | Root | undefined) => boolean>> = {
  a: {href: any, hrefLang: any, type: any},
  img: {src: any, alt: any, width: integer, height: integer},
  ol: {start: signedInteger, reversed: any, type: (value) => ['1', 'a', 'A', 'i', 'I'].includes(value)},
  li: {value: (value, _node, parent) => parent?.type === 'element' && parent.tagName === 'ol' && signedInteger(value)},
  td: {colSpan: positive, rowSpan: integer, style: any},
  th: {colSpan: positive, rowSpan: integer, scope: (value) => ['row', 'col', 'rowgroup', 'colgroup'].includes(value), style: any},
  blockquote: {cite: any},
  q: {cite: any},
  del: {cite: any, dateTime: any},
  ins: {cite: any, dateTime: any},
  details: {open: any},
  input: {type: (value) => value === 'checkbox', checked: any, disabled: any}
}

/** Checks of global attributes' values. */
const globalValues: Record<string, (value: string) => boolean> = {
  dir: (value) => ['ltr', 'rtl', 'auto'].includes(value),
  lang: (value) => value === '' || knownLanguage(value),
  tabIndex: signedInteger,
  translate: (value) => value === 'yes' || value === 'no',
  id: (value) => value.trim() !== ''
}

export function conformAttributes(tree: Root | Element): void {
  visit(tree, 'element', (node: Element, _index, parent) => {
    if (node.tagName === 'svg' || node.tagName === 'math') return SKIP
    if ((node.tagName === 'td' || node.tagName === 'th') && typeof node.properties['align'] === 'string') {
      const align = node.properties['align'].toLowerCase()
      if (['left', 'right', 'center', 'justify'].includes(align)) node.properties['style'] = `text-align: ${align}`
    }
    const allowed = particular[node.tagName] ?? {}
    const kept: Properties = {}
    for (const [key, value] of Object.entries(node.properties)) {
      if (value === undefined || value === null || value === false) continue
      const text = Array.isArray(value) ? value.join(' ') : String(value)
      const check = allowed[key]
      const keep = check
        ? check(text, node, parent ?? undefined)
        : global.has(key)
          ? (globalValues[key] ?? any)(text)
          : key.startsWith('aria') || /^data[A-Z]/.test(key)
      if (keep) kept[key] = value
    }
    node.properties = kept
    return undefined
  })
}

function any(): boolean {
  return true
}

function integer(value: string): boolean {
  return /^\d+$/.test(value.trim())
}

function positive(value: string): boolean {
  return integer(value) && Number(value) > 0
}

function signedInteger(value: string): boolean {
  return /^-?\d+$/.test(value.trim())
}

const languageNames = new Intl.DisplayNames(['en'], {type: 'language', fallback: 'none'})

/** A BCP 47 tag whose language is one ICU knows (`lang="english"` is not; screen readers need a real one). */
function knownLanguage(tag: string): boolean {
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag)) return false
  try {
    return languageNames.of(tag.split('-')[0]!) !== undefined
  } catch {
    return false
  }
}
