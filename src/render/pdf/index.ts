/**
 * The print edition: the pack as one print document, laid out and printed by Chromium,
 * then finished as a PDF file (metadata, one clock).
 */
import type {ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {toString} from 'hast-util-to-string'
import type {BrowserSession} from '../../browser/session.ts'
import type {Pack} from '../../pack/model.ts'
import {inlineFontCss, template} from '../shared/assets.ts'
import {readingBody} from '../shared/body.ts'
import {authorAppendix, contents, notesList, readingHeader, titlePage} from '../shared/front-back.ts'
import {documentHead, packAuthors, packDescription} from '../shared/head.ts'
import {inlineImages, type ImageSource} from '../shared/images.ts'
import {finalizePdf} from './finalize.ts'

export interface PdfOptions {
  session: BrowserSession
  images: ImageSource
  /** The date written into the file. */
  date: Date
}

export function printDocument(pack: Pack, images: ImageSource): string {
  const parts: ElementContent[] = []
  if (!pack.single) parts.push(titlePage(pack), contents(pack, {rank: 1, pageSlots: true}))
  for (const reading of pack.readings) {
    const notes = notesList(reading, 2)
    parts.push(h('article', {className: ['reading'], id: reading.id, lang: reading.lang}, [readingHeader(pack, reading, 1), ...readingBody(reading, 1), ...(notes ? [notes] : [])]))
  }
  const appendix = authorAppendix(pack, 1)
  if (appendix) parts.push(appendix)
  const body = h('body', parts)
  inlineImages(body, images)
  const css = inlineFontCss(toString(body)) + template('css/base.css') + template('css/print.css')
  const tree: Root = {type: 'root', children: [{type: 'doctype'}, h('html', {lang: pack.lang}, [documentHead(pack, css), body])]}
  return toHtml(tree)
}

export async function renderPdf(pack: Pack, options: PdfOptions): Promise<Uint8Array> {
  const page = await options.session.page()
  try {
    await page.setContent(printDocument(pack, options.images), {waitUntil: 'load'})
    await page.evaluate(() => document.fonts.ready.then(() => undefined))
    const printed = await page.pdf({preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: 0})
    return await finalizePdf(printed, {
      title: pack.title,
      authors: packAuthors(pack),
      subject: packDescription(pack),
      keywords: pack.keywords,
      lang: pack.lang,
      date: options.date
    })
  } finally {
    await page.close()
  }
}
