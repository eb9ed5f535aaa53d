/**
 * The print edition: the print document is laid out once in Chromium and measured; the
 * paginator places flow and notes page by page; Chromium composes those pages and prints
 * them natively; the file is then finished (metadata, one clock).
 */
import type {Page} from 'puppeteer-core'
import type {BrowserSession} from '../../browser/session.ts'
import type {Pack} from '../../pack/model.ts'
import type {RenderContext} from '../context.ts'
import {stepClock} from '../../util/steps.ts'
import {packAuthors, packDescription} from '../shared/head.ts'
import {browserScript} from './browser-script.ts'
import {loadWithFonts, printOptions} from './load-page.ts'
import {partStarts, printParts} from './print-parts.ts'
import type {OutlineEntry} from './file/outline.ts'
import type {Placement} from './file/place.ts'
import {papers, pxPerMm, textHeightPx} from './geometry.ts'
import type {ComposeInput, ComposeResult, Measured, PagePlan, SheetParts} from './model.ts'
import {paginate, placeHeadings} from './paginate.ts'
import {printDocument, type PrintDocument} from './print-document.ts'
import type {PagePlace} from './browser/locate.ts'
import type {PageMap} from '../../pack/page-map.ts'
import {xrefPageTexts} from './xref-pages.ts'

/** What laying the book out needs of the build's context. */
export type LayoutOptions = Pick<RenderContext, 'session' | 'images' | 'onStep'>

/** Sets `pageMap` in the context it is given, for the editions rendered after it. */
export interface PdfOptions extends RenderContext {
  /** Called with the plan and what composing found, for tests and diagnostics. */
  onLayout?: (layout: {plan: PagePlan; composed: ComposeResult; measured: Measured}) => void | Promise<void>
  /**
   * Called with the page map once the browser is printing the pages (or has none left to
   * print): the other editions, which need only the page map, are made on this thread
   * meanwhile.
   */
  onPrinting?: (pageMap: PageMap) => void
}

interface Layout {
  measured: Measured
  plan: PagePlan
  pageMap: PageMap
}

type Step = (name: string) => void

/**
 * The book laid out and paginated in `page`, not yet composed: the pages are decided, and
 * where each starts is known.
 */
async function layBook(pack: Pack, session: BrowserSession, page: Page, print: PrintDocument, step: Step): Promise<Layout> {
  const geometry = papers[pack.paper]
  await loadWithFonts(session, page, print.html, print.fonts, browserScript())
  step('galley layout')
  const {measured, plan} = await layOut(page, textHeightPx(geometry), step)
  const places = await page.evaluate(
    (breaks) => (window as unknown as {folio: {locate: (breaks: number[]) => PagePlace[]}}).folio.locate(breaks),
    plan.pages.map((planned) => planned.from)
  )
  const pageMap: PageMap = {
    pages: places.map((place, index) => ({label: String(index + 1), ...place})),
    source: printSource(pack)
  }
  step('locate page starts')
  return {measured, plan, pageMap}
}

/** The print edition, as the EPUB names the source of its page numbers. */
export function printSource(pack: Pack): string {
  return `${pack.title}, PDF edition (${pack.slug}.pdf, ${pack.paper === 'a4' ? 'A4' : 'US Letter'})`
}

/**
 * Only the page map: the book is laid out and paginated as for printing, without composing
 * or printing it, for an EPUB or a web page built without the PDF.
 */
export async function paginateBook(pack: Pack, options: LayoutOptions): Promise<PageMap> {
  const step = stepClock(options.onStep)
  const pagePromise = options.session.page()
  const print = printDocument(pack, options.images, papers[pack.paper])
  step('print document')
  const page = await pagePromise
  step('browser')
  try {
    return (await layBook(pack, options.session, page, print, step)).pageMap
  } finally {
    await page.close()
  }
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
  /** Whether every image has a text alternative (the file claims PDF/UA only then). */
  described: boolean
}

