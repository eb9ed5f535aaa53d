/**
 * A web page or EPUB built without the PDF lays its galley out in two renderers, a run of
 * chapters each, and joins the measurements (`render/pdf/galley-halves.ts`). The editions must
 * be the bytes of a build that laid the whole galley out in one page: the same pages, starting
 * at the same places, with the same cross-references' page numbers.
 */
import {cpSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import type {Element} from 'hast'
import {toString} from 'hast-util-to-string'
import {h} from 'hastscript'
import {describe, expect, it} from 'vitest'
import {breakInRuns, halvesFrom, joinMeasured, secondHalfStart} from '../src/render/pdf/galley-halves.ts'
import {BreakKind, type Measured} from '../src/render/pdf/model.ts'
import {fixturesRoot, folio, temporaryFolder} from './helpers/index.ts'
import {writeSyntheticPack} from './helpers/synthetic-pack.ts'

const env = {SOURCE_DATE_EPOCH: '1700000000', FOLIO_TIMINGS: '1'}

function build(pack: string, halves: boolean) {
  const out = temporaryFolder()
  const run = folio([pack, '--out', out, '--format', 'html,epub', '--no-cache'], {...env, FOLIO_GALLEY_HALVES_FROM: halves ? '0' : '1e15'})
  expect(run.status, run.stderr).toBe(0)
  // Which way the galley was laid out is in the timings.
  expect(run.stderr.includes('galley layout, halves')).toBe(halves)
  return new Map(readdirSync(out).map((name) => [name, readFileSync(path.join(out, name))]))
}

function expectSameEditions(pack: string): Map<string, Buffer> {
  const whole = build(pack, false)
  const halves = build(pack, true)
  expect([...halves.keys()].sort()).toEqual([...whole.keys()].sort())
  for (const [name, data] of whole) expect(halves.get(name)!.equals(data), `${name} differs`).toBe(true)
  return whole
}

describe('the galley in halves', () => {
  it('gives the page map of the whole galley: notes, figures, tables, parts and links between readings', {timeout: 300_000}, () => {
    const book = path.join(temporaryFolder(), 'book')
    writeSyntheticPack(book, {readings: 7, paragraphs: 14, rawHtmlReadings: 2})
    // In two parts, whose title pages open on a right-hand page (blank pages count in the page map).
    const manifest = path.join(book, 'pack.yaml')
    const listed = readFileSync(manifest, 'utf8')
    const readings = [...listed.matchAll(/^ {2}- (reading-\d+\.md)$/gm)].map((match) => match[1]!)
    expect(readings).toHaveLength(7)
    const part = (title: string, files: string[]) => [`  - part: ${title}`, '    readings:', ...files.map((file) => `      - ${file}`)]
    writeFileSync(
      manifest,
      listed.replace(
        /^readings:\n(?: {2}- .*\n)+/m,
        ['readings:', ...part('Week 1', readings.slice(0, 3)), ...part('Week 2', readings.slice(3)), ''].join('\n')
      )
    )
    const files = expectSameEditions(book)
    // There are pages to compare: the web page marks where each printed page starts.
    const web = [...files].find(([name]) => name.endsWith('.html') && name !== 'index.html')![1].toString('utf8')
    expect(web.match(/role="doc-pagebreak"/g)?.length ?? 0).toBeGreaterThan(20)
    expect(web).toContain('Week 2')

    const hostile = path.join(temporaryFolder(), 'hostile')
    writeSyntheticPack(hostile, {readings: 6, hostile: true})
    expectSameEditions(hostile)
  })

  it('keeps a cross-reference and its target in one half, with their page numbers', {timeout: 300_000}, () => {
    const pack = path.join(temporaryFolder(), 'crossref')
    cpSync(path.join(fixturesRoot, 'packs', 'crossref-pack'), pack, {recursive: true})
    expectSameEditions(pack)
  })

  it('splits where the text balances and no cross-reference crosses', () => {
    const halfStart = (chapters: Element[], minimum: number) =>
      secondHalfStart(
        chapters,
        chapters.map((chapter) => toString(chapter).length),
        minimum
      )
    const chapter = (id: string, words: number, targets: string[] = []) =>
      h('section', {id}, [
        h('p', 'word '.repeat(words)),
        ...targets.map((target) => h('span', {className: ['xref-page'], dataTarget: target})),
        h('h2', {id: `${id}-heading`}, 'Heading')
      ])
    const even = [chapter('a', 100), chapter('b', 100), chapter('c', 100), chapter('d', 100)]
    expect(halfStart(even, 0)).toBe(2)
    expect(halfStart(even, 1e9)).toBeUndefined()
    expect(halfStart([chapter('a', 100)], 0)).toBeUndefined()
    // b refers to c's heading: the boundary between them is crossed; the best other is after a or c.
    const crossed: Element[] = [chapter('a', 100), chapter('b', 100, ['c-heading']), chapter('c', 100), chapter('d', 120)]
    expect(halfStart(crossed, 0)).toBe(3)
    // Every boundary crossed: one galley.
    expect(halfStart([chapter('a', 100, ['b']), chapter('b', 100)], 0)).toBeUndefined()
    // References to nothing in the book cross nothing.
    expect(halfStart([chapter('a', 100, ['nowhere']), chapter('b', 100)], 0)).toBe(1)
    expect(halvesFrom({FOLIO_GALLEY_HALVES_FROM: '0'})).toBe(0)
    expect(halvesFrom({})).toBeGreaterThan(100_000)
  })

  it('joins runs into the measurement of one galley', () => {
    // The whole galley: chapter 0 from 0 to 100, chapter 1 from 120 to 300 (a break at 200).
    const run = (y: number[][], kinds: BreakKind[], extra: Partial<Measured> = {}): Measured => ({
      breaks: {y0: y.map(([a]) => a!), y1: y.map(([, b]) => b!), kind: kinds, chapter: kinds.map(() => 0)},
      refs: [],
      notes: [],
      chapters: [{id: 'c', verso: '', recto: ''}],
      noteSeparator: 9,
      headings: [],
      floats: [],
      xrefs: [],
      ...extra
    })
    const first = run(
      [
        [0, 0],
        [50, 52],
        [100, 100]
      ],
      [BreakKind.Allowed, BreakKind.Allowed, BreakKind.Forced],
      {refs: [[0, 40]], notes: [{height: 10, pad: 1, bounds: []}], floats: [1]}
    )
    // Laid out alone, the second run starts at its own top, 8.
    const second = run(
      [
        [8, 8],
        [88, 90],
        [188, 188]
      ],
      [BreakKind.Allowed, BreakKind.Allowed, BreakKind.Forced],
      {
        refs: [[1, 60]],
        notes: [{height: 20, pad: 2, bounds: [5]}],
        floats: [1],
        headings: [{title: 'Two', level: 1, y: 8}],
        xrefs: [{y: 70, targetY: 10, pageWord: 'p.'}]
      }
    )
    const joined = joinMeasured([first, second])
    expect(joined.breaks).toEqual({
      y0: [0, 50, 100, 180, 280],
      y1: [0, 52, 100, 182, 280],
      kind: [BreakKind.Allowed, BreakKind.Allowed, BreakKind.Forced, BreakKind.Allowed, BreakKind.Forced],
      chapter: [0, 0, 1, 1, 1]
    })
    expect(joined.refs).toEqual([
      [0, 40],
      [1, 152]
    ])
    expect(joined.notes.map((note) => note.height)).toEqual([10, 20])
    expect(joined.floats).toEqual([1, 3])
    expect(joined.headings).toEqual([{title: 'Two', level: 1, y: 100}])
    expect(joined.xrefs).toEqual([{y: 162, targetY: 102, pageWord: 'p.'}])
    expect(joined.chapters).toHaveLength(2)
    expect([0, 1, 2, 3, 4].map((at) => breakInRuns([first, second], at))).toEqual([
      {run: 0, at: 0},
      {run: 0, at: 1},
      {run: 1, at: 0},
      {run: 1, at: 1},
      {run: 1, at: 2}
    ])
    expect(() => breakInRuns([first, second], 5)).toThrow(RangeError)
  })
})
