/**
 * The print edition: the print document is laid out once in Chromium and measured; the
 * paginator places flow and notes page by page; Chromium composes those pages and prints
 * them natively; the file is then finished (metadata, one clock).
 */
import type {Page} from 'puppeteer-core'
import type {Pack} from '../../pack/model.ts'
import type {RenderContext} from '../context.ts'
import {stepClock} from '../../util/steps.ts'
import {packAuthors, packDescription} from '../shared/head.ts'
import {browserScript} from './browser-script.ts'
import {loadWithFonts, printOptions, whileOpening} from './load-page.ts'
import {partStarts, printParts} from './print-parts.ts'
import {FinishThread} from './file/finish-thread.ts'
import type {OutlineEntry} from './file/outline.ts'
import type {Placement} from './file/place.ts'
import {papers, pxPerMm, textHeightPx} from './geometry.ts'
import type {ComposeInput, ComposeResult, Measured, PagePlan, SheetParts} from './model.ts'
import {paginate, placeHeadings} from './paginate.ts'
import {printDocument, printTree} from './print-document.ts'
import {breakInRuns, joinMeasured, secondHalfStart} from './galley-halves.ts'
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
   * Called with the page map once the browser has printed every part of the book: the other
   * editions, which need only the page map, are made on this thread while a worker finishes
   * the file. (Made while the browser printed, they kept this thread from passing the parts
   * on to the worker as they came, and the worker joined the parts after them.)
   */
  onPrinted?: (pageMap: PageMap) => void
}

interface Layout {
  measured: Measured
  plan: PagePlan
  pageMap: PageMap
}

type Step = (name: string) => void

/**
 * The laid-out galley, in one page or in runs of chapters in several (`galley-halves.ts`):
 * what `layBook` measures, fills the cross-references' page numbers of, and locates the page
 * starts in.
 */
interface Galley {
  measure(): Promise<Measured>
  setXrefPages(texts: string[]): Promise<void>
  locate(breaks: number[]): Promise<PagePlace[]>
}

interface GalleyWindow {
  folio: {
    measure: () => Measured
    setXrefPages: (texts: string[]) => void
    locate: (breaks: number[]) => PagePlace[]
  }
}

function pageGalley(page: Page): Galley {
  return {
    measure: () => page.evaluate(() => (window as unknown as GalleyWindow).folio.measure()),
    setXrefPages: (texts) => page.evaluate((value) => (window as unknown as GalleyWindow).folio.setXrefPages(value), texts),
    locate: (breaks) => page.evaluate((value) => (window as unknown as GalleyWindow).folio.locate(value), breaks)
  }
}

/** Runs of chapters, each laid out in a page of its own, measured as one galley. */
function runsGalley(pages: readonly Page[]): Galley {
  const galleys = pages.map(pageGalley)
  let runs: Measured[] = []
  return {
    async measure() {
      runs = await Promise.all(galleys.map((galley) => galley.measure()))
      return joinMeasured(runs)
    },
    async setXrefPages(texts) {
      let from = 0
      await Promise.all(
        galleys.map((galley, index) => {
          const own = texts.slice(from, from + runs[index]!.xrefs.length)
          from += own.length
          return galley.setXrefPages(own)
        })
      )
    },
    async locate(breaks) {
      const wanted = galleys.map(() => [] as Array<{at: number; order: number}>)
      for (const [order, joined] of breaks.entries()) {
        const {run, at} = breakInRuns(runs, joined)
        wanted[run]!.push({at, order})
      }
      const places = new Array<PagePlace>(breaks.length)
      await Promise.all(
        galleys.map(async (galley, index) => {
          const own = wanted[index]!
          const found = await galley.locate(own.map(({at}) => at))
          for (const [k, {order}] of own.entries()) places[order] = found[k]!
        })
      )
      return places
    }
  }
}

