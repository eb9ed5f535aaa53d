/**
 * What each stage leaves on a reading's `VFile` for the next ones.
 */
import type {Element, ElementContent} from 'hast'
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
  }
}
