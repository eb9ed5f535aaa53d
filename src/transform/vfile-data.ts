/**
 * What each stage leaves on a reading's `VFile` for the next ones.
 */
import type {Element, ElementContent} from 'hast'
import type {Point, Position} from 'unist'
import type {CitationSetup} from '../citations/setup.ts'
import type {FrontMatter} from '../matter/front-matter.ts'
import type {ReadingMatter} from '../matter/schema.ts'

/** A note (hand-written or made from a citation), taken out of the text by `rehypeNotes`. */
export interface Note {
  /** Id of the note: in the reading (`fn-3`), then in the pack (`r2-fn-3`, set by `linkReadings`). */
  id: string
  /** Its number in the reading, as printed at the reference. */
  number: number
  /** Ids of the references that point at it (a note may be referenced more than once). */
  refIds: string[]
  /** The note's content: block elements (usually one paragraph). */
  children: ElementContent[]
}

/** A heading of the reading's body, for contents, bookmarks and the EPUB's nav. */
export interface Heading {
  id: string
  /** Rank after normalization: 2 for the reading's top sections (its title is 1). */
  rank: number
  text: string
}

/** A numbered thing a reading labels (`{#fig-x}`), as `remarkCrossref` numbered it. */
export interface CrossrefLabel {
  kind: 'fig' | 'tbl' | 'sec' | 'eq'
  /** As printed: `2`, `3.1`. */
  number: string
  /** Where the label is written, for a message about it. */
  place?: Position | undefined
}

/** One key of a reference (`@fig-x`, `-@fig-x`) and where it is written. */
export interface CrossrefItem {
  key: string
  /** `-@fig-x`: the number alone. */
  suppress: boolean
  place: Point | undefined
}

/**
 * A reference naming a label the reading does not have, with `crossref: pack`: another
 * reading may. Its place in the tree is a `span.xref-pending` that starts at `offset`.
 */
export interface PendingReference {
  offset: number
  items: CrossrefItem[]
}

declare module 'vfile' {
  interface DataMap {
    /** The front matter, validated, with the places of its values (set by the loader). */
    frontMatter: FrontMatter
    /** The reading's front matter with its title, taken from a heading where needed (set by `remarkMatter`). */
    matter: ReadingMatter
    /** The reading's notes in order (set by `rehypeNotes`). */
    notes: Note[]
    /** The reading's headings in order (set by `rehypeHeadings`). */
    headings: Heading[]
    /** Local images the reading uses: absolute paths (set by `rehypeImages`). */
    images: string[]
    /** Records, style and locales for the reading's citations (set by the loader). */
    citationSetup: CitationSetup
    /** The reading's bibliography, `section[role=doc-bibliography]` (set by `remarkCitations`). */
    bibliography: Element
    /** "How to cite this" reading, in its style (set by `remarkCitations`). */
    howToCite: ElementContent[]
    /**
     * The reading's labels by key, and its references left for the pack to resolve (set by
     * `remarkCrossref`; resolved by `resolvePackReferences`).
     */
    crossref: {
      labels: Record<string, CrossrefLabel>
      pending: PendingReference[]
      /** Numbered through the pack (`crossref: pack`): a label then names one thing in the pack. */
      pack: boolean
    }
  }
}
