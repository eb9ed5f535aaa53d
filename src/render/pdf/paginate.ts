/**
 * The paginator: from the galley's measurements to pages, with arithmetic only.
 *
 * Each page takes the longest run of flow, from where the previous one ended, that fits with
 * the notes referenced in it, ending at a break the rules allow. When a note does not fit
 * whole, its first lines may stay on the page and the rest open the next page's notes, if
 * that fills the page better. Orphans and widows of the flow are decided by the measurer,
 * which only offers breaks that respect them; here, two lines is the least part of a note.
 */
import {BreakKind, type Measured, type MeasuredNote, type PagePlan, type PlacedNote, type PlannedPage} from './model.ts'

export interface PaginateOptions {
  /** Height for flow and notes on a page, CSS pixels. */
  pageHeight: number
  /** Kept free at the foot of every page for sub-pixel differences between galley and page. Default: 1. */
  slack?: number
  /** Fewest lines of a note on either side of a split. Default: 2. */
  noteLines?: number
  /** A page filled less than this (0–1) prefers splitting a note to fill it. Default: 0.8. */
  splitBelow?: number
}

/** To the end of the note. */
export const toEnd = -1

export function paginate(measured: Measured, options: PaginateOptions): PagePlan {
  const {breaks, notes, noteSeparator} = measured
  const H = options.pageHeight - (options.slack ?? 1)
  const minLines = options.noteLines ?? 2
  const splitBelow = options.splitBelow ?? 0.8
  const last = breaks.y0.length - 1
  const refs = notesBySegment(measured)
  const pages: PlannedPage[] = []
  let start = 0
  let carry: PlacedNote | undefined

  while (start < last) {
    const opens = start === 0 || breaks.kind[start] === BreakKind.Forced
    const carried: PlacedNote[] = []
    let carryHeight = 0
    if (carry) {
      // A remainder taller than the page is split again: as much as fits goes here.
      const fitting = splitToFit(notes, carry.note, carry.fromLine, H - noteSeparator, minLines)
      const part = fitting ?? carry
      carried.push(part)
      carryHeight = partHeight(notes[part.note]!, part.fromLine, part.toLine)
      carry = part.toLine === toEnd ? undefined : {note: carry.note, fromLine: part.toLine, toLine: toEnd}
      if (carry) {
        // The whole page goes to the note; the flow waits for the next one.
        pages.push(page(start, start, carried, breaks.chapter[start]!, false, false))
        continue
      }
    }

    let best: {end: number; notes: number[]; fill: number} | undefined
    let split: {end: number; notes: PlacedNote[]; carry: PlacedNote} | undefined
    let splitting: number | undefined
    const onPage: number[] = []
    let notesHeight = carryHeight
    for (let end = start + 1; end <= last; end++) {
      for (const note of refs[end] ?? []) {
        if (!onPage.includes(note)) {
          onPage.push(note)
          notesHeight += notes[note]!.height
        }
      }
      const separator = carried.length + onPage.length > 0 ? noteSeparator : 0
      const content = breaks.y0[end]! - breaks.y1[start]!
      const kind = breaks.kind[end]!
      if (content + notesHeight + separator <= H) {
        if (kind !== BreakKind.Forbidden) best = {end, notes: [...onPage], fill: (content + notesHeight + separator) / H}
        if (kind === BreakKind.Forced) break
        continue
      }
      // The run no longer fits whole. While only the last note overflows, the flow may go on
      // with fewer and fewer of that note's lines on this page (two at least).
      const lastNote = onPage.at(-1)
      if (lastNote === undefined || (best && best.fill >= splitBelow) || (splitting !== undefined && lastNote !== splitting)) break
      splitting = lastNote
      const others = notesHeight - notes[lastNote]!.height
      const part = splitToFit(notes, lastNote, 0, H - content - separator - others, minLines)
      if (!part || part.toLine === toEnd) break
      if (kind !== BreakKind.Forbidden) {
        split = {end, notes: [...onPage.slice(0, -1).map(whole), part], carry: {note: lastNote, fromLine: part.toLine, toLine: toEnd}}
      }
      if (kind === BreakKind.Forced) break
    }

    const chapter = breaks.chapter[start]!
    if (split) {
      pages.push(page(start, split.end, [...carried, ...split.notes], chapter, opens, false))
      carry = split.carry
      start = split.end
    } else if (best) {
      pages.push(page(start, best.end, [...carried, ...best.notes.map(whole)], chapter, opens, false))
      start = best.end
    } else {
      // Nothing fits (a block taller than the page): let the first permitted run through.
      let end = start + 1
      while (end < last && breaks.kind[end] === BreakKind.Forbidden) end++
      const placed = new Set<number>()
      for (let segment = start + 1; segment <= end; segment++) for (const note of refs[segment] ?? []) placed.add(note)
      pages.push(page(start, end, [...carried, ...[...placed].map(whole)], chapter, opens, true))
      start = end
    }
  }
  if (carry) pages.push(page(last, last, [carry], breaks.chapter[last] ?? 0, false, false))

  const chapterPages = measured.chapters.map(() => 0)
  for (const [index, planned] of pages.entries()) {
    if (planned.opensChapter && chapterPages[planned.chapter] === 0) chapterPages[planned.chapter] = index + 1
  }
  return {pages, chapterPages}
}

