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

export function renderHtml(pack: Pack, {images}: Pick<RenderContext, 'images'>): string {
  const page: ElementContent[] = []
  if (!pack.single) {
    page.push(titlePage(pack))
    const notice = packNotice(pack)
    if (notice) page.push(notice)
    page.push(contents(pack, {rank: 2}))
  }
  const article = (reading: Reading, titleRank: number): Element => {
    const notes = notesList(reading, titleRank + 1)
    const note = pdfReadingNote(reading)
    return h('article', {className: ['reading'], id: reading.id, lang: reading.lang === pack.lang ? undefined : reading.lang}, [
      readingHeader(pack, reading, titleRank),
      ...(note ? [note] : []),
      ...readingBody(reading, titleRank),
      ...(notes ? [notes] : [])
    ])
  }
  const titleRank = pack.single ? 1 : 2
  for (const entry of pack.entries) {
    if (entry.kind === 'reading') {
      page.push(article(entry, titleRank))
      continue
    }
    // A part's readings sit one rank below its title, inside its section.
    const part = partPage(entry, 2, entry.intro ? (structuredClone(entry.intro).children as ElementContent[]) : [])
    part.children.push(...entry.readings.map((reading) => article(reading, 3)))
    page.push(part)
  }
  const appendix = authorAppendix(pack, 2)
  if (appendix) page.push(appendix)

  const body: Element = h('body', [h('main', {className: ['page']}, page)])
  inlineImages(body, images)
  const css = inlineFontCss(toString(body)) + template('css/base.css') + template('css/screen.css')
  const tree: Root = {
    type: 'root',
    children: [{type: 'doctype'}, h('html', {lang: pack.lang}, [documentHead(pack, css), body])]
  }
  return unified().use(rehypeStringify).stringify(tree)
}
