/**
 * The same page numbers in every edition: the EPUB's page list and page-break markers and
 * the web page's `#page-N` anchors sit where the PDF's pages start, with the PDF's folios;
 * an EPUB built without the PDF gets the same numbers.
 */
import {readFileSync} from 'node:fs'
import {beforeAll, describe, expect, it} from 'vitest'
import {contentDocuments, editionIn, epubFiles, folio, packageDocumentOf, pdfPages, squash, temporaryFolder} from './helpers/index.ts'
import {markedPages, type MarkedPage} from './helpers/page-breaks.ts'

let pdfText: string[]
let epub: Map<string, string>
let epubAlone: Map<string, string>
let html: string
let spine: string[]

beforeAll(async () => {
  const all = temporaryFolder()
  const alone = temporaryFolder()
  const env = {SOURCE_DATE_EPOCH: '1700000000'}
  for (const [out, formats] of [
    [all, 'html,pdf,epub'],
    [alone, 'epub']
  ] as const) {
    const run = folio(['--out', out, '--format', formats, '--quiet'], env)
    if (run.status !== 0) throw new Error(run.stderr)
  }
  pdfText = pdfPages(editionIn(all, '.pdf'))
  epub = await epubFiles(editionIn(all, '.epub'))
  epubAlone = await epubFiles(editionIn(alone, '.epub'))
  html = readFileSync(editionIn(all, '.html'), 'utf8')
  spine = [...packageDocumentOf(epub).matchAll(/<itemref idref="doc-(\d+)"/g)].map((match) => match[1]!)
})

/** The EPUB's markers in reading order (the spine's). */
function epubMarkers(files: Map<string, string>): MarkedPage[] {
  const opf = packageDocumentOf(files)
  const hrefs = new Map([...opf.matchAll(/<item id="doc-(\d+)" href="([^"]+)"/g)].map((match) => [match[1]!, match[2]!]))
  const documents = contentDocuments(files)
  return markedPages(spine.map((id) => [hrefs.get(id)!, documents.get(hrefs.get(id)!)!]))
}

/** Where the marker's words are on page `label` of the PDF: near its top, after the running head. */
function expectOnPdfPage(marker: MarkedPage) {
  const page = pdfText[Number(marker.label) - 1]
  expect(page, `PDF page ${marker.label}`).toBeDefined()
  // Digits aside: the PDF's contents carry page numbers, its notes references are numbers too.
  const words = (text: string) => text.replace(/\d+/g, '')
  const top = words(squash(page!)).slice(0, 200)
  expect(top, `page ${marker.label} starts with “${marker.following}”`).toContain(words(marker.following).slice(0, 24))
}

describe('print page numbers in the EPUB and on the web page', () => {
  it('marks every PDF page in the EPUB, in order, where the page starts', () => {
    const markers = epubMarkers(epub)
    expect(markers.map((marker) => marker.label)).toEqual(pdfText.map((_page, index) => String(index + 1)))
    for (const marker of markers) expectOnPdfPage(marker)
    // A page that starts in the middle of a paragraph starts in the EPUB at the same word.
    expect(markers.some((marker) => marker.label !== '1' && !/^(Migration|Contents|Introduction|TheIOM|About)/.test(marker.following))).toBe(true)
  })

  it('lists the pages in the navigation, with the print edition named as their source', () => {
    const nav = contentDocuments(epub).get('toc.xhtml')!
    const list = /<nav epub:type="page-list" role="doc-pagelist"[^>]*>([\s\S]*?)<\/nav>/.exec(nav)?.[1] ?? ''
    const entries = [...list.matchAll(/<a href="([^"#]+)#page-(\d+)">(\d+)<\/a>/g)]
    expect(entries.map((entry) => entry[3])).toEqual(pdfText.map((_page, index) => String(index + 1)))
    for (const [, file, id, label] of entries) {
      expect(id).toBe(label)
      expect(contentDocuments(epub).get(file!)).toContain(`id="page-${id}" aria-label="${label}"`)
    }
    const opf = packageDocumentOf(epub)
    expect(opf).toContain(
      '<dc:source id="page-source">Migration governance under pressure, PDF edition (migration-governance-under-pressure.pdf, A4)</dc:source>'
    )
    expect(opf).toContain('<meta property="source-of" refines="#page-source">pagination</meta>')
    expect(opf).toMatch(/<meta property="pbs:pageBreakSource">Migration governance under pressure, PDF edition/)
  })

  it('gives the EPUB the same page numbers when the PDF is not built', () => {
    expect(epubMarkers(epubAlone)).toEqual(epubMarkers(epub))
  })

  it('puts a #page-N anchor on the web page for every PDF page, at the same place', () => {
    const markers = markedPages([['page', html]])
    expect(markers.map((marker) => marker.label)).toEqual(pdfText.map((_page, index) => String(index + 1)))
    for (const marker of markers) expectOnPdfPage(marker)
    expect(html).toContain('<input type="checkbox" id="show-page-numbers" checked>')
  })
})