function page(from: number, to: number, notes: PlacedNote[], chapter: number, opensChapter: boolean, overfull: boolean): PlannedPage {
  return {from, to, notes, chapter, opensChapter, overfull}
}

function whole(note: number): PlacedNote {
  return {note, fromLine: 0, toLine: toEnd}
}

/** Height of lines [from, to) of a note; a part after a split repeats the note's top padding. */
export function partHeight(note: MeasuredNote, from: number, to: number): number {
  const top = from === 0 ? 0 : note.bounds[from - 1]! - note.pad
  const bottom = to === toEnd ? note.height : note.bounds[to - 1]!
  return bottom - top
}

/**
 * The longest part of a note, from line `from`, that fits in `room`: the whole rest, or up
 * to a line that leaves at least `minLines` on each side. `undefined` when not even that fits.
 */
function splitToFit(notes: MeasuredNote[], index: number, from: number, room: number, minLines: number): PlacedNote | undefined {
  const note = notes[index]!
  const lines = note.bounds.length + 1
  if (partHeight(note, from, toEnd) <= room) return {note: index, fromLine: from, toLine: toEnd}
  for (let to = lines - minLines; to >= from + minLines; to--) {
    if (partHeight(note, from, to) <= room) return {note: index, fromLine: from, toLine: to}
  }
  return undefined
}

/** refs[i]: the notes referenced between break i − 1 and break i, in order of reference. */
function notesBySegment(measured: Measured): number[][] {
  const {y0} = measured.breaks
  const bySegment: number[][] = y0.map(() => [])
  const sorted = [...measured.refs].sort((a, b) => a[1] - b[1])
  let segment = 1
  for (const [note, y] of sorted) {
    while (segment < y0.length - 1 && y >= y0[segment]!) segment++
    bySegment[segment]!.push(note)
  }
  return bySegment
}

/**
 * Where each heading lands: the page whose flow contains it, and its distance from the top
 * of the sheet (the flow of a page starts at the top margin, `top` pixels down).
 */
export function placeHeadings(measured: Measured, plan: PagePlan, top: number): Array<{title: string; level: number; page: number; top: number}> {
  const {y0, y1} = measured.breaks
  let page = 0
  return measured.headings.map((heading) => {
    while (page < plan.pages.length - 1 && heading.y >= y0[plan.pages[page]!.to]! - 0.5) page++
    const start = y1[plan.pages[page]!.from]!
    return {title: heading.title, level: heading.level, page: page + 1, top: top + Math.max(0, heading.y - start)}
  })
}
