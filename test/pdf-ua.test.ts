/**
 * PDF/UA-1 for every PDF Folio writes, checked on the files: the Matterhorn Protocol's
 * machine-checkable conditions (`helpers/pdf-ua.ts`), qpdf's own check, and what the issue
 * asks of the structure: one `Sect` per chapter, one `Note` per footnote, `BibEntry`s, a
 * `TOC` of `TOCI`s, figures placed where they are drawn, no `NonStruct` holding text, running
 * heads and page numbers as artifacts. On the default pack, on two synthetic books (a plain
 * one and a hostile one, printed in parts and joined as long books are) and on a fixture of phrases in other languages, code lines that
 * wrap and figures of both kinds (`fixtures/pdf/languages-code-figures`).
 */
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {editionIn, fixturesRoot, folio, pdfPages, temporaryFolder} from './helpers/index.ts'
import {allNodes, figureDrawings, marginText, matterhorn, readStructure, type Box, type StructureNode} from './helpers/pdf-ua.ts'
import {writeSyntheticPack} from './helpers/synthetic-pack.ts'

interface Built {
  pdf: string
  html: string
  readings: number
  /** Every image described: the file claims PDF/UA-1 (the hostile pack has images without alternative text). */
  described: boolean
}

const books: Record<string, Built> = {}

function build(name: string, args: string[], readings: number, described = true, env: NodeJS.ProcessEnv = {}): void {
  const out = temporaryFolder()
  const run = folio([...args, '--out', out, '--format', 'pdf,html', '--quiet'], {SOURCE_DATE_EPOCH: '1700000000', ...env})
  if (run.status !== 0) throw new Error(run.stderr)
  books[name] = {pdf: editionIn(out, '.pdf'), html: readFileSync(editionIn(out, '.html'), 'utf8'), readings, described}
}

beforeAll(() => {
  build('the default pack', [], 2)
  build('a synthetic book', [writeSyntheticPack(path.join(temporaryFolder(), 'book'), {readings: 6, paragraphs: 8})], 6)
  // Printed in parts of five pages and joined (`render/pdf/print-parts.ts`), as long books are.
  build('a hostile pack', [writeSyntheticPack(path.join(temporaryFolder(), 'hostile'), {readings: 14, paragraphs: 2, hostile: true})], 14, false, {
    FOLIO_PAGES_PER_PART: '5'
  })
  build('languages, code and figures', [path.join(fixturesRoot, 'pdf/languages-code-figures')], 3)
}, 900_000)

const types = (nodes: StructureNode[], type: string) => allNodes(nodes).filter((node) => node.type === type)

