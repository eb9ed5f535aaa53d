/**
 * The print edition: the print document is laid out once in Chromium and measured; the
 * paginator places flow and notes page by page; Chromium composes those pages and prints
 * them natively; the file is then finished (metadata, one clock).
 */
import type {Page} from 'puppeteer-core'
import {installFonts} from '../shared/install-fonts.ts'
import type {Pack} from '../../pack/model.ts'
import type {RenderContext} from '../context.ts'
import {stepClock} from '../../util/steps.ts'
import {packAuthors, packDescription} from '../shared/head.ts'
import {browserScript} from './browser-script.ts'
import {loadPrinted, saveFinished} from './file/finalize.ts'
import type {OutlineEntry} from './file/outline.ts'
import {placePdfPages, type Placement} from './file/place.ts'
import {papers, pxPerMm, textHeightPx} from './geometry.ts'
import type {ComposeInput, ComposeResult, Measured, PagePlan} from './model.ts'
import {paginate, placeHeadings} from './paginate.ts'
import {printDocument} from './print-document.ts'

export interface PdfOptions extends RenderContext {
  /** Called with the plan and what composing found, for tests and diagnostics. */
  onLayout?: (layout: {plan: PagePlan; composed: ComposeResult; measured: Measured}) => void | Promise<void>
}

export async function renderPdf(pack: Pack, options: PdfOptions): Promise<Uint8Array> {
  return (await renderPdfBook(pack, options)).file
}

/** The printed book, with what per-reading files are cut from. */
export interface PdfBook {
  file: Uint8Array
  /** Each reading's pages in the book (1-based, inclusive), by reading id. */
  readingPages: Map<string, {first: number; last: number}>
  /** The book's bookmarks, to be filtered for each reading's file. */
  outline: OutlineEntry[]
  /** Pages in the book. */
  pageCount: number
}

export async function renderPdfBook(pack: Pack, options: PdfOptions): Promise<PdfBook> {
  const step = stepClock(options.onStep)
  const geometry = papers[pack.paper]
  const pagePromise = options.session.page()
  const print = printDocument(pack, options.images, geometry)
  step('print document')
  const page = await pagePromise
  step('browser')
  try {
    await page.setContent(print.html, {waitUntil: 'load'})
    await installFonts(page, print.fonts)
    await page.addScriptTag({content: browserScript()})
    await fontsReady(page)
    step('galley layout')
    const measured = await page.evaluate(() => (window as unknown as {folio: {measure: () => Measured}}).folio.measure())
    step('measure')
    const plan = paginate(measured, {pageHeight: textHeightPx(geometry)})
    step('paginate')
    const pageOfId: Record<string, number> = {}
    for (const [index, chapter] of measured.chapters.entries()) if (chapter.id) pageOfId[chapter.id] = plan.chapterPages[index] ?? 0
    const input: ComposeInput = {
      plan,
      pageOfId,
      unnumbered: pack.single ? [] : pack.notice || pack.rights ? [1, 2] : [1],
      verify: options.onLayout !== undefined
    }
    const composed = await page.evaluate(
      (value) => (window as unknown as {folio: {compose: (input: ComposeInput) => ComposeResult}}).folio.compose(value),
      input
    )
    step('compose')
    await options.onLayout?.({plan, composed, measured})
    // Where the PDF readings' slots landed: the pages their files' pages replace.
    const slots = await page.evaluate(() =>
      [...document.querySelectorAll('#pages > .page')].flatMap((sheet, index) =>
        [...sheet.querySelectorAll('[data-pdf-slot]')].map((slot) => [slot.getAttribute('data-pdf-slot') ?? '', index + 1] as const)
      )
    )
    const printed = await page.pdf({preferCSSPageSize: true, printBackground: true, tagged: true, outline: false, timeout: 0})
    step('print')
    const chapterOf = new Map(measured.chapters.map((chapter, index) => [chapter.id, index]))
    const book = await loadPrinted(printed)
    const placements: Placement[] = pack.readings.flatMap((reading) => {
      if (!reading.pdf) return []
      const packPages = slots.filter(([slot]) => slot.startsWith(`${reading.id}:`)).map(([, number]) => number)
      return [
        {
          source: reading.pdf.source.bytes,
          sourcePages: reading.pdf.source.pages,
          packPages,
          sheetPage: plan.chapterPages[chapterOf.get(reading.id) ?? 0] ?? 1,
          level: reading.part ? 2 : 1
        }
      ]
    })
    const placed = await placePdfPages(book, placements, geometry)
    if (placements.length > 0) step('place PDF readings')
    const headings = placeHeadings(measured, plan, geometry.top * pxPerMm)
    // Stable: the sources' bookmarks follow the headings of the pages they point into.
    const outline = [...headings, ...placed]
      .map((entry, order) => ({entry, order}))
      .sort((a, b) => a.entry.page - b.entry.page || a.order - b.order)
      .map(({entry}) => entry)
    const finished = await saveFinished(
      book,
      printed,
      {
        title: pack.title,
        authors: packAuthors(pack),
        subject: packDescription(pack),
        keywords: pack.keywords,
        lang: pack.lang,
        date: options.date
      },
      outline
    )
    step('finish')
    const readingPages = new Map<string, {first: number; last: number}>()
    for (const reading of pack.readings) {
      const chapter = chapterOf.get(reading.id)
      const numbers = plan.pages.flatMap((planned, index) => (planned.chapter === chapter && !planned.blank ? [index + 1] : []))
      if (numbers.length > 0) readingPages.set(reading.id, {first: numbers[0]!, last: numbers.at(-1)!})
    }
    return {file: finished, readingPages, outline, pageCount: plan.pages.length}
  } finally {
    await page.close()
  }
}

/** Fonts load when text first needs them; measure only once every face is in. */
async function fontsReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    document.body.getBoundingClientRect()
    await document.fonts.ready
  })
}
