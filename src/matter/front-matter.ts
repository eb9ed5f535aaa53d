/**
 * A reading's front matter as the loader leaves it on `file.data.frontMatter`: validated
 * once, with the places of its values kept for the messages later stages report about them.
 */
import type {Point, Position} from 'unist'
import type {z} from 'zod'
import {readingMatterSchema} from './schema.ts'

/** Front matter may leave out `title`: `remarkMatter` then takes it from a first-level heading. */
export const frontMatterSchema = readingMatterSchema.partial({title: true})

/** The validated values, `authors` merged into `author`. */
export type FrontMatterValues = Omit<z.output<typeof frontMatterSchema>, 'authors'>

export interface FrontMatter {
  /** The values, or `undefined` when the front matter has errors (reported on the file). */
  values: FrontMatterValues | undefined
  /** The `---` block, or `undefined` when the reading has none. */
  position: Position | undefined
  /** Line and column in the reading of the value at `path` (of its closest ancestor when missing). */
  placeOf(path: Array<string | number>): Point
}
