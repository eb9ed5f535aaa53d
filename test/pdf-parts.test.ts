/**
 * A book printed in parts and joined (`render/pdf/print-parts.ts`, `file/join.ts`) is the
 * book printed whole: the same text on the same pages, the same links going to the same
 * places (those that cross parts too), the same structure tree. And a rebuild after one
 * reading changed reprints only the parts that changed, into the bytes of a cold build.
 */
import {execFileSync} from 'node:child_process'
import {appendFileSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString} from 'pdf-lib'
import {beforeAll, describe, expect, it} from 'vitest'
import {editionIn, folio, pdfPages, temporaryFolder} from './helpers/index.ts'
import {allNodes, readStructure, type StructureNode} from './helpers/pdf-ua.ts'
import {writeSyntheticPack} from './helpers/synthetic-pack.ts'

const perPart = 5
const date = {SOURCE_DATE_EPOCH: '1700000000'}
let pack: string
let whole: string
let parted: string

function buildPdf(env: NodeJS.ProcessEnv, ...args: string[]): string {
  return buildPackPdf(pack, env, ...args)
}

function buildPackPdf(folder: string, env: NodeJS.ProcessEnv, ...args: string[]): string {
  const out = temporaryFolder()
  const run = folio([folder, '--format', 'pdf', '--out', out, '--quiet', ...args], {...date, ...env})
  if (run.status !== 0) throw new Error(run.stderr)
  return editionIn(out, '.pdf')
}

beforeAll(() => {
  pack = writeSyntheticPack(path.join(temporaryFolder(), 'book'), {readings: 6, paragraphs: 8})
  whole = buildPdf({FOLIO_PAGES_PER_PART: '100000'})
  parted = buildPdf({FOLIO_PAGES_PER_PART: String(perPart)})
}, 600_000)

interface LinkView {
  page: number
  uri: string | undefined
  /** The page a link within the file goes to, and the height on it. */
  to: [number, number] | undefined
}

/** Every link annotation, page by page, with where it goes. */
async function links(file: string): Promise<LinkView[]> {
  const document = await PDFDocument.load(readFileSync(file), {updateMetadata: false})
  const pageIndex = new Map(document.getPages().map((page, index) => [page.ref.toString(), index]))
  const named = document.catalog.lookup(PDFName.of('Dests'))
  return document.getPages().flatMap((page, index) => {
    const annotations = page.node.lookup(PDFName.of('Annots'))
    if (!(annotations instanceof PDFArray)) return []
    return annotations.asArray().flatMap((ref): LinkView[] => {
      const annotation = document.context.lookup(ref)
      if (!(annotation instanceof PDFDict) || annotation.get(PDFName.of('Subtype')) !== PDFName.of('Link')) return []
      const action = annotation.lookup(PDFName.of('A'))
      const uri = action instanceof PDFDict ? action.lookup(PDFName.of('URI')) : undefined
      let dest = annotation.lookup(PDFName.of('Dest'))
      if (dest instanceof PDFName && named instanceof PDFDict) dest = named.lookup(dest)
      const to =
        dest instanceof PDFArray && dest.get(0) instanceof PDFRef
          ? ([pageIndex.get(dest.get(0).toString()) ?? -1, Math.round((dest.lookup(3) as PDFNumber | undefined)?.asNumber() ?? 0)] as [number, number])
          : undefined
      return [{page: index, uri: uri instanceof PDFString ? uri.decodeText() : undefined, to}]
    })
  })
}

/**
 * The structure tree without object numbers: what a reader's assistive technology gets. An
 * element's page is the one it names or its parent's (grafted elements name theirs). IDs
 * are in it: Chromium names header cells from a counter of its renderer, which parts
 * printed in two renderers do not share, and the file's IDs must not depend on that.
 */
const shape = (nodes: StructureNode[], inherited?: number): unknown[] =>
  nodes.map((node) => {
    const page = node.page ?? inherited
    return [node.type, node.mcids, node.annotations.length, node.lang, node.alt, node.actualText, node.id, node.headers, page, shape(node.kids, page)]
  })

