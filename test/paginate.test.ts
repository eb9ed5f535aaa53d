/**
 * The paginator on measurements made by hand: what it decides is arithmetic, so each rule
 * can be checked without a browser.
 */
import {describe, expect, it} from 'vitest'
import {BreakKind, type Measured, type MeasuredNote} from '../src/render/pdf/model.ts'
import {pagesAt, paginate, partHeight, toEnd} from '../src/render/pdf/paginate.ts'

/** A flow of `lines` lines of height 10, a break allowed after each, in one chapter. */
function flow(lines: number, overrides: Partial<Record<number, BreakKind>> = {}, notes: MeasuredNote[] = [], refs: Array<[number, number]> = []): Measured {
  const y = Array.from({length: lines + 1}, (_, index) => index * 10)
  return {
    breaks: {
      y0: y,
      y1: y,
      kind: y.map((_, index) => overrides[index] ?? (index === lines ? BreakKind.Forced : BreakKind.Allowed)),
      chapter: y.map(() => 0)
    },
    refs,
    notes,
    chapters: [{id: 'c', verso: '', recto: ''}],
    noteSeparator: 5,
    headings: [],
    floats: [],
    xrefs: []
  }
}

const ranges = (measured: Measured, pageHeight: number) => paginate(measured, {pageHeight, slack: 0}).pages.map((page) => [page.from, page.to])

