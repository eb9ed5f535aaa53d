/**
 * The paginator: from the galley's measurements to pages, with arithmetic only.
 *
 * Each page takes the longest run of flow, from where the previous one ended, that fits with
 * the notes referenced in it, ending at a break the rules allow. When a note does not fit
 * whole, its first lines may stay on the page and the rest open the next page's notes, if
 * that fills the page better. A figure that does not fit in what is left of a page floats to
 * the top of the next one while the text after it fills the gap, as in printed books. Orphans
 * and widows of the flow are decided by the measurer, which only offers breaks that respect
 * them; here, two lines is the least part of a note.
 */
import {BreakKind, type Measured, type MeasuredBreaks, type PagePlan, type PlacedNote, type PlannedPage} from './model.ts'
import {notesBySegment, partHeight, splitToFit, toEnd, whole} from './note-parts.ts'

export {partHeight, toEnd} from './note-parts.ts'

export interface PaginateOptions {
  /** Height for flow and notes on a page, CSS pixels. */
  pageHeight: number
  /** Kept free at the foot of every page for sub-pixel differences between galley and page. Default: 1. */
  slack?: number
  /** Fewest lines of a note on either side of a split. Default: 2. */
  noteLines?: number
  /** A page filled less than this (0–1) prefers splitting a note to fill it. Default: 0.8. */
  splitBelow?: number
  /** A page filled less than this (0–1) lets a figure that does not fit float to the next. Default: 0.85. */
  floatBelow?: number
}

/**
 * What moving the figure after break `at` changes: the flow it frees on its own page (its
 * box and the gaps around it, less the one gap left between its neighbours) and the room it
 * takes atop the next (its box and the gap after it, with some slack: the block that follows
 * it there may have a larger top margin than the one it followed in the galley).
 */
export function floatGeometry(breaks: MeasuredBreaks, at: number): {removed: number; height: number} {
  const before = breaks.y1[at]! - breaks.y0[at]!
  const after = breaks.y1[at + 1]! - breaks.y0[at + 1]!
  const box = breaks.y0[at + 1]! - breaks.y1[at]!
  return {removed: before + box + after - Math.max(before, after), height: box + after + 24}
}

