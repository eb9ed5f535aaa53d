/**
 * The project's typefaces, installed in a browser page through the CSS Font Loading API.
 *
 * Not through `@font-face` rules: with a fontconfig that lists no fonts (a bare server, or
 * `FONTCONFIG_FILE` pointing at an empty configuration) Chromium 156 fails to load
 * `url(data:…)` web fonts at random ("error"), and the PDF comes out with no text at all;
 * faces made from bytes load every time.
 */
import type {Page} from 'puppeteer-core'
import {fontData} from './assets.ts'
import type {FontFace as Face} from './fonts.ts'

export async function installFonts(page: Page, faces: Face[]): Promise<void> {
  const payload = faces.map((face) => ({
    family: face.family,
    weight: String(face.weight),
    style: face.style,
    unicodeRange: face.unicodeRange,
    data: fontData(face).toString('base64')
  }))
  const failed = await page.evaluate(async (list) => {
    const loads: Array<Promise<unknown>> = []
    for (const item of list) {
      const binary = atob(item.data)
      const bytes = new Uint8Array(binary.length)
      for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
      const face = new FontFace(item.family, bytes.buffer, {weight: item.weight, style: item.style, unicodeRange: item.unicodeRange, display: 'block'})
      document.fonts.add(face)
      loads.push(
        face.load().then(
          () => '',
          () => `${item.family} ${item.weight} ${item.style}`
        )
      )
    }
    return (await Promise.all(loads)).filter(Boolean)
  }, payload)
  if (failed.length > 0) throw new Error(`Chromium could not load the fonts ${failed.join(', ')}`)
}
