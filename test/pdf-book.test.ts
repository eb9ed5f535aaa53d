/**
 * The print edition at book scale, read as a reader reads it: a synthetic course pack of 111
 * readings (about 700 pages, notes, citations, code, tables, raw HTML and SVG) built with the
 * real command, then checked page by page through pdftotext's word positions and mutool's
 * outline.
 */
import {execFileSync} from 'node:child_process'
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {writeSyntheticPack} from './helpers/synthetic-pack.ts'
import {contentDocuments, epubFiles, expectEpubcheckPasses, folio, pdfLayout, pdfOutline, squash, temporaryFolder, type PdfPage} from './helpers/index.ts'
import {markedPages} from './helpers/page-breaks.ts'

const readingCount = 111
let pack: string
let pdf: string
let pages: PdfPage[]
let epub: string

/** Reading `n`'s title, the words just before its first note reference, and the note's start. */
function reading(n: number) {
  const text = readFileSync(path.join(pack, `reading-${String(n).padStart(3, '0')}.md`), 'utf8')
  const title = /^title: "(.*)"$/m.exec(text)![1]!
  const body = text.split(/^---$/m)[2]!.trim()
  const beforeRef = body.slice(0, body.indexOf('[^first]')).split(/\s+/).slice(-4).join(' ')
  const note = /^\[\^first\]: (.*)$/m.exec(text)![1]!.split(/\s+/).slice(0, 5).join(' ')
  return {title, beforeRef, note}
}

/** Each page's lines as [squashed text, top, tallest word], and its whole text squashed. */
let index: Array<{lines: Array<[string, number, number]>; text: string}>

/**
 * The first page (1-based, from `from`) with a line that holds `text` and has a word at
 * least `minHeight` tall (a heading), with that line's top. Body text (no `minHeight`) may
 * run over a line break: then the page's text as a whole is searched.
 */
function find(text: string, minHeight = 0, from = 1): {page: number; top: number} | undefined {
  const wanted = squash(text)
  for (let page = from - 1; page < index.length; page++) {
    const {lines, text: whole} = index[page]!
    const line = lines.find(([content, , height]) => height >= minHeight && content.includes(wanted))
    if (line) return {page: page + 1, top: line[1]}
    if (minHeight === 0 && whole.includes(wanted))
      return {page: page + 1, top: lines.find(([content]) => wanted.startsWith(content.slice(-8)) || content.includes(wanted.slice(0, 10)))?.[1] ?? 0}
  }
  return undefined
}

/** The page where a reading's title is set at heading size: its first line starts the title. */
function findTitle(title: string): {page: number; top: number} | undefined {
  const wanted = squash(title)
  for (const [page, {lines}] of index.entries()) {
    const line = lines.find(([content, , height]) => height >= 20 && content.length >= 8 && wanted.startsWith(content))
    if (line) return {page: page + 1, top: line[1]}
  }
  return undefined
}

beforeAll(() => {
  pack = writeSyntheticPack(path.join(temporaryFolder(), 'pack'), {readings: readingCount})
  const out = temporaryFolder()
  const run = folio([pack, '--format', 'pdf,epub', '--out', out, '--quiet'], {SOURCE_DATE_EPOCH: '1700000000'})
  if (run.status !== 0) throw new Error(run.stderr)
  pdf = path.join(
    out,
    readdirSync(out).find((name) => name.endsWith('.pdf'))!
  )
  epub = path.join(
    out,
    readdirSync(out).find((name) => name.endsWith('.epub'))!
  )
  pages = pdfLayout(pdf)
  index = pages.map((page) => ({
    lines: page.lines.map((line) => [
      squash(line.map((word) => word.text).join(' ')),
      Math.min(...line.map((word) => word.yMin)),
      Math.max(...line.map((word) => word.yMax - word.yMin))
    ]),
    text: squash(page.words.map((word) => word.text).join(' '))
  }))
}, 900_000)

