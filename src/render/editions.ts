/**
 * Every edition a build asks for, in memory: the whole pack's, and with `each` each
 * reading's. Nothing here writes; the build writes them all at once, so a fault in any
 * edition (the browser died, the disk is full) leaves the previous editions as they were.
 *
 * The PDF goes first: its pagination is the page map the other editions number their pages
 * by. Without it, the book is paginated (not printed) for them; without a browser, they go
 * without page numbers and the build says so. An edition kept in the cache is the same
 * bytes and needs none of this. A browser that crashes under them is started again, once,
 * and the editions are made again in it.
 */
import {BrowserNotFoundError} from '../browser/find.ts'
import type {Store} from '../cache/store.ts'
import {browserFault} from '../browser/session.ts'
import {readingPack, type Pack, type Reading} from '../pack/model.ts'
import {getJson} from '../cache/store.ts'
import type {Format, RenderProblem, RenderContext} from './context.ts'
import {paginateBook, renderers} from './index.ts'
import {packAuthors, packDescription} from './shared/head.ts'
import {dropUndecodable} from './shared/undecodable.ts'
import type {Made} from './site/landing.ts'

/** What to make. */
export interface EditionPlan {
  wanted: readonly Format[]
  /** Each reading also as its own files, under `<slug>/`. */
  each: boolean
  /** Where whole editions are kept between builds. */
  store: Store
  /** The cache key of each whole edition. */
  key: (format: Format) => string
}

/** What the progress line says while an edition is made (renderers say more as they go). */
const editionNames: Record<Format, string> = {html: 'making the web page', pdf: 'laying out the book', epub: 'making the EPUB'}

export async function renderEditions(pack: Pack, plan: EditionPlan, context: RenderContext, step: (name: string) => void, notices: string[]): Promise<Made[]> {
  // A browser that crashed under the editions gets one more chance, in a new browser.
  return context.session.again(
    () => renderOnce(pack, plan, context, step, notices),
    (why) => notices.push(why)
  )
}