describe('paginate', () => {
  it('prints a note cited on two pages once, at the foot of the page of its first reference', () => {
    const note: MeasuredNote = {height: 20, pad: 0, bounds: [10]}
    const plan = paginate(
      flow(
        25,
        {},
        [note],
        [
          [0, 35],
          [0, 175]
        ]
      ),
      {pageHeight: 100, slack: 0}
    )
    const holding = plan.pages.flatMap((page, index) => (page.notes.some((placed) => placed.note === 0) ? [index] : []))
    expect(holding).toEqual([0])
  })

  it('fills each page with as many lines as fit', () => {
    expect(ranges(flow(25), 100)).toEqual([
      [0, 10],
      [10, 20],
      [20, 25]
    ])
  })

  it('never ends a page where a break is forbidden (a heading keeps with what follows)', () => {
    expect(ranges(flow(25, {10: BreakKind.Forbidden, 9: BreakKind.Forbidden}), 100)).toEqual([
      [0, 8],
      [8, 18],
      [18, 25]
    ])
  })

  it('starts a new page at a forced break and records where chapters start', () => {
    const measured = flow(25, {4: BreakKind.Forced})
    measured.breaks.chapter = measured.breaks.chapter.map((_, index) => (index >= 4 ? 1 : 0))
    measured.chapters.push({id: 'd', verso: '', recto: ''})
    const plan = paginate(measured, {pageHeight: 100, slack: 0})
    expect(plan.pages.map((page) => [page.from, page.to, page.opensChapter])).toEqual([
      [0, 4, true],
      [4, 14, true],
      [14, 24, false],
      [24, 25, false]
    ])
    expect(plan.chapterPages).toEqual([1, 2])
  })

  it('opens a chapter that asks for it on a right-hand page, after a blank one', () => {
    const measured = flow(25, {4: BreakKind.Forced, 8: BreakKind.Forced})
    measured.breaks.chapter = measured.breaks.chapter.map((_, index) => (index >= 8 ? 2 : index >= 4 ? 1 : 0))
    measured.chapters.push({id: 'part', verso: '', recto: '', opensRecto: true}, {id: 'again', verso: '', recto: '', opensRecto: true})
    const plan = paginate(measured, {pageHeight: 100, slack: 0})
    // Page 2 would open the part on a left-hand page: it stays blank; page 4 is blank for the same reason.
    expect(plan.pages.map((page) => [page.from, page.to, Boolean(page.blank)])).toEqual([
      [0, 4, false],
      [4, 4, true],
      [4, 8, false],
      [8, 8, true],
      [8, 18, false],
      [18, 25, false]
    ])
    expect(plan.chapterPages).toEqual([1, 3, 5])
  })

  it('puts each note on the page of its reference and keeps flow and notes within the page', () => {
    const note: MeasuredNote = {height: 30, pad: 0, bounds: [10, 20]}
    // A reference on line 8 (y 75): its note (30) and the separator (5) take 35 of the 100.
    const measured = flow(25, {}, [note], [[0, 75]])
    const plan = paginate(measured, {pageHeight: 100, slack: 0})
    // Line 8 and its note do not fit under the first seven lines (80 + 35 > 100): they open
    // the second page, which holds six lines with the note (60 + 35 <= 100).
    expect(plan.pages.map((page) => [page.from, page.to, page.notes.map((part) => part.note)])).toEqual([
      [0, 7, []],
      [7, 13, [0]],
      [13, 23, []],
      [23, 25, []]
    ])
  })

  it('continues a long note on the next page, two lines at least on each side', () => {
    const long: MeasuredNote = {height: 80, pad: 2, bounds: [10, 20, 30, 40, 50, 60, 70]}
    const measured = flow(30, {}, [long], [[0, 55]])
    const plan = paginate(measured, {pageHeight: 100, slack: 0})
    const [first, second] = plan.pages
    expect(first!.notes).toEqual([{note: 0, fromLine: 0, toLine: expect.any(Number)}])
    const cut = first!.notes[0]!.toLine
    expect(cut).toBeGreaterThanOrEqual(2)
    expect(8 - cut).toBeGreaterThanOrEqual(2)
    expect(second!.notes[0]).toEqual({note: 0, fromLine: cut, toLine: toEnd})
    // The first page is full: seven lines of flow, the separator and two lines of the note.
    expect(first!.to * 10 + 5 + partHeight(long, 0, cut)).toBeLessThanOrEqual(100)
    expect(first!.to).toBe(7)
    expect(cut).toBe(2)
  })

  it('lets a block taller than the page through on a page of its own, marked overfull', () => {
    const measured = flow(3)
    measured.breaks.y0 = [0, 10, 160, 170]
    measured.breaks.y1 = [0, 10, 160, 170]
    const plan = paginate(measured, {pageHeight: 100, slack: 0})
    expect(plan.pages.map((page) => [page.from, page.to, page.overfull])).toEqual([
      [0, 1, false],
      [1, 2, true],
      [2, 3, false]
    ])
  })

  it('floats a figure that does not fit to the top of the next page, filling the gap with the text after it', () => {
    // Lines of 10 until y 70, a figure from 70 to 130, then lines of 10 again.
    const measured = flow(40)
    measured.breaks.y0 = measured.breaks.y0.map((y, index) => (index <= 7 ? y : y + 50))
    measured.breaks.y1 = [...measured.breaks.y0]
    measured.floats = [7]
    const plan = paginate(measured, {pageHeight: 100, slack: 0})
    // Page 1: seven lines, the figure passed over, three more lines (70 + 30 = 100).
    expect(plan.pages[0]).toMatchObject({from: 0, to: 11, deferred: 7})
    // Page 2: the figure (60, and 24 of slack for the margin under it), then one line.
    expect(plan.pages[1]).toMatchObject({from: 11, to: 12, float: 7})
    expect(plan.pages[1]!.deferred).toBeUndefined()
  })

  it('does not float a figure past the end of its chapter', () => {
    // The figure's chapter ends two lines after it (break 9); the next starts a page.
    const measured = flow(20, {9: BreakKind.Forced})
    measured.breaks.y0 = measured.breaks.y0.map((y, index) => (index <= 7 ? y : y + 50))
    measured.breaks.y1 = [...measured.breaks.y0]
    measured.breaks.chapter = measured.breaks.chapter.map((_, index) => (index >= 9 ? 1 : 0))
    measured.chapters.push({id: 'd', verso: '', recto: ''})
    measured.floats = [7]
    const plan = paginate(measured, {pageHeight: 100, slack: 0})
    // Only the chapter's last line follows the figure: rather than float the figure past it,
    // the page ends before the figure, which opens the next page with that line.
    expect(plan.pages.map((page) => [page.from, page.to, page.deferred, page.float])).toEqual([
      [0, 7, undefined, undefined],
      [7, 9, undefined, undefined],
      [9, 19, undefined, undefined],
      [19, 20, undefined, undefined]
    ])
  })

  it('keeps slack at the foot of the page for rounding', () => {
    expect(ranges(flow(10), 100)).toEqual([[0, 10]])
    expect(paginate(flow(10), {pageHeight: 100}).pages.length).toBe(2)
  })
})

describe('pagesAt', () => {
  it('finds the page of a galley position, and the next page for a floated figure', () => {
    const measured = flow(30)
    const plan = paginate(measured, {pageHeight: 101})
    expect(plan.pages.map((page) => [page.from, page.to])).toEqual([
      [0, 10],
      [10, 20],
      [20, 30]
    ])
    expect(pagesAt(measured, plan, [5, 99, 100, 105, 295, Number.NaN])).toEqual([1, 1, 2, 2, 3, undefined])
    const floated = {...plan, pages: [{...plan.pages[0]!, deferred: 8}, ...plan.pages.slice(1)]}
    expect(pagesAt(measured, floated, [85, 75])).toEqual([2, 1])
  })
})
