/**
 * Joining tagged PDFs: a Letter excerpt printed by Chromium placed into an A4 "pack" printed
 * by Chromium, and pages cut out into a file of their own. What a reader's software sees is
 * checked: the text per page (pdftotext), the page sizes, the structure each page belongs to
 * (pdf.js builds it from the ParentTree and the MCIDs, as screen readers do), the links and
 * where they go, the bookmarks, and qpdf's check of the file.
 */
import {execFileSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs'
import {PDFDocument} from 'pdf-lib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {BrowserSession} from '../src/browser/session.ts'
import {appendStructure, graftPages} from '../src/render/pdf/file/graft.ts'
import {settleIds} from '../src/render/pdf/file/ids.ts'
import {placePdfPages} from '../src/render/pdf/file/place.ts'
import {papers} from '../src/render/pdf/geometry.ts'
import {pdfPages, temporaryFolder} from './helpers/index.ts'
import {printHtml} from './helpers/make-pdf.ts'
import {allNodes, matterhorn, readStructure} from './helpers/pdf-ua.ts'

const excerpt = `<!doctype html><html lang="en"><body style="font: 14px serif">
<h1 id="alpha">Alpha heading</h1><p>Alpha words of the excerpt, <a href="https://example.org/">an outside link</a> and <a href="#gamma">a link ahead</a>.</p>
<h1 id="beta" style="break-before: page">Beta heading</h1><p>Beta words that stay behind.</p>
<h1 id="gamma" style="break-before: page">Gamma heading</h1><ul><li>Gamma item</li></ul><p><a href="#beta">Back to beta</a></p>
</body></html>`

const tableHtml = `<!doctype html><html lang="en"><body style="font: 14px serif">
<table><tr><th>Year</th><th>Copies</th></tr><tr><td>1990</td><td>3</td></tr><tr><td>1991</td><td>5</td></tr></table>
</body></html>`

const pack = `<!doctype html><html lang="en"><body style="margin: 0; font: 14px sans-serif">
<article><h1>The reading sheet</h1><p>Sheet words.</p></article>
<div style="break-before: page; position: relative; height: 250mm"><div style="position: absolute; bottom: 0; width: 100%; text-align: center">folio two</div></div>
<div style="break-before: page; position: relative; height: 250mm"><div style="position: absolute; bottom: 0; width: 100%; text-align: center">folio three</div></div>
<p style="break-before: page">After the excerpt.</p>
</body></html>`

interface StructNode {
  role?: string
  type?: string
  id?: string
  children?: StructNode[]
}

/** Each page's structure as pdf.js sees it: the roles from the root down to each content item. */
async function structurePaths(file: Uint8Array): Promise<string[][]> {
  const document = await getDocument({data: file.slice(), verbosity: 0}).promise
  const result: string[][] = []
  for (let number = 1; number <= document.numPages; number++) {
    const tree = (await (await document.getPage(number)).getStructTree()) as StructNode | null
    const paths: string[] = []
    const walk = (node: StructNode, trail: string[]) => {
      if (node.type === 'content') paths.push(trail.filter((role) => role !== 'NonStruct' && role !== 'Root').join('>'))
      for (const child of node.children ?? []) walk(child, node.role ? [...trail, node.role] : trail)
    }
    if (tree) walk(tree, [])
    result.push(paths)
  }
  return result
}

describe('grafting the pages of a tagged PDF into another', () => {
  const session = new BrowserSession()
  const folder = temporaryFolder()
  let placed: Uint8Array
  let outline: Awaited<ReturnType<typeof placePdfPages>>
  beforeAll(async () => {
    const source = await printHtml(session, excerpt, {format: 'letter'})
    const document = await PDFDocument.load(await printHtml(session, pack, {format: 'a4'}))
    outline = await placePdfPages(document, [{source, sourcePages: [0, 2], packPages: [2, 3], sheetPage: 1, level: 1}], papers.a4)
    placed = await document.save()
    writeFileSync(path.join(folder, 'placed.pdf'), placed)
  }, 60_000)
  afterAll(() => session.close())

  it('puts the chosen pages in the placeholders’ places, on the pack’s paper, under the placeholders’ folios', async () => {
    const pages = pdfPages(path.join(folder, 'placed.pdf'))
    expect(pages).toHaveLength(4)
    expect(pages[1]).toContain('Alpha heading')
    expect(pages[1]).toContain('folio two')
    expect(pages[2]).toContain('Gamma heading')
    expect(pages[2]).toContain('folio three')
    expect(pages.join('\n')).not.toContain('Beta words')
    const document = await PDFDocument.load(placed)
    for (const page of document.getPages()) {
      expect(page.getWidth()).toBeCloseTo(595.3, -0.5)
      expect(page.getHeight()).toBeCloseTo(841.9, -0.5)
    }
  })

  it('fits the excerpt between the running head’s and the folio’s bands', () => {
    const xml = execFileSync('pdftotext', ['-bbox', '-f', '2', '-l', '2', path.join(folder, 'placed.pdf'), '-'], {encoding: 'utf8'})
    const word = (text: string) => {
      const match = new RegExp(`yMin="([\\d.]+)" xMax="[\\d.]+" yMax="([\\d.]+)">${text}<`).exec(xml)
      return {top: Number(match![1]), bottom: Number(match![2])}
    }
    // The folio sits in the bottom band; the excerpt's first line starts below the top band.
    expect(word('Alpha').top).toBeGreaterThan((papers.a4.head + 6) * 2.83)
    expect(word('two').top).toBeGreaterThan(word('Alpha').bottom)
  })

  it('keeps the excerpt’s structure, under the reading’s element, and none for the placeholders', async () => {
    const paths = await structurePaths(placed)
    expect(paths[0]).toContain('Document>Art>H1')
    expect(paths[1]).toContain('Document>Art>H1')
    expect(paths[1]).toContain('Document>Art>P>Link')
    expect(paths[2]).toContain('Document>Art>L>LI')
    // The placeholders' folios are artifacts now: no content of theirs is in the tree.
    expect(paths[1]!.every((trail) => trail.startsWith('Document>Art'))).toBe(true)
  })

  it('keeps links whose targets came along, and only those', async () => {
    const document = await getDocument({data: placed.slice(), verbosity: 0}).promise
    const second = await (await document.getPage(2)).getAnnotations()
    expect(second.map((annotation) => annotation['url']).filter(Boolean)).toEqual(['https://example.org/'])
    const inside = second.find((annotation) => annotation['dest'])
    expect(inside).toBeDefined()
    const destination = inside!['dest'] as unknown[]
    expect(await document.getPageIndex(destination[0] as never)).toBe(2)
    const third = await (await document.getPage(3)).getAnnotations()
    expect(third.filter((annotation) => annotation['subtype'] === 'Link')).toHaveLength(0)
  })

  it('returns the bookmarks into the pages taken, one level under the reading', () => {
    expect(outline.map(({title, level, page}) => [title, level, page])).toEqual([
      ['Alpha heading', 2, 2],
      ['Gamma heading', 2, 3]
    ])
  })

  it('passes qpdf’s check', () => {
    expect(() => execFileSync('qpdf', ['--check', path.join(folder, 'placed.pdf')], {encoding: 'utf8'})).not.toThrow()
  })

  it('cuts pages into a file of their own that stays tagged', async () => {
    const from = await PDFDocument.load(placed)
    const cut = await PDFDocument.create()
    const grafted = graftPages(from, cut, [1, 2])
    for (const page of grafted.pages) cut.addPage(page)
    appendStructure(cut, undefined, grafted.elements)
    const bytes = await cut.save()
    writeFileSync(path.join(folder, 'cut.pdf'), bytes)
    expect(() => execFileSync('qpdf', ['--check', path.join(folder, 'cut.pdf')])).not.toThrow()
    const paths = await structurePaths(bytes)
    expect(paths[0]).toContain('Document>Art>H1')
    expect(paths[1]).toContain('Document>Art>L>LI')
    expect(pdfPages(path.join(folder, 'cut.pdf'))[0]).toContain('Alpha heading')
  })

  it('keeps the header cells of two files apart, though their renderers named them alike', async () => {
    // One source placed twice: both copies' cells carry the same names from Chromium.
    const source = await printHtml(session, tableHtml, {format: 'a4'})
    const document = await PDFDocument.load(await printHtml(session, pack, {format: 'a4'}))
    const placements = [2, 3].map((page) => ({source, sourcePages: [0], packPages: [page], sheetPage: 1, level: 1}))
    await placePdfPages(document, placements, papers.a4)
    settleIds(document)
    const file = path.join(folder, 'tables.pdf')
    writeFileSync(file, await document.save())
    expect((await matterhorn(file)).filter((line) => /^(7\.5|14\.7\.2|19-00)/.test(line))).toEqual([])
    // Each data cell names header cells of its own copy of the table.
    const {roots} = await readStructure(file)
    const tables = allNodes(roots).filter((node) => node.type === 'Table')
    expect(tables).toHaveLength(2)
    const [first, second] = tables.map((table) => {
      const nodes = allNodes(table.kids)
      return {ids: new Set(nodes.flatMap((node) => node.id ?? [])), headers: nodes.flatMap((node) => node.headers)}
    })
    for (const {ids, headers} of [first!, second!]) {
      expect(headers.length).toBeGreaterThanOrEqual(4)
      for (const header of headers) expect(ids.has(header)).toBe(true)
    }
    expect([...first!.ids].some((id) => second!.ids.has(id))).toBe(false)
  })
})
