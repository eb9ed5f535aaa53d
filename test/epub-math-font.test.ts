/**
 * The EPUB's math face: a book with MathML carries an OpenType math font (Noto Sans Math),
 * declared for `math` in its style sheet and listed in its manifest, so a reading system
 * draws the equations with it rather than with whatever font it has; a book without math
 * does not carry it. From one build of `test/fixtures/packs/crossref-pack/` with `--each`:
 * only its third reading has math.
 */
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import puppeteer from 'puppeteer-core'
import {beforeAll, describe, expect, it} from 'vitest'
import {findBrowser} from '../src/browser/find.ts'
import {launchArgs} from '../src/browser/session.ts'
import {epubMathFace} from '../src/render/shared/fonts.ts'
import {epubEntry, epubFiles, expectEpubcheckPasses, fixturesRoot, folio, packageDocumentOf, temporaryFolder} from './helpers/index.ts'

const input = path.join(fixturesRoot, 'packs', 'crossref-pack')
const fontName = 'noto-sans-math-latin-400-normal.woff2'

describe('the EPUB math font', () => {
  let out: string
  const book = (name: string) => path.join(out, 'numbered-across-the-pack', `${name}.epub`)

  beforeAll(() => {
    out = temporaryFolder()
    const run = folio([input, '--out', out, '--format', 'epub', '--each', '--quiet'], {SOURCE_DATE_EPOCH: '1700000000'})
    expect(run.status, run.stderr).toBe(0)
  }, 300_000)

  it('a book with math carries the font, declares it for math and lists it in its manifest; EPUBCheck clean', async () => {
    const files = await epubFiles(book('03-three'))
    const css = files.get('OEBPS/style.css')!
    expect(css).toMatch(new RegExp(`@font-face\\{font-family:'Noto Sans Math';[^}]*src:url\\(fonts/${fontName.replace(/\./g, '\\.')}\\) format\\('woff2'\\)`))
    expect(css).toContain("math{font-family:'Noto Sans Math',math}")
    expect(packageDocumentOf(files)).toMatch(new RegExp(`<item id="[^"]+" href="fonts/${fontName.replace(/\./g, '\\.')}" media-type="font/woff2" />`))
    // The font itself, as the package ships it.
    const bytes = await epubEntry(book('03-three'), `OEBPS/fonts/${fontName}`)
    expect(bytes.equals(readFileSync(epubMathFace().file))).toBe(true)
    expectEpubcheckPasses(book('03-three'))
  })

  it('a reading system that draws MathML draws the equation with it', async () => {
    const files = await epubFiles(book('03-three'))
    // The book unpacked, so its relative links (style sheet, fonts) resolve.
    const folder = temporaryFolder()
    for (const [name, text] of files) {
      mkdirSync(path.dirname(path.join(folder, name)), {recursive: true})
      writeFileSync(path.join(folder, name), name.endsWith('.woff2') ? await epubEntry(book('03-three'), name) : text)
    }
    const {executablePath} = await findBrowser()
    const browser = await puppeteer.launch({executablePath, headless: true, args: launchArgs(process.getuid?.() === 0), timeout: 120_000})
    try {
      const page = await browser.newPage()
      await page.goto(pathToFileURL(path.join(folder, 'OEBPS', 'r003-three.xhtml')).href, {waitUntil: 'load'})
      const drawn = await page.evaluate(async () => {
        await document.fonts.ready
        const math = document.querySelector('math')!
        const faces = [...document.fonts].filter((face) => face.family.replace(/['"]/g, '') === 'Noto Sans Math')
        return {family: getComputedStyle(math).fontFamily, status: faces.map((face) => face.status)}
      })
      expect(drawn.family).toMatch(/^"?Noto Sans Math"?, math$/)
      // Loaded: the browser asked for the face to draw the equation's characters.
      expect(drawn.status).toEqual(['loaded'])
    } finally {
      await browser.close()
    }
  }, 120_000)

  it('a book without math does not carry it', async () => {
    for (const name of ['01-one', '02-two']) {
      const files = await epubFiles(book(name))
      expect([...files.keys()].some((file) => file.includes('noto-sans-math'))).toBe(false)
      expect(files.get('OEBPS/style.css')).not.toContain('Noto Sans Math')
      expect(packageDocumentOf(files)).not.toContain('noto-sans-math')
    }
  })
})