describe.each(['the default pack', 'a synthetic book', 'a hostile pack', 'languages, code and figures'])('PDF/UA-1: %s', (name) => {
  it('fails none of the machine-checkable Matterhorn conditions (but the alternative texts the content lacks)', async () => {
    // Undescribed images (each a warning in the build) fail 13-004, and the file does not claim PDF/UA.
    const expected = books[name]!.described ? [] : ['06-002: no PDF/UA identifier (pdfuaid:part 1) in the XMP', '13-004: a Figure without Alt']
    expect(await matterhorn(books[name]!.pdf)).toEqual(expected)
  })

  it('passes qpdf --check', () => {
    const check = spawnSync('qpdf', ['--check', books[name]!.pdf], {encoding: 'utf8'})
    expect(check.stderr).toBe('')
    expect(check.status).toBe(0)
  })

  it('says PDF/UA-1 in XMP that agrees with the Info dictionary, dated SOURCE_DATE_EPOCH only', () => {
    const raw = readFileSync(books[name]!.pdf, 'latin1')
    const xmp = /<x:xmpmeta[\s\S]*?<\/x:xmpmeta>/.exec(raw)?.[0] ?? ''
    if (books[name]!.described) expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>')
    else expect(xmp).not.toContain('pdfuaid:part')
    expect(xmp).toMatch(/<dc:title><rdf:Alt><rdf:li xml:lang="x-default">[^<]+<\/rdf:li>/)
    for (const field of ['CreateDate', 'ModifyDate', 'MetadataDate']) expect(xmp).toContain(`<xmp:${field}>2023-11-14T22:13:20Z</xmp:${field}>`)
    expect(raw).toContain('/CreationDate (D:20231114221320Z)')
    expect(xmp).toMatch(/<dc:language><rdf:Bag><rdf:li>[a-z]{2}/)
  })

  it('has one Sect per chapter, one Note per footnote, BibEntries, a TOC, and no NonStruct', async () => {
    const {roots} = await readStructure(books[name]!.pdf)
    const {html, readings} = books[name]!
    expect(roots.map((root) => root.type)).toEqual(['Document'])
    const chapters = roots[0]!.kids.filter((kid) => kid.type === 'Sect')
    // The title page, the notice on its back when there is one, the contents, each part's
    // title page, each reading, the appendix.
    const parts = [...html.matchAll(/<section class="part"/g)].length
    const notice = html.includes('class="pack-notice"') ? 1 : 0
    expect(chapters.length).toBe(readings + parts + notice + 3)
    const footnotes = [...html.matchAll(/<li id="r\d+-fn-[^"]*"/g)].length
    expect(footnotes).toBeGreaterThan(0)
    expect(types(roots, 'Note').length).toBe(footnotes)
    expect(types(roots, 'BibEntry').length).toBe([...html.matchAll(/class="csl-entry"/g)].length)
    // The contents: a chapter whose heading comes before its TOC, one TOC however many pages
    // it takes, holding TOCIs only; a part's TOCI holds the TOC of its readings.
    const contents = chapters.find((chapter) => chapter.kids.some((kid) => kid.type === 'TOC'))!
    expect(contents.kids.map((kid) => kid.type)).toEqual(['H1', 'TOC'])
    const toc = contents.kids[1]!
    expect(types(roots, 'TOC').length).toBe(1 + parts)
    for (const list of types(roots, 'TOC')) expect(list.kids.map((kid) => kid.type)).toEqual(list.kids.map(() => 'TOCI'))
    const partEntries = toc.kids.filter((entry) => entry.kids.some((kid) => kid.type === 'TOC'))
    expect(partEntries.length).toBe(parts)
    for (const entry of partEntries) expect(entry.kids.map((kid) => kid.type)).toEqual(['Link', 'TOC'])
    // Every reading has its entry, at the top level or in its part's: with the parts and the appendix.
    expect(types([toc], 'TOCI').length).toBe(readings + parts + 1)
    expect(types(roots, 'NonStruct')).toEqual([])
    if (books[name]!.described) for (const figure of types(roots, 'Figure')) expect(figure.alt ?? figure.kids.find((kid) => kid.alt)?.alt).toBeTruthy()
  })

  it('says where each Figure is drawn: a BBox on its page that holds what it paints, and little more', async () => {
    const {document, roots} = await readStructure(books[name]!.pdf)
    const drawn = figureDrawings(books[name]!.pdf)
    const figures = types(roots, 'Figure')
    if (name !== 'the default pack') expect(figures.length).toBeGreaterThan(0)
    const placed: Box[][] = drawn.map(() => [])
    for (const figure of figures) {
      expect(figure.attributes).toMatch(/\/O \/Layout/)
      const box = /\/BBox \[\s*([\d.\s-]+)\]/.exec(figure.attributes)?.[1]?.trim().split(/\s+/).map(Number) as Box | undefined
      expect(box).toHaveLength(4)
      const page = document.getPage(figure.page!)
      const {x, y, width, height} = page.getMediaBox()
      expect(box![0]).toBeGreaterThanOrEqual(x)
      expect(box![1]).toBeGreaterThanOrEqual(y)
      expect(box![2]).toBeLessThanOrEqual(x + width)
      expect(box![3]).toBeLessThanOrEqual(y + height)
      placed[figure.page!]!.push(box!)
    }
    // Page by page, in reading order from the top, each box against what mutool draws of its figure.
    const top = (a: Box, b: Box) => b[3] - a[3] || a[0] - b[0]
    for (const [page, boxes] of placed.entries()) {
      const drawings = drawn[page]!.sort(top)
      expect(boxes.sort(top).length, `figures on page ${page + 1}`).toBe(drawings.length)
      for (const [index, box] of boxes.entries()) {
        const paint = drawings[index]!
        for (const side of [0, 1]) expect(box[side], `page ${page + 1}`).toBeLessThanOrEqual(paint[side]! + 0.5)
        for (const side of [2, 3]) expect(box[side], `page ${page + 1}`).toBeGreaterThanOrEqual(paint[side]! - 0.5)
        for (const side of [0, 1, 2, 3]) expect(Math.abs(box[side]! - paint[side]!), `page ${page + 1}`).toBeLessThan(3)
      }
    }
  })

  it('sets running heads and page numbers as artifacts, outside every structure element', () => {
    // Running heads sit 12 mm from the top edge, page numbers 12 mm from the bottom one: within 50 pt.
    const pages = marginText(books[name]!.pdf, 50)
    const inMargins = pages.flat()
    // Every page but the title page, its back, part pages and blank ones carries a folio.
    expect(inMargins.length).toBeGreaterThan(pages.length / 2)
    expect(inMargins.filter((piece) => !piece.artifact)).toEqual([])
    // The first page after the title page that has a folio carries its own number, as an artifact.
    const numbered = pages.findIndex((pieces, index) => index > 0 && pieces.length > 0)
    expect(numbered).toBeGreaterThan(0)
    expect(pages[numbered]!.map((piece) => piece.text).join('')).toContain(String(numbered + 1))
  })
})

describe('PDF/UA-1: what only the structure tree says', () => {
  const fixture = () => books['languages, code and figures']!

  it('gives a phrase or a block in another language an element with its Lang', async () => {
    const {roots} = await readStructure(fixture().pdf)
    const spoken = allNodes(roots)
      .filter((node) => node.lang && node.type !== 'Document')
      .map((node) => `${node.type} ${node.lang} ${node.mcids}`)
    // <span lang="fr">, <i lang="la">, <q lang="fr"> in a paragraph; <div lang="de"> around one;
    // <span lang="de"> in a note. Each with the words it holds.
    expect(spoken).toEqual(['Span fr 1', 'Span la 1', 'Span fr 1', 'Div de 0', 'Span de 1'])
    const div = allNodes(roots).find((node) => node.type === 'Div' && node.lang === 'de')!
    expect(div.kids.map((kid) => kid.type)).toEqual(['P'])
    const note = types(roots, 'Note')[0]!
    expect(allNodes([note]).some((node) => node.type === 'Span' && node.lang === 'de')).toBe(true)
  })

  it('gives each code block the lines as written (ActualText), though the page wraps them', async () => {
    const {roots} = await readStructure(fixture().pdf)
    const code = types(roots, 'Code').map((node) => node.actualText)
    const long = 'export PATH="/opt/migration/governance/tools/bin:/opt/migration/governance/reports/bin:/opt/migration/governance/archive/bin:$PATH"'
    expect(code).toEqual([`${long}\necho "$PATH"`, '[pack]\ntitle = "Short"'])
    // The page wraps the long line: its text layer alone would copy it as two.
    const text = pdfPages(fixture().pdf).join('\n')
    expect(text.replace(/\s+/g, '')).toContain(long.replace(/\s+/g, ''))
    expect(text.split('\n').some((line) => line.includes(long))).toBe(false)
  })
})