export async function renderPdfBook(pack: Pack, options: PdfOptions): Promise<PdfBook> {
  const step = stepClock(options.onStep)
  const geometry = papers[pack.paper]
  const pagePromise = options.session.page()
  const print = printDocument(pack, options.images, geometry)
  step('print document')
  const page = await pagePromise
  step('browser')
  let printed: Uint8Array[]
  let plan: PagePlan
  let measured: Measured
  let composed: ComposeResult
  let slots: Array<readonly [string, number]> = []
  const laying = layBook(pack, options.session, page, print, step)
  // The file stage (pdf-lib and all) loads while the browser lays the book out and this
  // thread waits; the page map alone (`paginateBook`) never loads it.
  const fileStage = Promise.all([import('./file/finalize.ts'), import('./file/join.ts'), import('./file/place.ts')])
  fileStage.catch(() => undefined)
  try {
    const layout = await laying
    measured = layout.measured
    plan = layout.plan
    options.pageMap = layout.pageMap
    const printing = () => options.onPrinting?.(layout.pageMap)
    options.onProgress?.({stage: 'pages laid out', done: plan.pages.length})
    const pageOfId: Record<string, number> = {}
    for (const [index, chapter] of measured.chapters.entries()) if (chapter.id) pageOfId[chapter.id] = plan.chapterPages[index] ?? 0
    const input: ComposeInput = {
      plan,
      pageOfId,
      unnumbered: pack.single ? [] : pack.notice || pack.rights ? [1, 2] : [1],
      verify: options.onLayout !== undefined
    }
    composed = await page.evaluate((value) => (window as unknown as {folio: {compose: (input: ComposeInput) => ComposeResult}}).folio.compose(value), input)
    step('compose')
    await options.onLayout?.({plan, composed, measured})
    // Where the PDF readings' slots landed: the pages their files' pages replace.
    slots = await page.evaluate(() =>
      [...document.querySelectorAll('#pages > .page')].flatMap((sheet, index) =>
        [...sheet.querySelectorAll('[data-pdf-slot]')].map((slot) => [slot.getAttribute('data-pdf-slot') ?? '', index + 1] as const)
      )
    )
    options.onProgress?.({stage: `printing ${plan.pages.length} pages`})
    const starts = partStarts(plan.pages.length)
    if (starts.length === 1) {
      const whole = page.pdf(printOptions)
      printing()
      printed = [await whole]
    } else {
      const parts = await page.evaluate((value) => (window as unknown as {folio: {parts: (starts: number[]) => SheetParts}}).folio.parts(value), starts)
      await page.close()
      printed = await printParts(parts, print.fonts, {...options, onPrinting: printing})
    }
    step('print')
  } finally {
    // The composed book is the largest thing the browser holds: let it go before pdf-lib
    // loads the printed file, so the two never take memory at the same time.
    if (!page.isClosed()) await page.close()
  }
  const chapterOf = new Map(measured.chapters.map((chapter, index) => [chapter.id, index]))
  const [{loadPrinted, rewritePrinted, saveFinished}, {joinParts}, {placePdfPages}] = await fileStage
  const book = printed.length === 1 ? await loadPrinted(printed[0]!) : await joinParts(printed)
  if (printed.length > 1) step('join parts')
  // The printed tree is rewritten (roles, artifacts) before other files' pages and their
  // own structure are grafted in, which keep theirs.
  const artifacts = rewritePrinted(book, {tags: composed.tags, links: composed.links})
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
    printed.length === 1 ? printed[0]! : Buffer.concat(printed),
    {
      title: pack.title,
      authors: packAuthors(pack),
      subject: packDescription(pack),
      keywords: pack.keywords,
      lang: pack.lang,
      date: options.date,
      described: print.described
    },
    outline,
    artifacts,
    options.store
  )
  step('finish')
  options.onProgress?.({stage: 'pdf', finished: true})
  const readingPages = new Map<string, {first: number; last: number}>()
  for (const reading of pack.readings) {
    const chapter = chapterOf.get(reading.id)
    const numbers = plan.pages.flatMap((planned, index) => (planned.chapter === chapter && !planned.blank ? [index + 1] : []))
    if (numbers.length > 0) readingPages.set(reading.id, {first: numbers[0]!, last: numbers.at(-1)!})
  }
  return {file: finished, readingPages, outline, pageCount: plan.pages.length, described: print.described}
}

/** How many times the book is measured at most while cross-references' page numbers settle. */
const layoutPasses = 4

/**
 * Measure and paginate; while the page numbers of cross-references ("(p. 14)") change the
 * text, fill them in and do it again. Usually one pass (no references) or two.
 */
async function layOut(page: Page, pageHeight: number, step: (name: string) => void): Promise<{measured: Measured; plan: PagePlan}> {
  let texts: string[] = []
  for (let pass = 1; ; pass++) {
    const measured = await page.evaluate(() => (window as unknown as {folio: {measure: () => Measured}}).folio.measure())
    step('measure')
    const plan = paginate(measured, {pageHeight})
    step('paginate')
    const next = xrefPageTexts(measured, plan)
    if (pass === layoutPasses || next.every((text, index) => text === (texts[index] ?? ''))) return {measured, plan}
    texts = next
    await page.evaluate((value) => (window as unknown as {folio: {setXrefPages: (texts: string[]) => void}}).folio.setXrefPages(value), texts)
  }
}
