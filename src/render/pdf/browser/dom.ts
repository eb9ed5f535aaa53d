/**
 * Browser-side helpers shared by the measurer and the composer: what kind of box an element
 * is for pagination, and where its lines are.
 */

/** Elements laid out as blocks in our print document. */
const blockTags = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'UL'
])

/** Blocks never split across pages. */
const atomicTags = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'FIGURE', 'HR', 'IMG', 'SVG', 'PICTURE', 'DETAILS'])

/** Blocks that stay on the page of what follows them. */
const keepTags = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DT'])

export function blockChildren(element: Element): Element[] {
  return [...element.children].filter((child) => blockTags.has(child.tagName) || child.tagName === 'svg')
}

export function isAtomic(element: Element): boolean {
  return atomicTags.has(element.tagName.toUpperCase()) || element.classList.contains('keep')
}

/** Only block children (and inter-element white space): split between them. */
export function isContainer(element: Element): boolean {
  if (element.children.length === 0) return false
  for (const child of element.childNodes) {
    if (child.nodeType === Node.TEXT_NODE && child.textContent?.trim()) return false
    if (child.nodeType === Node.ELEMENT_NODE && !blockTags.has((child as Element).tagName)) return false
  }
  return true
}

export function keepsWithNext(element: Element): boolean {
  if (keepTags.has(element.tagName) || element.classList.contains('keep-with-next')) return true
  if (!isContainer(element)) return false
  const last = blockChildren(element).at(-1)
  return last ? keepsWithNext(last) : false
}

export interface Band {
  top: number
  bottom: number
}

/**
 * One range for every measurement: a Range stays registered with the document until it is
 * garbage-collected, and each one registered is updated at every DOM change the composer
 * makes later.
 */
export const probe = document.createRange()

/**
 * The element's lines, top to bottom, from its text and replaced elements. Raised and
 * lowered text (note numbers) is left out: it belongs to the line around it.
 */
export function lineBands(element: Element): Band[] {
  const rects: Band[] = []
  const range = probe
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.TEXT_NODE) return node.textContent?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT
      const tag = (node as Element).tagName.toUpperCase()
      if (tag === 'SUP' || tag === 'SUB') return NodeFilter.FILTER_REJECT
      if (tag === 'IMG' || tag === 'SVG') {
        const box = (node as Element).getBoundingClientRect()
        if (box.height > 0) rects.push({top: box.top, bottom: box.bottom})
        return NodeFilter.FILTER_REJECT
      }
      return NodeFilter.FILTER_SKIP
    }
  })
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    range.selectNodeContents(node)
    for (const box of range.getClientRects()) if (box.height > 0 && box.width > 0) rects.push({top: box.top, bottom: box.bottom})
  }
  rects.sort((a, b) => a.top - b.top)
  const bands: Band[] = []
  for (const rect of rects) {
    const last = bands.at(-1)
    const overlap = last ? Math.min(last.bottom, rect.bottom) - Math.max(last.top, rect.top) : 0
    if (last && overlap > 0.5 * Math.min(last.bottom - last.top, rect.bottom - rect.top)) {
      last.top = Math.min(last.top, rect.top)
      last.bottom = Math.max(last.bottom, rect.bottom)
    } else {
      bands.push({...rect})
    }
  }
  return bands
}

/** Where line k ends and line k + 1 starts: midway between their glyphs. */
export function boundaries(bands: Band[]): number[] {
  return bands.slice(1).map((band, index) => (bands[index]!.bottom + band.top) / 2)
}

/** Top and bottom padding plus border of a box: what a split repeats on both pages. */
export function verticalPadding(element: Element): Band {
  const style = getComputedStyle(element)
  return {
    top: parseFloat(style.paddingTop) + parseFloat(style.borderTopWidth),
    bottom: parseFloat(style.paddingBottom) + parseFloat(style.borderBottomWidth)
  }
}
