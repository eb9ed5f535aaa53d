/**
 * The galley in two renderers: every chapter opens a page, so a run of chapters lays out
 * alone as it does in the whole book, and the book's first chapters and its last can be laid
 * out and measured at once, each half in a page of its own, on the machine's two cores. The
 * two measurements are then joined into the one the whole galley would give: the second
 * half's positions moved down to follow the first's, its break, chapter and float indices
 * moved on past the first's. The paginator, the page map and the cross-references' page
 * numbers see no difference (`test/galley-halves.test.ts` compares the editions).
 *
 * Only the page map is made this way (a web page or an EPUB built without the PDF): the print
 * edition composes its pages from the one galley it measured.
 */
import type {Element} from 'hast'
import {visit} from '../../util/visit.ts'
import {BreakKind, type Measured} from './model.ts'
import {pageSlotClass} from './xref-pages.ts'

/**
 * Characters of text from which the galley is laid out in halves: below it, the second page
 * (its start, its faces) costs about what the halving saves. `FOLIO_GALLEY_HALVES_FROM` sets
 * it (the tests halve small books).
 */
export function halvesFrom(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env['FOLIO_GALLEY_HALVES_FROM'])
  return env['FOLIO_GALLEY_HALVES_FROM'] !== undefined && Number.isFinite(value) && value >= 0 ? value : 400_000
}

/**
 * The chapter the second half starts with (`sizes`: characters of text in each chapter): the one that best balances the halves' text, among
 * those no cross-reference crosses (a reference measures its target's place, which must be in
 * its own half). `undefined` when the book is short, has one chapter, or every boundary is
 * crossed.
 */
export function secondHalfStart(chapters: readonly Element[], sizes: readonly number[], minimum = halvesFrom()): number | undefined {
  if (chapters.length < 2) return undefined
  const total = sizes.reduce((sum, size) => sum + size, 0)
  if (total < minimum) return undefined
  const chapterOfId = new Map<string, number>()
  const references: Array<[from: number, target: string]> = []
  for (const [index, chapter] of chapters.entries()) {
    visit(chapter, 'element', (node: Element) => {
      if (typeof node.properties['id'] === 'string') chapterOfId.set(node.properties['id'], index)
      const classes = node.properties['className']
      if (Array.isArray(classes) && classes.includes(pageSlotClass)) references.push([index, String(node.properties['dataTarget'] ?? '')])
    })
  }
  // crossed[k]: a reference and its target lie on either side of the boundary before chapter k.
  const crossed = new Array<boolean>(chapters.length + 1).fill(false)
  for (const [from, target] of references) {
    const to = chapterOfId.get(target)
    if (to === undefined || to === from) continue
    for (let k = Math.min(from, to) + 1; k <= Math.max(from, to); k++) crossed[k] = true
  }
  let best: number | undefined
  let bestGap = Infinity
  let before = 0
  for (let k = 1; k < chapters.length; k++) {
    before += sizes[k - 1]!
    const gap = Math.abs(2 * before - total)
    if (crossed[k] || gap >= bestGap) continue
    best = k
    bestGap = gap
  }
  return best
}

/** The measurement of the whole galley from those of its runs of chapters, in order. */
export function joinMeasured(runs: readonly Measured[]): Measured {
  const joined: Measured = {
    breaks: {y0: [], y1: [], kind: [], chapter: []},
    refs: [],
    notes: [],
    chapters: [],
    noteSeparator: runs[0]?.noteSeparator ?? 0,
    headings: [],
    floats: [],
    xrefs: []
  }
  let end = 0
  for (const [index, run] of runs.entries()) {
    const {breaks} = run
    const last = index === runs.length - 1
    const count = breaks.y0.length
    // The run's first chapter starts where the one before it ended (how far below does not
    // matter: a chapter always opens a page).
    const shift = index === 0 ? 0 : end - (breaks.y1[0] ?? 0)
    const breakBase = joined.breaks.y0.length
    const chapterBase = joined.chapters.length
    for (let at = 0; at < (last ? count : count - 1); at++) {
      const opens = index > 0 && at === 0
      joined.breaks.y0.push(opens ? end : breaks.y0[at]! + shift)
      joined.breaks.y1.push(breaks.y1[at]! + shift)
      joined.breaks.kind.push(opens ? BreakKind.Forced : breaks.kind[at]!)
      joined.breaks.chapter.push(breaks.chapter[at]! + chapterBase)
    }
    end = (breaks.y0[count - 1] ?? 0) + shift
    // Note references carry the note's index in the whole note galley already.
    joined.refs.push(...run.refs.map(([note, y]): [number, number] => [note, y + shift]))
    joined.notes.push(...run.notes)
    joined.chapters.push(...run.chapters)
    joined.headings.push(...run.headings.map((heading) => ({...heading, y: heading.y + shift})))
    joined.floats.push(...run.floats.map((float) => float + breakBase))
    joined.xrefs.push(...run.xrefs.map((xref) => ({...xref, y: xref.y + shift, targetY: xref.targetY === undefined ? undefined : xref.targetY + shift})))
  }
  return joined
}

/**
 * Where break `at` of the joined measurement is in the runs: the run, and the break's index
 * in it (a run's first break is the joined break at the boundary before it; a run's last,
 * the end of its galley, is not among the joined breaks but for the last run's).
 */
export function breakInRuns(runs: readonly Measured[], at: number): {run: number; at: number} {
  let base = 0
  for (const [index, run] of runs.entries()) {
    const own = run.breaks.y0.length - (index === runs.length - 1 ? 0 : 1)
    if (at < base + own) return {run: index, at: at - base}
    base += own
  }
  throw new RangeError(`Break ${at} is past the end of the galley`)
}
