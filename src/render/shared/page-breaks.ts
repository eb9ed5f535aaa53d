/**
 * Page-break markers from the page map, in any edition's copy of a chapter. The print
 * document numbers a chapter's blocks before it adds anything of its own; every edition
 * counts them again the same way here, so a page start found in the print galley lands at
 * the same block and character in the EPUB and on the web page.
 */
import {toString} from 'hast-util-to-string'
import type {Element, ElementContent, Text} from 'hast'
import type {PageMap, PageStart} from '../../pack/page-map.ts'

/** Elements that count as blocks of a chapter: whatever can hold the start of a page. */
const blockTags = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'td',
  'th',
  'tr',
  'ul'
])

/** Print-only text (addresses after links) carries this attribute and is not counted. */
export const printOnlyAttribute = 'dataPrintOnly'

/** The chapter's blocks in document order (the chapter itself is not one). */
export function chapterBlocks(chapter: Element): Element[] {
  return blocksWithParents(chapter).map(([block]) => block)
}

function blocksWithParents(chapter: Element): Array<[block: Element, parent: Element]> {
  const blocks: Array<[Element, Element]> = []
  const walk = (node: Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      if (blockTags.has(child.tagName)) blocks.push([child, node])
      walk(child)
    }
  }
  walk(chapter)
  return blocks
}

/** Number the blocks (`data-block`), for the print galley, before anything is added to it. */
export function numberBlocks(chapter: Element): void {
  for (const [index, block] of chapterBlocks(chapter).entries()) block.properties['dataBlock'] = String(index)
}

/** The map's pages that start in this chapter. */
export function pagesIn(map: PageMap | undefined, chapter: string): PageStart[] {
  return map ? map.pages.filter((page) => page.chapter === chapter) : []
}

/**
 * Put `marker(page)` where each page starts: at the chapter's start, or in its block before
 * the character at the page's offset. Markers for one place keep the pages' order.
 */
export function insertPageBreaks(chapter: Element, given: PageStart[], marker: (page: PageStart) => Element): void {
  if (given.length === 0) return
  // A figure the paginator floated to a later page prints after text that follows it in the
  // source; pages are marked in reading order (EPUB's page-list must be), each no earlier
  // than the page before it.
  const pages: PageStart[] = []
  for (const page of given) {
    const previous = pages.at(-1)
    const before = previous !== undefined && (page.block < previous.block || (page.block === previous.block && page.offset < previous.offset))
    pages.push(before ? {...page, block: previous.block, offset: previous.offset} : page)
  }
  const blocks = blocksWithParents(chapter)
  const atStart = pages.filter((page) => page.block < 0 || blocks[page.block] === undefined)
  // Pages that start at one place (a table or a figure spanning them) are marked there
  // together, in order; later places first, so earlier offsets still point at the text
  // they were measured on.
  const places: PageStart[][] = []
  for (const page of pages.filter((page) => !atStart.includes(page))) {
    const last = places.at(-1)
    if (last && last[0]!.block === page.block && last[0]!.offset === page.offset) last.push(page)
    else places.push([page])
  }
  for (const group of places.reverse()) {
    const [block, parent] = blocks[group[0]!.block]!
    const markers = group.map(marker)
    if (!insertAt(block, group[0]!.offset, markers)) parent.children.splice(parent.children.indexOf(block), 0, ...markers)
  }
  chapter.children.unshift(...atStart.map(marker))
}

/** Blocks that cannot hold a marker of their own (it goes before them). */
const noPhrasing = new Set(['hr', 'table', 'tr', 'ol', 'ul', 'dl'])

/**
 * Insert `marker` before the character at `offset` of the block's text (at its end, if
 * shorter); false when the block cannot hold it.
 */
function insertAt(block: Element, offset: number, markers: Element[]): boolean {
  let seen = 0
  const place = (parent: Element): boolean => {
    for (let index = 0; index < parent.children.length; index++) {
      const child = parent.children[index]!
      if (child.type === 'text') {
        if (seen + child.value.length > offset) {
          const at = offset - seen
          const parts: ElementContent[] = at > 0 ? [text(child.value.slice(0, at)), ...markers, text(child.value.slice(at))] : [...markers, child]
          parent.children.splice(index, 1, ...parts)
          return true
        }
        seen += child.value.length
      } else if (child.type === 'element' && child.tagName === 'math') {
        // MathML holds no phrasing: a page that starts inside an equation is marked before it.
        const length = toString(child).length
        if (seen + length > offset) {
          parent.children.splice(index, 0, ...markers)
          return true
        }
        seen += length
      } else if (child.type === 'element' && !isVoid(child) && child.tagName !== 'svg' && place(child)) return true
    }
    return false
  }
  if (place(block)) return true
  if (noPhrasing.has(block.tagName)) return false
  block.children.push(...markers)
  return true
}

function text(value: string): Text {
  return {type: 'text', value}
}

function isVoid(element: Element): boolean {
  return ['img', 'br', 'hr', 'input', 'wbr'].includes(element.tagName)
}
