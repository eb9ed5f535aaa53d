/**
 * The web edition: one self-contained page (styles and fonts inlined, images as data URIs)
 * that reads on a phone and on a wide screen.
 */
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import rehypeStringify from 'rehype-stringify'
import {unified} from 'unified'
import {toString} from 'hast-util-to-string'
import type {Pack} from '../../pack/model.ts'
import type {RenderContext} from '../context.ts'
import {inlineFontCss, template} from '../shared/assets.ts'
import {readingBody} from '../shared/body.ts'
import {authorAppendix, contents, notesList, packNotice, partPage, pdfReadingNote, readingHeader, titlePage} from '../shared/front-back.ts'
import type {Reading} from '../../pack/model.ts'
import {inlineImages} from '../shared/images.ts'
import {documentHead} from '../shared/head.ts'
import {insertPageBreaks, pagesIn} from '../shared/page-breaks.ts'
import {closeHeadingGaps} from '../shared/heading-levels.ts'
import {wordsFor} from '../../words.ts'
import {mathAssets} from '../shared/math.ts'

export function renderHtml(pack: Pack, {images, pageMap}: Pick<RenderContext, 'images' | 'pageMap'>): string {
  const words = wordsFor(pack.lang)
  // The print edition's page numbers in the margin, each an anchor (`#page-37`).
  const paged = (chapter: Element): Element => {
    insertPageBreaks(chapter, pagesIn(pageMap, String(chapter.properties['id'] ?? '')), (start) =>
      h('span', {className: ['page-break'], id: `page-${start.label}`, role: 'doc-pagebreak', ariaLabel: `${words.page} ${start.label}`}, start.label)
    )
    return chapter
  }
  const page: ElementContent[] = []
  if (pageMap && pageMap.pages.length > 0) page.push(pageNumbersSwitch(words.printPages))
  if (!pack.single) {
    page.push(paged(titlePage(pack)))
    const notice = packNotice(pack)
    if (notice) page.push(paged(notice))
    page.push(paged(contents(pack, {rank: 2})))
  }
  const article = (reading: Reading, titleRank: number): Element => {
    const notes = notesList(reading, titleRank + 1)
    const note = pdfReadingNote(reading)
    const body = paged(
      h('article', {className: ['reading'], id: reading.id, lang: reading.lang === pack.lang ? undefined : reading.lang}, [
        readingHeader(pack, reading, titleRank),
        ...readingBody(reading, titleRank)
      ])
    )
    if (note) body.children.splice(body.children.findIndex((node) => node.type === 'element' && node.tagName === 'header') + 1, 0, note)
    if (notes) body.children.push(notes)
    return body
  }
  const titleRank = pack.single ? 1 : 2
  for (const entry of pack.entries) {
    if (entry.kind === 'reading') {
      page.push(article(entry, titleRank))
      continue
    }
    // A part's readings sit one rank below its title, inside its section.
    // Its page is marked before its readings go in, so that only its own blocks are counted.
    const part = paged(partPage(entry, 2, entry.intro ? (structuredClone(entry.intro).children as ElementContent[]) : []))
    const introNotes = notesList(entry, 3)
    if (introNotes) part.children.push(introNotes)
    part.children.push(...entry.readings.map((reading) => article(reading, 3)))
    page.push(part)
  }
  const appendix = authorAppendix(pack, 2)
  if (appendix) page.push(paged(appendix))

  closeHeadingGaps(page)
  const body: Element = h('body', [h('main', {className: ['page']}, page)])
  inlineImages(body, images)
  const math = mathAssets(body)
  const css = inlineFontCss(toString(body), math.faces) + math.css + template('css/base.css') + template('css/screen.css')
  const tree: Root = {
    type: 'root',
    children: [{type: 'doctype'}, h('html', {lang: pack.lang}, [documentHead(pack, css), body])]
  }
  return unified().use(rehypeStringify).stringify(tree)
}

/** A switch that shows or hides the margin page numbers (style sheet only: the page has no script). */
function pageNumbersSwitch(label: string): Element {
  return h('p', {className: ['page-numbers-switch']}, [h('label', [h('input', {type: 'checkbox', id: 'show-page-numbers', checked: true}), ` ${label}`])])
}
