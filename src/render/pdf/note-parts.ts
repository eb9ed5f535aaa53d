/**
 * Notes as the paginator handles them: whole, or in parts of lines when one must continue on
 * the next page, and which notes each stretch of flow refers to.
 */
import type {Measured, MeasuredNote, PlacedNote} from './model.ts'

/** To the end of the note. */
export const toEnd = -1

export function whole(note: number): PlacedNote {
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
export function splitToFit(notes: MeasuredNote[], index: number, from: number, room: number, minLines: number): PlacedNote | undefined {
  const note = notes[index]!
  const lines = note.bounds.length + 1
  if (partHeight(note, from, toEnd) <= room) return {note: index, fromLine: from, toLine: toEnd}
  for (let to = lines - minLines; to >= from + minLines; to--) {
    if (partHeight(note, from, to) <= room) return {note: index, fromLine: from, toLine: to}
  }
  return undefined
}

/** refs[i]: the notes referenced between break i − 1 and break i, in order of reference. */
export function notesBySegment(measured: Measured): number[][] {
  const {y0} = measured.breaks
  const bySegment: number[][] = y0.map(() => [])
  const sorted = [...measured.refs].sort((a, b) => a[1] - b[1])
  let segment = 1
  // A note cited again on a later page is printed once, with its first reference.
  const seen = new Set<number>()
  for (const [note, y] of sorted) {
    while (segment < y0.length - 1 && y >= y0[segment]!) segment++
    if (seen.has(note)) continue
    seen.add(note)
    bySegment[segment]!.push(note)
  }
  return bySegment
}
