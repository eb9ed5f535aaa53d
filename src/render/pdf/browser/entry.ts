/**
 * What the print page exposes to Node: `folio.measure()` then `folio.compose(input)`, with
 * the break points kept in between.
 */
import type {ComposeInput} from '../model.ts'
import {compose} from './compose.ts'
import {measure, type State} from './measure.ts'

const state: State = {positions: [], notes: [], noteBounds: []}

;(window as unknown as {folio: unknown}).folio = {
  measure: () => measure(state),
  compose: (input: ComposeInput) => compose(state, input)
}
