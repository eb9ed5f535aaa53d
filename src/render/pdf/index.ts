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
import {finalizePdf} from './file/finalize.ts'
import {papers, pxPerMm, textHeightPx} from './geometry.ts'
import type {ComposeInput, ComposeResult, Measured, PagePlan} from './model.ts'
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
async function layBook(pack: Pack, page: Page, print: PrintDocument, step: Step): Promise<Layout> {
  const geometry = papers[pack.paper]
  await page.setContent(print.html, {waitUntil: 'load'})
  await installFonts(page, print.fonts)
  await page.addScriptTag({content: browserScript()})
  await fontsReady(page)
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
  try {
    return (await layBook(pack, page, print, step)).pageMap
  } finally {
    await page.close()
  }
}

export async function renderPdf(pack: Pack, options: PdfOptions): Promise<Uint8Array> {
  const step = stepClock(options.onStep)
  const geometry = papers[pack.paper]
  const pagePromise = options.session.page()
  const print = printDocument(pack, options.images, geometry)
  step('print document')
  const page = await pagePromise
  step('browser')
  let printed: Uint8Array
  let plan: PagePlan
  let measured: Measured
  let composed: ComposeResult
  try {
    const layout = await layBook(pack, page, print, step)
    measured = layout.measured
    plan = layout.plan
    options.pageMap = layout.pageMap
    options.onProgress?.({stage: 'pages laid out', done: plan.pages.length})
    const pageOfId: Record<string, number> = {}
    for (const [index, chapter] of measured.chapters.entries()) if (chapter.id) pageOfId[chapter.id] = plan.chapterPages[index] ?? 0
    const input: ComposeInput = {plan, pageOfId, unnumbered: pack.single ? [] : [1], verify: options.onLayout !== undefined}
    composed = await page.evaluate((value) => (window as unknown as {folio: {compose: (input: ComposeInput) => ComposeResult}}).folio.compose(value), input)
    step('compose')
    await options.onLayout?.({plan, composed, measured})
    options.onProgress?.({stage: `printing ${plan.pages.length} pages`})
    printed = await page.pdf({preferCSSPageSize: true, printBackground: true, tagged: true, outline: false, timeout: 0})
    step('print')
  } finally {
    // The composed book is the largest thing the browser holds: let it go before pdf-lib
    // loads the printed file, so the two never take memory at the same time.
    await page.close()
  }
  const finished = await finalizePdf(
    printed,
    {
      title: pack.title,
      authors: packAuthors(pack),
      subject: packDescription(pack),
      keywords: pack.keywords,
      lang: pack.lang,
      date: options.date,
      described: print.described
    },
    placeHeadings(measured, plan, geometry.top * pxPerMm),
    {tags: composed.tags, links: composed.links}
  )
  step('finish')
  options.onProgress?.({stage: 'pdf', finished: true})
  return finished
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

/** Fonts load when text first needs them; measure only once every face is in. */
async function fontsReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    document.body.getBoundingClientRect()
    await document.fonts.ready
  })
}