describe('a 111-reading course pack in print', () => {
  it('starts each reading on a new page, at the page given in the contents', () => {
    const contents = pages.slice(1, 10)
    let right = 0
    for (let n = 1; n <= readingCount; n++) {
      const {title} = reading(n)
      const start = findTitle(title)
      expect(start, `reading ${n} has a title at heading size`).toBeDefined()
      // The title is the first thing on its page, under no running head.
      expect(start!.top).toBeLessThan(pages[start!.page - 1]!.height * 0.25)
      // Its contents entry: the number level with the title's first line, at the right.
      const entryPage = contents.find((page) =>
        page.lines.some((line) => squash(line.map((word) => word.text).join(' ')).startsWith(squash(title).slice(0, 25)))
      )
      const entryLine = entryPage?.lines.find((line) => squash(line.map((word) => word.text).join(' ')).startsWith(squash(title).slice(0, 25)))
      const number = entryPage?.words.find(
        (word) => /^\d+$/.test(word.text) && word.xMin > entryPage.width * 0.7 && Math.abs(word.yMin - entryLine![0]!.yMin) < 3
      )
      if (number && Number(number.text) === start!.page) right++
    }
    expect(right).toBe(readingCount)
  })

  it('numbers every page but the title page, consecutively, at the foot', () => {
    const numbered = pages.map((page, index) => {
      const foot = page.words.filter((word) => word.yMin > page.height - 60 && /^\d+$/.test(word.text))
      return foot.length === 1 && Number(foot[0]!.text) === index + 1
    })
    expect(numbered[0]).toBe(false)
    expect(numbered.slice(1).every(Boolean)).toBe(true)
  })

  it('sets each reading’s first note at the foot of the page that cites it', () => {
    let right = 0
    for (let n = 1; n <= readingCount; n++) {
      const {title, beforeRef, note} = reading(n)
      const start = findTitle(title)!
      const ref = find(beforeRef, 0, start.page)
      const placed = find(note, 0, start.page)
      if (ref && placed && placed.page === ref.page && placed.top > pages[placed.page - 1]!.height / 2) right++
    }
    expect(right).toBe(readingCount)
  })

  it('has a bookmark for every reading, pointing at its first page', () => {
    const outline = pdfOutline(pdf)
    const top = outline.filter(([depth]) => depth === 1)
    expect(top.length).toBeGreaterThanOrEqual(readingCount)
    for (const n of [1, 50, 111]) {
      const {title} = reading(n)
      const mark = top.find(([, text]) => text === title)
      expect(mark, title).toBeDefined()
      expect(mark![2]).toBe(findTitle(title)!.page)
    }
  })

  it('justifies and hyphenates the running text, with no soft hyphen left in the text layer', () => {
    const text = pages.flatMap((page) => page.words.map((word) => word.text)).join(' ')
    expect(text).not.toContain('\u00ad')
    // Body lines (at body size, full width) end together at the right margin.
    const ends = pages
      .slice(10, 60)
      .flatMap((page) =>
        page.lines.filter((line) => line.length > 8 && line.every((word) => word.yMax - word.yMin > 13.5)).map((line) => Math.round(line.at(-1)!.xMax))
      )
    const counts = new Map<number, number>()
    for (const end of ends) counts.set(end, (counts.get(end) ?? 0) + 1)
    const flush = [...counts.values()]
      .sort((a, b) => b - a)
      .slice(0, 4)
      .reduce((sum, count) => sum + count, 0)
    expect(flush / ends.length).toBeGreaterThan(0.7)
    const hyphenated = pages
      .slice(10, 60)
      .flatMap((page) => page.lines)
      .filter((line) => /\p{L}-$/u.test(line.at(-1)?.text ?? '')).length
    expect(hyphenated).toBeGreaterThan(50)
  })

  it('gives the EPUB a page list of the PDF’s folios, each reading’s title on the page the contents gives', async () => {
    const documents = contentDocuments(await epubFiles(epub))
    const nav = documents.get('toc.xhtml')!
    const labels = [...(/<nav epub:type="page-list"[\s\S]*?<\/nav>/.exec(nav)?.[0] ?? '').matchAll(/#page-\d+">(\d+)<\/a>/g)].map((match) => match[1])
    expect(labels).toEqual(pages.map((_page, index) => String(index + 1)))
    const markers = markedPages([...documents].filter(([name]) => /^r\d{3}-/.test(name) && !name.includes('-references')))
    for (let n = 1; n <= readingCount; n++) {
      const {title} = reading(n)
      // The marker right before the title: the reading's first page, as the PDF's contents gives it.
      const before = markers.find((marker) => marker.following.startsWith(squash(title).slice(0, 30)))
      expect(before, title).toBeDefined()
      expect(Number(before!.label), title).toBe(findTitle(title)!.page)
    }
    expectEpubcheckPasses(epub)
  })

  it('wraps code lines inside the text block, highlighted in colour', () => {
    // The text block's right edge, per side of the spread: where justified body lines end.
    const edge = [0, 1].map((side) => {
      const ends = pages
        .filter((_page, at) => at % 2 === side)
        .flatMap((page) => page.lines.filter((line) => line.length > 8 && line.every((word) => word.yMax - word.yMin > 13.5)).map((line) => line.at(-1)!.xMax))
      return Math.max(...ends)
    })
    const code = pages.flatMap((page, at) =>
      page.words.filter((word) => /^(let|export|step\(|PATH=)/.test(word.text) || word.text.includes('_')).map((word) => ({word, at}))
    )
    expect(code.length).toBeGreaterThan(200)
    for (const {word, at} of code) expect(word.xMax, `${word.text} on page ${at + 1}`).toBeLessThanOrEqual(edge[at % 2]! + 1)
    const page = pages.findIndex((candidate) => candidate.words.some((word) => word.text === 'let'))
    const stext = execFileSync('mutool', ['draw', '-F', 'stext', '-o', '-', pdf, String(page + 1)], {encoding: 'utf8'})
    expect(new Set([...stext.matchAll(/color="(#[0-9a-f]{6})"/g)].map((match) => match[1])).size).toBeGreaterThanOrEqual(4)
  })
})