/** The book laid out and paginated in `galley`, not yet composed: the pages are decided, and where each starts is known. */
async function layBook(pack: Pack, galley: Galley, step: Step, laidOut = 'galley layout'): Promise<Layout> {
  const geometry = papers[pack.paper]
  step(laidOut)
  const {measured, plan} = await layOut(galley, textHeightPx(geometry), step)
  const places = await galley.locate(plan.pages.map((planned) => planned.from))
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
  const {session} = options
  const opening = [session.page()]
  const {print, second} = whileOpening(opening, () => {
    const tree = printTree(pack, options.images, papers[pack.paper])
    return {print: tree, second: secondHalfStart(tree.chapters, tree.sizes)}
  })
  // A long book is laid out in halves, one renderer each, on the machine's two cores.
  if (second !== undefined) opening.push(session.page())
  step('print document')
  const settled = await Promise.allSettled(opening)
  const pages = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  try {
    for (const result of settled) if (result.status === 'rejected') throw result.reason
    step('browser')
    const script = browserScript()
    if (second === undefined) {
      await loadWithFonts(session, pages[0]!, print.html(), print.fonts, script)
      return (await layBook(pack, pageGalley(pages[0]!), step)).pageMap
    }
    // The first half loads while the second is written out.
    const first = loadWithFonts(session, pages[0]!, print.html(0, second), print.fonts, script)
    first.catch(() => undefined)
    const rest = print.html(second)
    await Promise.all([first, loadWithFonts(session, pages[1]!, rest, print.fonts, script)])
    return (await layBook(pack, runsGalley(pages), step, 'galley layout, halves')).pageMap
  } finally {
    await Promise.all(pages.map((page) => page.close()))
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
  const print = whileOpening([pagePromise], () => printDocument(pack, options.images, geometry))
  step('print document')
  // The file is finished in a worker thread (`file/finish.ts`), started now so that it has
  // loaded pdf-lib while the browser lays the book out; each part goes to it when printed.
  const finisher = new FinishThread()
  try {
    const page = await pagePromise
    step('browser')
    return await layAndPrint(pack, options, page, print, finisher, step)
  } finally {
    await finisher.close()
  }
}

async function layAndPrint(
  pack: Pack,
  options: PdfOptions,
  page: Page,
  print: ReturnType<typeof printDocument>,
  finisher: FinishThread,
  step: Step
): Promise<PdfBook> {
  const geometry = papers[pack.paper]
  let parts: number
  let plan: PagePlan
  let measured: Measured
  let composed: ComposeResult
  let slots: Array<readonly [string, number]> = []
  const laying = loadWithFonts(options.session, page, print.html, print.fonts, browserScript()).then(() => layBook(pack, pageGalley(page), step))
  try {
    const layout = await laying
    measured = layout.measured
    plan = layout.plan
    options.pageMap = layout.pageMap
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
    parts = starts.length
    if (starts.length === 1) {
      finisher.part(0, await page.pdf(printOptions))
    } else {
      const sheets = await page.evaluate(
        (value) => (window as unknown as {folio: {parts: (starts: number[]) => Promise<SheetParts>}}).folio.parts(value),
        starts
      )
      step('cut parts')
      await printParts(page, sheets, print.fonts, {...options, onPart: (index, file) => finisher.part(index, file)})
    }
    step('print')
    options.onPrinted?.(layout.pageMap)
  } finally {
    // The composed book is the largest thing the browser holds: let it go before pdf-lib
    // loads the printed file, so the two never take memory at the same time.
    if (!page.isClosed()) await page.close()
  }
  const chapterOf = new Map(measured.chapters.map((chapter, index) => [chapter.id, index]))
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
  const {file, outline, steps} = await finisher.finish({
    parts,
    structure: {tags: composed.tags, links: composed.links},
    placements,
    geometry,
    headings: placeHeadings(measured, plan, geometry.top * pxPerMm),
    metadata: {
      title: pack.title,
      authors: packAuthors(pack),
      subject: packDescription(pack),
      keywords: pack.keywords,
      lang: pack.lang,
      date: options.date,
      described: print.described
    },
    store: options.store?.enabled ? options.store.location : undefined
  })
  step('join and finish, after print')
  for (const [name, milliseconds] of steps) options.onStep?.(`  ${name} (worker)`, milliseconds)
  options.onProgress?.({stage: 'pdf', finished: true})
  const readingPages = new Map<string, {first: number; last: number}>()
  for (const reading of pack.readings) {
    const chapter = chapterOf.get(reading.id)
    const numbers = plan.pages.flatMap((planned, index) => (planned.chapter === chapter && !planned.blank ? [index + 1] : []))
    if (numbers.length > 0) readingPages.set(reading.id, {first: numbers[0]!, last: numbers.at(-1)!})
  }
  return {file, readingPages, outline, pageCount: plan.pages.length, described: print.described}
}

/** How many times the book is measured at most while cross-references' page numbers settle. */
const layoutPasses = 4

/**
 * Measure and paginate; while the page numbers of cross-references ("(p. 14)") change the
 * text, fill them in and do it again. Usually one pass (no references) or two.
 */
async function layOut(galley: Galley, pageHeight: number, step: (name: string) => void): Promise<{measured: Measured; plan: PagePlan}> {
  let texts: string[] = []
  for (let pass = 1; ; pass++) {
    const measured = await galley.measure()
    step('measure')
    const plan = paginate(measured, {pageHeight})
    step('paginate')
    const next = xrefPageTexts(measured, plan)
    if (pass === layoutPasses || next.every((text, index) => text === (texts[index] ?? ''))) return {measured, plan}
    texts = next
    await galley.setXrefPages(texts)
  }
}
