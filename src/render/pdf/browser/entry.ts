/**
 * What the print page exposes to Node: `folio.measure()`, `folio.locate(breaks)` then `folio.compose(input)`, with
 * the break points kept in between.
 */
import type {ComposeInput} from '../model.ts'
import {compose} from './compose.ts'
import {locatePages} from './locate.ts'
import {measure, type State} from './measure.ts'

const state: State = {positions: [], notes: [], noteBounds: []}

;(window as unknown as {folio: unknown}).folio = {
  measure: () => measure(state),
  locate: (breaks: number[]) => locatePages(state.positions, breaks),
  compose: (input: ComposeInput) => compose(state, input)
}
