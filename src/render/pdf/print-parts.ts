/**
 * A long book printed in parts, then joined (`file/join.ts`). Chromium holds every page it
 * prints until it writes the file, so parts take less memory (on 111 readings, the process
 * tree's peak PSS went from 1.3 GiB to 1.1 GiB); and a part whose sheets (and faces, and
 * browser) are those of an earlier build is not printed again: after one reading changed,
 * only the parts its pages are in, and when its page count changed those after it and the
 * contents' part (its page numbers). Two parts
 * print at once, in two renderers; on two cores that is about as fast as one print, since
 * Chromium's own print steps take the other core.
 */
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
  const printer = async () => {
    while (next < parts.length) {
      const index = next++
      const html = shell.replace(`<!--${partsMarker}-->`, () => parts[index]!)
      const key = digest('printed part', faces, html)
      const kept = store?.get('part', key)
      if (kept) printed[index] = new Uint8Array(kept)
      else {
        const page = await session.page()
        try {
          await loadWithFonts(session, page, html, fonts)
          const part = page.pdf(printOptions)
          printing()
          printed[index] = await part
        } finally {
          await page.close()
        }
        store?.set('part', key, printed[index]!)
      }
      onProgress?.({stage: 'parts printed', done: ++done, total: parts.length})
    }
  }
  await Promise.all(Array.from({length: Math.min(renderers, parts.length)}, printer))
  printing()
  return printed
}
