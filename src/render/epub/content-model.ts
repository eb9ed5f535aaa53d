/**
 * Make a tree valid XHTML for EPUB readers and EPUBCheck, whatever raw HTML the Markdown
 * held. Browsers forgive `<span><div>`, `<ul><p>` or `<a>` inside `<a>`; the XHTML schema
 * does not, and e-readers that parse strictly show an error page instead of the reading.
 *
 * Each fix keeps the text and changes the markup as little as it can: a block inside a
 * phrasing element becomes a `<span>`, stray list content moves into a list item, a list,
 * figure or disclosure that cannot be repaired becomes a `<div>`. Inline SVG is left as the
 * sanitizer let it through.
 */
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'

/** Phrasing content: what may sit inside a paragraph. */
const phrasing = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'br',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'i',
  'img',
  'input',
  'ins',
  'kbd',
  'label',
  'mark',
  'q',
  'ruby',
  'rt',
  'rp',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'svg',
  'math',
  'time',
  'u',
  'var',
  'wbr'
])

/** Elements whose content must be phrasing content. */
const phrasingParents = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'span',
  'em',
  'strong',
  'b',
  'i',
  'u',
  's',
  'small',
  'mark',
  'abbr',
  'cite',
  'code',
  'kbd',
  'samp',
  'var',
  'sub',
  'sup',
  'q',
  'dfn',
  'bdi',
  'bdo',
  'data',
  'time',
  'label',
  'rt',
  'rp',
  'ruby',
  'summary'
])

/** Interactive content, which may not sit inside a link. */
const interactive = new Set(['a', 'input', 'details', 'label', 'button', 'select', 'textarea'])

/** Obsolete elements the sanitizer lets through, and their HTML5 equivalents. */
const obsolete: Record<string, string> = {strike: 's', tt: 'code', center: 'div', font: 'span', big: 'span'}

/** Elements that only make sense inside a given parent. */
const parents: Record<string, string[]> = {
  li: ['ul', 'ol', 'menu'],
  dt: ['dl', 'div'],
  dd: ['dl', 'div'],
  figcaption: ['figure'],
  summary: ['details'],
  rt: ['ruby'],
  rp: ['ruby']
}

interface Context {
  /** Inside an element whose content must be phrasing. */
  phrasing: boolean
  /** Inside a link. */
  link: boolean
}

export function conformContentModel(tree: Root | Element): void {
  fixChildren(tree, {phrasing: false, link: false})
}

function fixChildren(parent: Root | Element, context: Context): void {
  const parentName = parent.type === 'element' ? parent.tagName : ''
  const children: ElementContent[] = []
  for (const child of parent.children) {
    if (child.type === 'doctype') continue
    if (child.type !== 'element') {
      children.push(child)
      continue
    }
    // SVG and MathML are foreign content with content models of their own.
    if (child.tagName === 'svg' || child.tagName === 'math') {
      children.push(child)
      continue
    }
    // A `<picture>` only offers alternative sources, which EPUB cannot fetch: keep its image.
    if (child.tagName === 'picture') {
      children.push(...child.children.filter((node): node is Element => node.type === 'element' && node.tagName === 'img'))
      continue
    }
    if (child.tagName === 'source') continue
    // The HTML parser leaves empty paragraphs where it closed one early (`<p><div>`).
    if (child.tagName === 'p' && child.children.length === 0 && child.properties['id'] === undefined) continue
    child.tagName = obsolete[child.tagName] ?? child.tagName
    if (context.link && interactive.has(child.tagName)) child.tagName = child.tagName === 'details' ? 'div' : 'span'
    if (context.phrasing && !phrasing.has(child.tagName)) {
      if (child.tagName === 'hr') continue
      child.tagName = 'span'
    }
    const allowed = parents[child.tagName]
    if (allowed && !allowed.includes(parentName)) child.tagName = context.phrasing ? 'span' : 'div'
    children.push(child)
  }
  parent.children = children

  if (parent.type === 'element') {
    if (parent.tagName === 'ul' || parent.tagName === 'ol') wrapInListItems(parent)
    if (parent.tagName === 'dl') checkDescriptionList(parent)
    if (parent.tagName === 'figure') checkFigure(parent)
    if (parent.tagName === 'details') checkDetails(parent)
  }

  for (const child of parent.children) {
    if (child.type !== 'element' || child.tagName === 'svg' || child.tagName === 'math') continue
    const transparent = child.tagName === 'a' || child.tagName === 'ins' || child.tagName === 'del'
    fixChildren(child, {
      phrasing: transparent ? context.phrasing : context.phrasing || phrasingParents.has(child.tagName),
      link: context.link || child.tagName === 'a'
    })
  }
}

/** Anything but a list item inside a list moves into one (whitespace stays where it is). */
function wrapInListItems(list: Element): void {
  const children: ElementContent[] = []
  let open: Element | undefined
  for (const child of list.children) {
    if (child.type === 'element' && child.tagName === 'li') {
      open = undefined
      children.push(child)
    } else if (child.type === 'text' && child.value.trim() === '' && !open) {
      children.push(child)
    } else if (child.type === 'comment') {
      continue
    } else {
      if (!open) {
        open = h('li')
        children.push(open)
      }
      open.children.push(child)
    }
  }
  list.children = children
}

/** A description list must be groups of terms then descriptions; otherwise it becomes divs. */
function checkDescriptionList(list: Element): void {
  const items = elementChildren(list)
  const groups = items.every((item) => item.tagName === 'div') ? items.map((item) => elementChildren(item)) : [items]
  const valid =
    list.children.every((child) => child.type !== 'text' || child.value.trim() === '') &&
    groups.every((group) => /^(?:(?:t)+(?:d)+)+$/.test(group.map((item) => (item.tagName === 'dt' ? 't' : item.tagName === 'dd' ? 'd' : 'x')).join('')))
  if (valid) return
  list.tagName = 'div'
  const demote = (node: Element) => {
    for (const item of elementChildren(node)) {
      if (item.tagName === 'dt' || item.tagName === 'dd') item.tagName = 'div'
      if (item.tagName === 'div') demote(item)
    }
  }
  demote(list)
}

/** A figure has at most one caption, first or last. */
function checkFigure(figure: Element): void {
  const items = elementChildren(figure)
  items.forEach((item, index) => {
    if (item.tagName !== 'figcaption') return
    const first = items.findIndex((candidate) => candidate.tagName === 'figcaption') === index
    if (!first || (index !== 0 && index !== items.length - 1)) item.tagName = 'div'
  })
}

/** A disclosure opens with its summary; without one it is a plain division. */
function checkDetails(details: Element): void {
  const items = elementChildren(details)
  const firstIsSummary = items[0]?.tagName === 'summary'
  items.forEach((item, index) => {
    if (item.tagName === 'summary' && (index > 0 || !firstIsSummary)) item.tagName = 'div'
  })
  if (!firstIsSummary) {
    details.tagName = 'div'
    delete details.properties['open']
  }
}

function elementChildren(node: Element): Element[] {
  return node.children.filter((child): child is Element => child.type === 'element')
}
