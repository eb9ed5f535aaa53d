/**
 * The `cite` node: a citation cluster in the mdast tree, from where `findCitations` reads it
 * until `remarkCitations` renders it. Its own module, below the syntax and the runs that both
 * make it.
 */
import type {Data, PhrasingContent} from 'mdast'
import type {Node, Point} from 'unist'
import type {Locator} from '../../citations/locators.ts'

export interface CiteItem {
  key: string
  prefix: PhrasingContent[]
  suffix: PhrasingContent[]
  locator: Omit<Locator, 'rest'> | undefined
  suppressAuthor: boolean
  /** Where the key is written, for messages. */
  place: Point | undefined
}

/** A citation cluster in the tree, until `remarkCitations` renders it. */
export interface Cite extends Node {
  type: 'cite'
  items: CiteItem[]
  /** `@a` or `@a [p. 3]`, written as part of the sentence. */
  inText: boolean
  data?: Data
}

declare module 'mdast' {
  interface PhrasingContentMap {
    cite: Cite
  }
  interface RootContentMap {
    cite: Cite
  }
}
