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
import {visit} from '../../util/visit.ts'

/** Structure types the finisher gives the marked parts; `Artifact` leaves the tree. */
export type PdfRole = 'Sect' | 'TOC' | 'TOCI' | 'Note' | 'BibEntry' | 'Code' | 'Span' | 'Div' | 'Artifact'

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

/**
 * The contents: a chapter (`Sect`) with its heading, then its list as a `TOC` holding only
 * `TOCI`s (PDF/UA-1, 7.2; ISO 32000-1, 14.8.4.3.2); a part's entry holds the `TOC` of its
 * readings. Keyed by the entry's target, so the pieces a page break makes of a list or of a
 * part's entry join again.
 */
export function markContents(nav: Element): void {
  markForPdf(nav, 'Sect', 'contents')
  const mark = (list: Element, key: string) => {
    markForPdf(list, 'TOC', key)
    for (const item of list.children) {
      if (item.type !== 'element' || item.tagName !== 'li') continue
      const link = item.children.find((child): child is Element => child.type === 'element' && child.tagName === 'a')
      const target = String(link?.properties['href'] ?? '')
      markForPdf(item, 'TOCI', target)
      for (const inner of item.children) if (inner.type === 'element' && inner.tagName === 'ol') mark(inner, `toc-${target}`)
    }
  }
  for (const child of nav.children) if (child.type === 'element' && child.tagName === 'ol') mark(child, 'contents-toc')
}

/**
 * Bibliography entries become `BibEntry`; decorative images (`{.decorative}`), artifacts; a
 * code block, a `Code` whose `ActualText` is its lines as written (the finisher reads them
 * from each piece the page holds), since the page wraps the long ones.
 */
export function markReading(article: Element): void {
  markLanguages(article, String(article.properties['lang'] ?? ''))
  visit(article, 'element', (node: Element, index, parent) => {
    const classes = node.properties['className']
    if (node.tagName === 'code' && parent?.type === 'element' && parent.tagName === 'pre') markForPdf(node, 'Code')
    if (node.tagName === 'div' && Array.isArray(classes) && classes.includes('csl-entry')) markForPdf(node, 'BibEntry')
    if (node.tagName === 'img' && node.properties['role'] === 'presentation' && parent && index !== undefined) {
      const wrapper: Element = {type: 'element', tagName: 'span', properties: {}, children: [node]}
      markForPdf(wrapper, 'Artifact')
      parent.children[index] = wrapper
    }
  })
}

/**
 * Elements Chromium tags as elements of their own, with the `Lang` of their `lang`
 * attribute. It tags no other: the words of a `<span lang="fr">` or a `<div lang="fr">` land
 * in the paragraph around them, in its language.
 */
const tagged = new Set(
  'p h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote table thead tbody tfoot tr th td caption figure figcaption pre code em strong a img svg math'.split(' ')
)
/** Elements that sit inside a line, made `Span`s; others, `Div`s. */
const phrasing = new Set('span sub sup i b q cite abbr small mark u s dfn var samp kbd time bdi bdo data ins del label'.split(' '))

/**
 * A phrase or block in another language than its surroundings (`lang`) is an element with
 * that `Lang` (PDF/UA-1, 7.2: a change of language is said where it happens).
 */
export function markLanguages(root: Element, lang: string): void {
  const walk = (node: Element, current: string) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      const own = typeof child.properties['lang'] === 'string' && child.properties['lang'] ? child.properties['lang'] : current
      if (own.toLowerCase() !== current.toLowerCase()) {
        if (child.properties['dataPdfRole']) child.properties['dataPdfLang'] = own
        else if (!tagged.has(child.tagName)) markForPdf(child, phrasing.has(child.tagName) ? 'Span' : 'Div', undefined, own)
      }
      walk(child, own)
    }
  }
  walk(root, lang)
}