export function paginate(measured: Measured, options: PaginateOptions): PagePlan {
  const {breaks, notes, noteSeparator} = measured
  const H = options.pageHeight - (options.slack ?? 1)
  const minLines = options.noteLines ?? 2
  const splitBelow = options.splitBelow ?? 0.8
  const floatBelow = options.floatBelow ?? 0.85
  const floats = new Set(measured.floats)
  const last = breaks.y0.length - 1
  const refs = notesBySegment(measured)
  const pages: PlannedPage[] = []
  let start = 0
  let carry: PlacedNote | undefined
  let pending: number | undefined

  while (start < last) {
    const opens = start === 0 || breaks.kind[start] === BreakKind.Forced
    const chapter = breaks.chapter[start]!
    if (opens && !carry && pending === undefined && measured.chapters[chapter]?.opensRecto && pages.length % 2 === 1) {
      // The next page would be a left-hand one: it stays blank, and the chapter opens after it.
      pages.push({from: start, to: start, notes: [], chapter, opensChapter: false, overfull: false, blank: true})
    }
    const carried: PlacedNote[] = []
    let notesHeight = 0
    if (carry) {
      // A remainder taller than the page is split again: as much as fits goes here.
      const part = splitToFit(notes, carry.note, carry.fromLine, H - noteSeparator, minLines) ?? carry
      carried.push(part)
      notesHeight = partHeight(notes[part.note]!, part.fromLine, part.toLine)
      carry = part.toLine === toEnd ? undefined : {note: carry.note, fromLine: part.toLine, toLine: toEnd}
      if (carry) {
        // The whole page goes to the note; the flow waits for the next one.
        pages.push({from: start, to: start, notes: carried, chapter, opensChapter: false, overfull: false})
        continue
      }
    }

    // A figure deferred from the page before comes first, with the notes it refers to.
    const float = pending
    pending = undefined
    const onPage: number[] = float === undefined ? [] : [...(refs[float + 1] ?? [])]
    for (const note of onPage) notesHeight += notes[note]!.height
    const base = float === undefined ? 0 : floatGeometry(breaks, float).height

    // A page that opens with a floated figure may hold nothing else, should the flow that
    // follows start with a block too tall for what the figure leaves.
    let best: {end: number; notes: number[]; fill: number; deferred: number | undefined} | undefined =
      float === undefined ? undefined : {end: start, notes: [...onPage], fill: base / H, deferred: undefined}
    let split: {end: number; notes: PlacedNote[]; carry: PlacedNote} | undefined
    let splitting: number | undefined
    let deferred: number | undefined
    for (let end = start + 1; end <= last; end++) {
      const kind = breaks.kind[end]!
      const height = (to: number) =>
        base + breaks.y0[to]! - breaks.y1[start]! - (deferred !== undefined && to > deferred + 1 ? floatGeometry(breaks, deferred).removed : 0)
      const separator = (extra: number) => (carried.length + onPage.length + extra > 0 ? noteSeparator : 0)
      const figure = end - 1
      if (deferred === undefined && floats.has(figure) && figure > start && float === undefined) {
        const figureNotes = (refs[end] ?? []).filter((note) => !onPage.includes(note))
        const withFigure = height(end) + notesHeight + figureNotes.reduce((sum, note) => sum + notes[note]!.height, 0) + separator(figureNotes.length)
        if (withFigure > H && (best?.fill ?? 0) < floatBelow && kind !== BreakKind.Forced) {
          deferred = figure
          continue
        }
      }
      if (deferred === undefined || end !== deferred + 1) {
        for (const note of refs[end] ?? []) {
          if (!onPage.includes(note)) {
            onPage.push(note)
            notesHeight += notes[note]!.height
          }
        }
      }
      const content = height(end)
      if (content + notesHeight + separator(0) <= H) {
        // A figure waiting for the next page must not wait past the end of its chapter.
        if (kind !== BreakKind.Forbidden && !(kind === BreakKind.Forced && deferred !== undefined)) {
          best = {
            end,
            notes: [...onPage],
            fill: (content + notesHeight + separator(0)) / H,
            deferred: deferred !== undefined && end > deferred + 1 ? deferred : undefined
          }
        }
        if (kind === BreakKind.Forced) break
        continue
      }
      // The run no longer fits whole. While only the last note overflows, the flow may go on
      // with fewer and fewer of that note's lines on this page (two at least).
      const lastNote = onPage.at(-1)
      if (lastNote === undefined || deferred !== undefined || (best && best.fill >= splitBelow) || (splitting !== undefined && lastNote !== splitting)) break
      splitting = lastNote
      const others = notesHeight - notes[lastNote]!.height
      const part = splitToFit(notes, lastNote, 0, H - content - separator(0) - others, minLines)
      if (!part || part.toLine === toEnd) break
      if (kind !== BreakKind.Forbidden) {
        split = {end, notes: [...onPage.slice(0, -1).map(whole), part], carry: {note: lastNote, fromLine: part.toLine, toLine: toEnd}}
      }
      if (kind === BreakKind.Forced) break
    }

    const placed = float === undefined ? {} : {float}
    if (split) {
      pages.push({from: start, to: split.end, notes: [...carried, ...split.notes], chapter, opensChapter: opens, overfull: false, ...placed})
      carry = split.carry
      start = split.end
    } else if (best) {
      // The figure's notes leave with it.
      const figureNotes = best.deferred === undefined ? [] : (refs[best.deferred + 1] ?? [])
      pages.push({
        from: start,
        to: best.end,
        notes: [...carried, ...best.notes.filter((note) => !figureNotes.includes(note)).map(whole)],
        chapter,
        opensChapter: opens,
        overfull: false,
        ...placed,
        ...(best.deferred === undefined ? {} : {deferred: best.deferred})
      })
      pending = best.deferred
      start = best.end
    } else {
      // Nothing fits (a block taller than the page): let the first permitted run through.
      let end = start + 1
      while (end < last && breaks.kind[end] === BreakKind.Forbidden) end++
      const referenced = new Set<number>(onPage)
      for (let segment = start + 1; segment <= end; segment++) for (const note of refs[segment] ?? []) referenced.add(note)
      pages.push({from: start, to: end, notes: [...carried, ...[...referenced].map(whole)], chapter, opensChapter: opens, overfull: true, ...placed})
      start = end
    }
  }
  if (carry) pages.push({from: last, to: last, notes: [carry], chapter: breaks.chapter[last] ?? 0, opensChapter: false, overfull: false})

  const chapterPages = measured.chapters.map(() => 0)
  for (const [index, planned] of pages.entries()) {
    if (planned.opensChapter && chapterPages[planned.chapter] === 0) chapterPages[planned.chapter] = index + 1
  }
  return {pages, chapterPages}
}

/**
 * Where each heading lands: the page whose flow contains it, and its distance from the top
 * of the sheet (the flow of a page starts at the top margin, `top` pixels down, below any
 * figure floated there).
 */
export function placeHeadings(measured: Measured, plan: PagePlan, top: number): Array<{title: string; level: number; page: number; top: number}> {
  const {breaks} = measured
  let page = 0
  return measured.headings.map((heading) => {
    while (page < plan.pages.length - 1 && heading.y >= breaks.y0[plan.pages[page]!.to]! - 0.5) page++
    const planned = plan.pages[page]!
    let offset = heading.y - breaks.y1[planned.from]!
    if (planned.float !== undefined) offset += floatGeometry(breaks, planned.float).height
    if (planned.deferred !== undefined && heading.y > breaks.y0[planned.deferred + 1]!) offset -= floatGeometry(breaks, planned.deferred).removed
    return {title: heading.title, level: heading.level, page: page + 1, top: top + Math.max(0, offset)}
  })
}

/**
 * The page (1-based) on which each galley position lands, or `undefined` for `NaN`: the page
 * whose flow holds it, or the next one for a figure that floated there.
 */
export function pagesAt(measured: Measured, plan: PagePlan, ys: number[]): Array<number | undefined> {
  const {breaks} = measured
  return ys.map((y) => {
    if (Number.isNaN(y)) return undefined
    for (const [index, planned] of plan.pages.entries()) {
      if (planned.to === planned.from || y >= breaks.y0[planned.to]! - 0.5) continue
      const deferred = planned.deferred
      if (deferred !== undefined && y >= breaks.y1[deferred]! - 0.5 && y < breaks.y0[deferred + 1]! + 0.5) return index + 2
      return index + 1
    }
    return plan.pages.length
  })
}