describe('a book printed in parts', () => {
  it('has the text of the book printed whole, page for page', () => {
    const pages = pdfPages(whole)
    expect(pages.length).toBeGreaterThan(3 * perPart)
    expect(pdfPages(parted)).toEqual(pages)
  })

  it('draws every page as the book printed whole, its figures too', () => {
    // Each renderer prints its parts one after another in one page: a part's images must be
    // in before it prints, as they are in a page that loaded them.
    const drawn = (file: string) => {
      const folder = temporaryFolder('folio-parts-drawn-')
      execFileSync('mutool', ['draw', '-q', '-r', '24', '-o', path.join(folder, 'page-%03d.png'), file])
      return readdirSync(folder)
        .sort()
        .map((name) => readFileSync(path.join(folder, name)).toString('base64'))
    }
    const expected = drawn(whole)
    const actual = drawn(parted)
    expect(actual.length).toBe(expected.length)
    const differing = actual.flatMap((page, index) => (page === expected[index] ? [] : [index + 1]))
    expect(differing).toEqual([])
  })

  it('has the same links, going to the same places, across parts too', async () => {
    const expected = await links(whole)
    const actual = await links(parted)
    expect(actual).toEqual(expected)
    // The contents page links to readings printed in other parts.
    const across = actual.filter((link) => link.to && Math.floor(link.to[0] / perPart) !== Math.floor(link.page / perPart))
    expect(across.length).toBeGreaterThan(5)
    expect(actual.some((link) => link.uri?.includes('.invalid'))).toBe(false)
  })

  it('has the structure tree of the book printed whole', async () => {
    const [expected, actual] = await Promise.all([readStructure(whole), readStructure(parted)])
    expect(shape(actual.roots)).toEqual(shape(expected.roots))
    expect(actual.roots.length).toBe(1)
    const cells = allNodes(actual.roots).filter((node) => node.headers.length > 0)
    expect(cells.length).toBeGreaterThan(0)
    // Nor anything left of the names Chromium gave them, from a counter of its renderer: the
    // page that composed the book prints parts after laying it out, a part printed elsewhere
    // gets others, and the bytes would depend on where each part printed.
    for (const file of [whole, parted]) expect(readFileSync(file, 'latin1')).not.toMatch(/\(node\d+\)/)
  })

  it('reprints only the parts a changed reading is in, into the bytes of a cold build', async () => {
    const cache = temporaryFolder('folio-parts-cache-')
    const env = {FOLIO_PAGES_PER_PART: String(perPart)}
    buildPdf(env, '--cache', cache)
    const parts = () => readdirSync(path.join(cache, 'part'), {recursive: true}).filter((name) => String(name).length > 40).length
    const printed = parts()
    expect(printed).toBeGreaterThan(3)
    // The last reading's last paragraph grows by a few words: its pages change, no others.
    const readings = readFileSync(path.join(pack, 'pack.yaml'), 'utf8').match(/reading-\d+\.md/g)!
    appendFileSync(path.join(pack, readings.at(-1)!), '\nA few words more.\n')
    const rebuilt = buildPdf(env, '--cache', cache)
    expect(parts() - printed).toBeGreaterThan(0)
    expect(parts() - printed).toBeLessThan(printed / 2)
    const cold = buildPdf(env)
    // Text page by page, then the structure tree, then the bytes: a failure says what differs.
    expect(pdfPages(rebuilt)).toEqual(pdfPages(cold))
    const [ours, theirs] = await Promise.all([readStructure(rebuilt), readStructure(cold)])
    expect(shape(ours.roots)).toEqual(shape(theirs.roots))
    expect(readFileSync(rebuilt).equals(readFileSync(cold))).toBe(true)
  })

  it('keeps the parts before a reading that gained pages, but for the contents', () => {
    const book = writeSyntheticPack(path.join(temporaryFolder(), 'growing'), {readings: 6, paragraphs: 8})
    const cache = temporaryFolder('folio-parts-cache-')
    const env = {FOLIO_PAGES_PER_PART: String(perPart)}
    const before = pdfPages(buildPackPdf(book, env, '--cache', cache))
    const parts = () => readdirSync(path.join(cache, 'part'), {recursive: true}).filter((name) => String(name).length > 40).length
    const printed = parts()
    expect(printed).toBe(Math.ceil(before.length / perPart))
    // The fifth reading grows by a page and more: every page after its own moves on.
    const readings = readFileSync(path.join(book, 'pack.yaml'), 'utf8').match(/reading-\d+\.md/g)!
    const grown = readings[4]!
    const title = readFileSync(path.join(book, grown), 'utf8')
      .match(/^title: "?([^"\n]+)/m)![1]!
      .slice(0, 20)
    // The title is on the contents page first, then on the reading's own.
    const firstPage = before.flatMap((text, index) => (text.includes(title) ? [index] : []))[1]!
    expect(firstPage).toBeGreaterThan(2 * perPart)
    appendFileSync(path.join(book, grown), `\n${'Words added to the reading, many of them, until it needs another page. '.repeat(60)}\n`)
    const rebuilt = buildPackPdf(book, env, '--cache', cache)
    const after = pdfPages(rebuilt)
    expect(after.length).toBeGreaterThan(before.length)
    // Reprinted: the contents' part (its page numbers) and the parts from the grown reading's on.
    const unchanged = Math.floor(firstPage / perPart) - 1
    expect(parts() - printed).toBe(Math.ceil(after.length / perPart) - unchanged)
    expect(readFileSync(rebuilt).equals(readFileSync(buildPackPdf(book, env)))).toBe(true)
  })
})
