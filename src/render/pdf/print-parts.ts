/**
 * A long book printed in parts, then joined (`file/join.ts`). Chromium holds every page it
 * prints until it writes the file, so parts take less memory (on 111 readings, the process
 * tree's peak PSS went from 1.3 GiB to 1.1 GiB); and a part whose sheets (and faces, and
 * browser) are those of an earlier build is not printed again: after one reading changed,
 * only the parts its pages are in, and when its page count changed those after it and the
 * contents' part (its page numbers). Two parts
 * print at once, in two renderers; on two cores that is about as fast as one print, since
 * Chromium's own print steps take the other core. Each renderer keeps one page for all its
 * parts, which prints the same bytes as a page of its own for each (`test/pdf-parts.test.ts`
 * compares a rebuild that prints one part with a cold build that prints them all).
 */
import type {Page} from 'puppeteer-core'
import {digest} from '../../cache/store.ts'
import type {RenderContext} from '../context.ts'
import type {FontFace} from '../shared/fonts.ts'
import {loadWithFonts, printOptions} from './load-page.ts'
import {partsMarker, type SheetParts} from './model.ts'

/**
 * Sheets per part: about a chapter's worth of pages, so a changed reading reprints little; a
 * book this long or shorter prints whole. `FOLIO_PAGES_PER_PART` sets it (the tests print
 * small books in parts).
 */
export function pagesPerPart(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env['FOLIO_PAGES_PER_PART'])
  return Number.isInteger(value) && value > 0 ? value : 96
}

/**
 * The first sheet of each part (0-based): one part, or parts of `perPart` sheets from the
 * first, the last one shorter. Where a part starts depends on nothing after it, so a reading
 * that gains or loses a page leaves every part before its own as it was (parts spread evenly
 * over the book all moved, and a rebuild printed the whole book again).
 */
export function partStarts(pages: number, perPart = pagesPerPart()): number[] {
  const count = Math.ceil(pages / perPart)
  if (count <= 1) return [0]
  return Array.from({length: count}, (_value, index) => index * perPart)
}

/** Renderers printing at once: the machine's two cores are the common case. */
const renderers = 2

export async function printParts(
  {shell, parts}: SheetParts,
  fonts: FontFace[],
  {
    session,
    store,
    onProgress,
    onPrinting
  }: Pick<RenderContext, 'session' | 'store' | 'onProgress'> & {
    /** Called once, when the first part not kept is being printed, or when every part was kept. */
    onPrinting?: () => void
  }
): Promise<Uint8Array[]> {
  const printed: Uint8Array[] = []
  const faces = JSON.stringify(fonts)
  let next = 0
  let done = 0
  let told = false
  const printing = () => {
    if (!told) onPrinting?.()
    told = true
  }
  // Each renderer loads the document around the sheets and installs the faces once, then
  // prints its parts in turn, each put in place of the last: loading a page for each part
  // took about a third of a 32-sheet part's time.
  const printer = async () => {
    let page: Page | undefined
    try {
      while (next < parts.length) {
        const index = next++
        const html = shell.replace(`<!--${partsMarker}-->`, () => parts[index]!)
        const key = digest('printed part', faces, html)
        const kept = store?.get('part', key)
        if (kept) printed[index] = new Uint8Array(kept)
        else {
          if (!page) {
            page = await session.page()
            await loadWithFonts(session, page, shell, fonts)
          }
          await page.evaluate(showSheets, parts[index]!)
          const part = page.pdf(printOptions)
          printing()
          printed[index] = await part
          store?.set('part', key, printed[index]!)
        }
        onProgress?.({stage: 'parts printed', done: ++done, total: parts.length})
      }
    } finally {
      await page?.close()
    }
  }
  await Promise.all(Array.from({length: Math.min(renderers, parts.length)}, printer))
  printing()
  return printed
}

/**
 * In the print page: the part's sheets in place of the last part's, laid out, with their
 * images decoded and their faces loaded, as a page that loaded them would have them.
 */
async function showSheets(sheets: string): Promise<void> {
  const root = document.getElementById('pages')!
  root.innerHTML = sheets
  root.getBoundingClientRect()
  await Promise.all([...root.querySelectorAll('img')].map((image) => image.decode().catch(() => undefined)))
  await document.fonts.ready
}
