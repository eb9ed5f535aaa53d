/**
 * PDF/UA-1 for every PDF Folio writes, checked on the files: the Matterhorn Protocol's
 * machine-checkable conditions (`helpers/pdf-ua.ts`), qpdf's own check, and what the issue
 * asks of the structure: one `Sect` per chapter, one `Note` per footnote, `BibEntry`s, a
 * `TOC`, no `NonStruct` holding text, running heads and page numbers as artifacts. On the
 * default pack and on two synthetic books, a plain one and a hostile one.
 */
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {editionIn, folio, temporaryFolder} from './helpers/index.ts'
import {allNodes, marginText, matterhorn, readStructure, type StructureNode} from './helpers/pdf-ua.ts'
import {writeSyntheticPack} from './helpers/synthetic-pack.ts'

interface Built {
  pdf: string
  html: string
  readings: number
  /** Every image described: the file claims PDF/UA-1 (the hostile pack has images without alternative text). */
  described: boolean
}

const books: Record<string, Built> = {}

function build(name: string, args: string[], readings: number, described = true): void {
  const out = temporaryFolder()
  const run = folio([...args, '--out', out, '--format', 'pdf,html', '--quiet'], {SOURCE_DATE_EPOCH: '1700000000'})
  if (run.status !== 0) throw new Error(run.stderr)
  books[name] = {pdf: editionIn(out, '.pdf'), html: readFileSync(editionIn(out, '.html'), 'utf8'), readings, described}
}

beforeAll(() => {
  build('the default pack', [], 2)
  build('a synthetic book', [writeSyntheticPack(path.join(temporaryFolder(), 'book'), {readings: 6, paragraphs: 8})], 6)
  build('a hostile pack', [writeSyntheticPack(path.join(temporaryFolder(), 'hostile'), {readings: 14, paragraphs: 2, hostile: true})], 14, false)
}, 900_000)

const types = (nodes: StructureNode[], type: string) => allNodes(nodes).filter((node) => node.type === type)

describe.each(['the default pack', 'a synthetic book', 'a hostile pack'])('PDF/UA-1: %s', (name) => {
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
    // The title page, the notice on its back when there is one, each part's title page, each
    // reading, the appendix.
    const parts = [...html.matchAll(/<section class="part"/g)].length
    const notice = html.includes('class="pack-notice"') ? 1 : 0
    expect(chapters.length).toBe(readings + parts + notice + 2)
    const footnotes = [...html.matchAll(/<li id="r\d+-fn-[^"]*"/g)].length
    expect(footnotes).toBeGreaterThan(0)
    expect(types(roots, 'Note').length).toBe(footnotes)
    expect(types(roots, 'BibEntry').length).toBe([...html.matchAll(/class="csl-entry"/g)].length)
    const toc = types(roots, 'TOC')
    expect(toc.length).toBe(1)
    // A part's entry holds its readings' (a TOC of its own): the top level has the parts, the
    // readings outside parts and the appendix.
    const nested = types(toc, 'TOCI').length - toc[0]!.kids.filter((kid) => kid.type === 'TOCI').length
    expect(toc[0]!.kids.filter((kid) => kid.type === 'TOCI').length + nested).toBe(readings + parts + 1)
    expect(types(roots, 'NonStruct')).toEqual([])
    if (books[name]!.described) for (const figure of types(roots, 'Figure')) expect(figure.alt ?? figure.kids.find((kid) => kid.alt)?.alt).toBeTruthy()
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
