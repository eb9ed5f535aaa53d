/**
 * What the PDF's structure tree must call the print document's parts. Chromium tags the
 * PDF from the page's accessibility tree and knows no `Note`, `BibEntry`, `TOC`, `TOCI` or
 * `Sect`: it writes `NonStruct` for them, and tags running heads and page numbers as text.
 * So each such part is marked here with `role="group"`, which Chromium alone turns into a
 * `Div`, and `data-pdf-role` says what that `Div` is; the file's finisher renames the
 * `Div`s in order (`file/structure.ts`). Print document only: the other editions keep
 * their semantics.
 */
import type {Element} from 'hast'
import {visit} from 'unist-util-visit'

/** Structure types the finisher gives the marked parts; `Artifact` leaves the tree. */
export type PdfRole = 'Sect' | 'TOC' | 'TOCI' | 'Note' | 'BibEntry' | 'Artifact'

/** Mark an element: its structure type, a key that joins its pieces on several pages, its language. */
export function markForPdf(element: Element, role: PdfRole, key?: string, lang?: string): void {
  element.properties['role'] = 'group'
  // Named, or Chromium leaves a group with nothing to read out of the tree (a chapter's
  // piece on a page that holds only a figure, a decorative image's wrapper).
  element.properties['ariaLabel'] ??= role
  element.properties['dataPdfRole'] = role
  if (key !== undefined) element.properties['dataPdfKey'] = key
  if (lang !== undefined) element.properties['dataPdfLang'] = lang
}

/** The contents: a `TOC` of `TOCI`s (the list between them is no structure of its own). */
export function markContents(nav: Element): void {
  markForPdf(nav, 'TOC', 'contents')
  visit(nav, 'element', (node: Element) => {
    if (node.tagName === 'ol') node.properties['role'] = 'none'
    if (node.tagName === 'li') markForPdf(node, 'TOCI')
  })
}

/** Bibliography entries become `BibEntry`; decorative images (`{.decorative}`), artifacts. */
export function markReading(article: Element): void {
  visit(article, 'element', (node: Element, index, parent) => {
    const classes = node.properties['className']
    if (node.tagName === 'div' && Array.isArray(classes) && classes.includes('csl-entry')) markForPdf(node, 'BibEntry')
    if (node.tagName === 'img' && node.properties['role'] === 'presentation' && parent && index !== undefined) {
      const wrapper: Element = {type: 'element', tagName: 'span', properties: {}, children: [node]}
      markForPdf(wrapper, 'Artifact')
      parent.children[index] = wrapper
    }
  })
}