async function renderOnce(pack: Pack, plan: EditionPlan, context: RenderContext, step: (name: string) => void, notices: string[]): Promise<Made[]> {
  const {wanted, each, store} = plan
  const {session} = context
  // Each reading's files are cut from (or rendered beside) the whole editions: with `each`,
  // nothing is taken from the cache.
  const keys = new Map(wanted.map((format) => [format, store.enabled && !each ? plan.key(format) : undefined]))
  // A kept edition comes with the problems its render found; without them (not kept, corrupt) it is made again.
  const keptProblems = new Map(wanted.map((format) => [format, keys.get(format) ? getJson<RenderProblem[]>(store, 'problems', keys.get(format)!) : undefined]))
  const cached = new Map(
    wanted.map((format) => [format, keys.get(format) && Array.isArray(keptProblems.get(format)) ? store.get('edition', keys.get(format)!) : undefined])
  )
  const cachedPages = keys.get('pdf') ? Number(store.get('pages', keys.get('pdf')!)?.toString() ?? '') || undefined : undefined
  const fresh = wanted.filter((format) => !cached.get(format))
  // What an earlier try found is found again; what a kept edition's render found comes with it.
  context.problems.length = 0
  for (const format of wanted) if (cached.get(format)) context.problems.push(...keptProblems.get(format)!)
  if (fresh.length > 0) session.browser().catch(() => undefined)
  // An image the browser cannot decode gives way to its text in every edition. Without a
  // browser that starts, a web page alone is made as it is (the page map's notice says why);
  // the other editions need the browser, and fail on it as they would.
  await dropUndecodable(pack, session, context.images, store).catch((error: unknown) => {
    if (!(error instanceof BrowserNotFoundError) && fresh.some((format) => format !== 'html')) throw browserFault(error) ?? error
  })
  // The EPUB's cover is drawn while the book is laid out and printed.
  if (fresh.includes('epub')) (await import('./epub/index.ts')).prepareEpub(pack, context)
  if (!fresh.includes('pdf') && fresh.length > 0) {
    try {
      context.pageMap = await paginateBook(pack, context)
      step('page map')
    } catch (error) {
      // The web page is made without a browser, so it does without page numbers; the EPUB's
      // cover needs the browser, which reports its own problem.
      if (!(error instanceof BrowserNotFoundError) && fresh.includes('epub')) throw browserFault(error) ?? error
      notices.push(
        `No browser to paginate the print edition (${(error as Error).message.split('\n')[0]}): the web page and the EPUB have no print page numbers`
      )
    }
  }
  const readingName = (reading: Reading) => `${pack.slug}/${String(reading.number).padStart(2, '0')}-${reading.slug}`
  const make = async (format: Format): Promise<Made[]> => {
    const started = performance.now()
    const key = keys.get(format)
    const kept = cached.get(format)
    const made: Made[] = []
    try {
      if (kept) {
        made.push({format, relative: `${pack.slug}.${format}`, data: kept, started, ...(format === 'pdf' && cachedPages ? {pages: cachedPages} : {})})
      } else if (format === 'pdf') {
        context.onProgress?.({stage: editionNames[format]})
        const {renderPdfBook} = await import('./pdf/index.ts')
        const book = await renderPdfBook(pack, {
          ...context,
          onPrinted: (pageMap) => {
            context.pageMap = pageMap
            allPrinted()
          }
        })
        made.push({format, relative: `${pack.slug}.pdf`, data: book.file, pages: book.pageCount, started})
        if (key) {
          store.set('edition', key, book.file)
          store.set('pages', key, String(book.pageCount))
        }
        if (each) {
          const {cutPdfs} = await import('./pdf/file/cut.ts')
          const ranges = pack.readings.map((reading) => {
            const range = book.readingPages.get(reading.id)!
            const one = readingPack(pack, reading)
            return {
              ...range,
              metadata: {
                title: one.title,
                authors: packAuthors(one),
                subject: packDescription(one),
                keywords: one.keywords,
                lang: one.lang,
                date: context.date,
                described: book.described
              }
            }
          })
          const cut = await cutPdfs(book.file, book.outline, ranges)
          for (const [index, reading] of pack.readings.entries()) {
            const range = ranges[index]!
            made.push({format, relative: `${readingName(reading)}.pdf`, data: cut[index]!, pages: range.last - range.first + 1, started, reading})
          }
        }
      } else {
        if (!fresh.includes('pdf')) context.onProgress?.({stage: editionNames[format]})
        const renderer = await renderers[format]()
        const data = await renderer(pack, context)
        made.push({format, relative: `${pack.slug}.${format}`, data, started})
        if (key) store.set('edition', key, data)
        if (each) {
          for (const reading of pack.readings) {
            made.push({format, relative: `${readingName(reading)}.${format}`, data: await renderer(readingPack(pack, reading), context), started, reading})
          }
        }
      }
    } catch (error) {
      throw browserFault(error) ?? error
    }
    if (key && !kept) store.set('problems', key, JSON.stringify(context.problems.filter((problem) => problem.edition === format)))
    context.onStep?.(`${format} edition, in all`, performance.now() - started)
    return made
  }
  // The PDF's pages are the page map the others number their pages by; they are made once the
  // browser has printed those pages, while a worker thread finishes the PDF.
  let allPrinted = () => {}
  const pageMapSet = new Promise<void>((resolve) => (allPrinted = resolve))
  const pdf = wanted.includes('pdf') ? make('pdf') : Promise.resolve([])
  const others = (async () => {
    if (fresh.includes('pdf')) await Promise.race([pageMapSet, pdf])
    const made: Made[] = []
    for (const format of wanted) if (format !== 'pdf') made.push(...(await make(format)))
    return made
  })()
  const [printed, rest] = await Promise.allSettled([pdf, others])
  if (printed.status === 'rejected') throw printed.reason
  if (rest.status === 'rejected') throw rest.reason
  const made = [...printed.value, ...rest.value]
  // Problems in the order of a build that made one edition after the other, whichever found
  // its own first: the PDF's, then the others' as asked for.
  const rank = (format: Format) => (format === 'pdf' ? -1 : wanted.indexOf(format))
  context.problems.sort((a, b) => rank(a.edition) - rank(b.edition))
  // Listed in the order asked for, whatever order they were made in.
  return made.sort((a, b) => wanted.indexOf(a.format) - wanted.indexOf(b.format))
}
