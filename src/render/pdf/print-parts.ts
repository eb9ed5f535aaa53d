/**
 * A long book printed in parts, then joined (`file/join.ts`). Chromium holds every page it
 * prints until it writes the file, so parts take less memory (on 111 readings, the process
 * tree's peak PSS went from 1.3 GiB to 1.1 GiB); and a part whose sheets (and faces, and
 * browser) are those of an earlier build is not printed again: after one reading changed,
 * only the parts its pages are in, and when its page count changed those after it and the
 * contents' part (its page numbers).
 *
 * Two parts print at once, in two renderers; on two cores that is about as fast as one
 * print, since Chromium's own print steps take the other core. The page that composed the
 * book prints parts one after another, each in place of the last, so a rebuild that reprints
 * one part neither loads a page nor sends sheets through Node; the second renderer loads the
 * document around the sheets and the faces once, and is sent the markup of each part it
 * prints. Either way a part prints the same bytes as in a page of its own
 * (`test/pdf-parts.test.ts` compares a rebuild that prints one part with a cold build that
 * prints them all). A page loaded for each part spent a fixed 0.3 to 0.5 s on it, and
 * sending every part's markup out of the composed page a further half second.
 */
import type {Page} from 'puppeteer-core'
import {digest} from '../../cache/store.ts'
import type {RenderContext} from '../context.ts'
import type {FontFace} from '../shared/fonts.ts'
import {loadWithFonts, printOptions} from './load-page.ts'
import {partsMarker, type SheetParts} from './model.ts'

/**
 * Sheets per part: a few chapters' worth of pages, so a changed reading reprints little; a
 * book this long or shorter prints whole. `FOLIO_PAGES_PER_PART` sets it (the tests print
 * small books in parts). On 111 readings, 48 against 96 reprints a changed reading in 2.2 s
 * instead of 3.3 s, prints the book cold in the same time, and makes the file 3% larger
 * (each part has its own subset of the fonts).
 */
export function pagesPerPart(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env['FOLIO_PAGES_PER_PART'])
  return Number.isInteger(value) && value > 0 ? value : 48
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

interface PartsWindow {
  folio: {
    partSheets: (part: number) => string
  }
}

/**
 * Print the parts of the book composed in `composed` (`browser/parts.ts`): that page prints
 * parts itself, and a second renderer, loaded with the document around the sheets and the
 * faces, prints others, given their markup. The caller closes `composed`.
 */
export async function printParts(
  composed: Page,
  {shell, digests}: SheetParts,
  fonts: FontFace[],
  {
    session,
    store,
    onProgress,
    onPart
  }: Pick<RenderContext, 'session' | 'store' | 'onProgress'> & {
    /** Called with each part (its index, its file) as it is taken from the store or printed. */
    onPart?: (index: number, file: Uint8Array) => void
  }
): Promise<Uint8Array[]> {
  const printed: Uint8Array[] = []
  const faces = JSON.stringify(fonts)
  const keys = digests.map((sheets) => digest('printed part', faces, shell, sheets))
  // Kept parts are taken first: what is left is what the renderers share.
  const left: number[] = []
  for (const [index, key] of keys.entries()) {
    const kept = store?.get('part', key)
    if (kept) {
      printed[index] = new Uint8Array(kept)
      onPart?.(index, printed[index])
    } else left.push(index)
  }
  let done = digests.length - left.length
  const print = async (page: Page, index: number, sheets: number | string) => {
    await page.evaluate(showSheets, sheets)
    printed[index] = await page.pdf(printOptions)
    onPart?.(index, printed[index])
    store?.set('part', keys[index]!, printed[index]!)
    onProgress?.({stage: 'parts printed', done: ++done, total: digests.length})
  }
  // Two renderers, for the machine's two cores, the common case.
  const second = left.length > 1
  const inComposed = async () => {
    for (let index = left.shift(); index !== undefined; index = left.shift()) await print(composed, index, index)
  }
  // The second renderer loads while the first prints, and is started only for a second part.
  const inSecond = async () => {
    if (!second) return
    const page = await session.page()
    try {
      await loadWithFonts(session, page, shell.replace(`<!--${partsMarker}-->`, ''), fonts)
      for (let index = left.shift(); index !== undefined; index = left.shift()) {
        const sheets = await composed.evaluate((value) => (window as unknown as PartsWindow).folio.partSheets(value), index)
        await print(page, index, sheets)
      }
    } finally {
      await page.close()
    }
  }
  await Promise.all([inComposed(), inSecond()])
  return printed
}

/**
 * In a print page: the part's sheets in place of the last part's, with their images decoded
 * and their faces loaded, as a page that loaded them would have them. A number is a part of
 * the book composed in this page; a string, a part's markup from there.
 */
async function showSheets(sheets: number | string): Promise<void> {
  const root = document.getElementById('pages')!
  root.innerHTML = typeof sheets === 'string' ? sheets : (window as unknown as PartsWindow).folio.partSheets(sheets)
  await Promise.all([...root.querySelectorAll('img')].map((image) => image.decode().catch(() => undefined)))
  await document.fonts.ready
}
