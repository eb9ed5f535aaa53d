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
import {printDocument} from './print-document.ts'
import {xrefPageTexts} from './xref-pages.ts'

export interface PdfOptions extends RenderContext {
  /** Called with the plan and what composing found, for tests and diagnostics. */
  onLayout?: (layout: {plan: PagePlan; composed: ComposeResult; measured: Measured}) => void | Promise<void>
}

export async function renderPdf(pack: Pack, options: PdfOptions): Promise<Uint8Array> {
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
    const {measured, plan} = await layOut(page, textHeightPx(geometry), step)
    const pageOfId: Record<string, number> = {}
    for (const [index, chapter] of measured.chapters.entries()) if (chapter.id) pageOfId[chapter.id] = plan.chapterPages[index] ?? 0
    const input: ComposeInput = {plan, pageOfId, unnumbered: pack.single ? [] : [1], verify: options.onLayout !== undefined}
    const composed = await page.evaluate(
      (value) => (window as unknown as {folio: {compose: (input: ComposeInput) => ComposeResult}}).folio.compose(value),
      input
    )
    step('compose')
    await options.onLayout?.({plan, composed, measured})
    const printed = await page.pdf({preferCSSPageSize: true, printBackground: true, tagged: true, outline: false, timeout: 0})
    step('print')
    const finished = await finalizePdf(
      printed,
      {
        title: pack.title,
        authors: packAuthors(pack),
        subject: packDescription(pack),
        keywords: pack.keywords,
        lang: pack.lang,
        date: options.date
      },
      placeHeadings(measured, plan, geometry.top * pxPerMm)
    )
    step('finish')
    return finished
  } finally {
    await page.close()
  }
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
