/**
 * Loading a document into a print page with the book's faces, laid out once: Chromium lays a
 * document out when it loads and again when its faces arrive, so the body stays out of layout
 * until they are in (a third of the time of a large book's galley).
 */
import type {Page, PDFOptions} from 'puppeteer-core'
import type {BrowserSession} from '../../browser/session.ts'
import {installFonts} from '../shared/install-fonts.ts'
import type {FontFace} from '../shared/fonts.ts'

/** The style that keeps the document out of layout until its fonts are installed. */
const holdId = 'folio-hold-layout'

/** How every sheet is printed: at the CSS page size, tagged; bookmarks are ours (`file/outline.ts`). */
export const printOptions: PDFOptions = {preferCSSPageSize: true, printBackground: true, tagged: true, outline: false, timeout: 0}

/** Load `html` with `fonts` installed (and `script` run before its first layout), then lay it out. */
export async function loadWithFonts(session: BrowserSession, page: Page, html: string, fonts: FontFace[], script?: string): Promise<void> {
  await session.load(
    page,
    html.replace('</head>', () => `<style id="${holdId}">body{display:none}</style></head>`)
  )
  await installFonts(page, fonts)
  if (script) await page.addScriptTag({content: script})
  await page.evaluate((id) => document.getElementById(id)?.remove(), holdId)
  // Fonts load when text first needs them; measure or print only once every face is in.
  await page.evaluate(async () => {
    document.body.getBoundingClientRect()
    await document.fonts.ready
  })
}

/** `make()` while pages open: when it throws, they are closed once they have opened. */
export function whileOpening<T>(opening: ReadonlyArray<Promise<Page>>, make: () => T): T {
  try {
    return make()
  } catch (error) {
    void Promise.allSettled(opening).then((results) => results.map((result) => result.status === 'fulfilled' && result.value.close().catch(() => undefined)))
    throw error
  }
}
