/**
 * Bookmarks from the book's own headings, placed where the composer put them. Chromium can
 * make an outline too, but it takes titles from laid-out lines and drops the space where a
 * long title wraps ("agencyobligations").
 */
import {PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFDocument, type PDFRef} from 'pdf-lib'

export interface OutlineEntry {
  title: string
  /** 1 for chapters (readings, contents, appendix), 2 and more for their sections. */
  level: number
  /** 1-based page number. */
  page: number
  /** Distance from the page's top edge, CSS pixels. */
  top: number
}

interface Node {
  entry: OutlineEntry
  children: Node[]
}

export function addOutline(document: PDFDocument, entries: OutlineEntry[]): void {
  if (entries.length === 0) return
  const root: Node = {entry: {title: '', level: 0, page: 1, top: 0}, children: []}
  const stack: Node[] = [root]
  for (const entry of entries) {
    while (stack.length > 1 && stack.at(-1)!.entry.level >= entry.level) stack.pop()
    const node = {entry, children: []}
    stack.at(-1)!.children.push(node)
    stack.push(node)
  }

  const {context} = document
  const pages = document.getPages()
  const outlines = context.obj({Type: 'Outlines'})
  const outlinesRef = context.register(outlines)

  const build = (parent: Node, parentRef: PDFRef, parentDict: PDFDict): number => {
    const refs = parent.children.map(() => context.nextRef())
    let count = 0
    for (const [index, child] of parent.children.entries()) {
      const page = pages[Math.min(pages.length, Math.max(1, child.entry.page)) - 1]!
      const top = page.getHeight() - child.entry.top * 0.75
      const item = context.obj({})
      item.set(PDFName.of('Title'), PDFHexString.fromText(child.entry.title))
      item.set(PDFName.of('Parent'), parentRef)
      item.set(PDFName.of('Dest'), context.obj([page.ref, PDFName.of('XYZ'), PDFNull, PDFNumber.of(Math.round(top * 100) / 100), PDFNull]))
      if (index > 0) item.set(PDFName.of('Prev'), refs[index - 1]!)
      if (index < refs.length - 1) item.set(PDFName.of('Next'), refs[index + 1]!)
      const descendants = build(child, refs[index]!, item)
      // Readings open (their sections show); deeper levels start closed.
      if (descendants > 0) item.set(PDFName.of('Count'), PDFNumber.of(child.entry.level <= 1 ? descendants : -descendants))
      context.assign(refs[index]!, item)
      count += 1 + (child.entry.level <= 1 ? descendants : 0)
    }
    if (refs.length > 0) {
      parentDict.set(PDFName.of('First'), refs[0]!)
      parentDict.set(PDFName.of('Last'), refs.at(-1)!)
    }
    return count
  }
  const total = build(root, outlinesRef, outlines)
  outlines.set(PDFName.of('Count'), PDFNumber.of(total))
  document.catalog.set(PDFName.of('Outlines'), outlinesRef)
  document.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
}
