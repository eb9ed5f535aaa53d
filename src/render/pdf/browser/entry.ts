/**
 * What the print page exposes to Node: `folio.measure()`, `folio.locate(breaks)` then `folio.compose(input)` (and maybe `folio.parts(starts)`), with
 * the break points kept in between.
 */
import type {ComposeInput} from '../model.ts'
import {compose} from './compose.ts'
import {locatePages} from './locate.ts'
import {measure, type State} from './measure.ts'
import {partSheets, sheetParts} from './parts.ts'

const state: State = {positions: [], notes: [], noteBounds: []}

;(window as unknown as {folio: unknown}).folio = {
  // Measured again after cross-references get their page numbers: start from nothing.
  measure: () => {
    state.positions = []
    state.notes = []
    state.noteBounds = []
    return measure(state)
  },
  locate: (breaks: number[]) => locatePages(state.positions, breaks),
  /** Fill the cross-references' page slots, in document order. */
  setXrefPages: (texts: string[]) => {
    for (const [index, slot] of [...document.querySelectorAll('#galley .xref-page[data-target]')].entries()) slot.textContent = texts[index] ?? ''
  },
  compose: (input: ComposeInput) => compose(state, input),
  /** After `compose`: the sheets cut into parts to print apart (empties the page). */
  parts: async (starts: number[]) => {
    const parts = await sheetParts(starts)
    // The break points hold the composed book's every element, out of the page now: let them go.
    state.positions = []
    state.notes = []
    state.noteBounds = []
    return parts
  },
  /** After `parts`: one part's markup, to print here or in another page. */
  partSheets: (part: number) => partSheets(part)
}
