/**
 * What passes between the browser and the paginator. The browser measures the print
 * document once, laid out in one long column at the page's text width (the galley); the
 * paginator, a pure function in Node, decides every page from those numbers; the browser
 * then composes the pages and prints them.
 *
 * All lengths are CSS pixels; vertical positions are in the galley's coordinates.
 */

/** How the flow may break at a break point. */
export const BreakKind = {
  /** A page may end here. */
  Allowed: 0,
  /** A page must not end here (after a heading, before a caption). */
  Forbidden: 1,
  /** A page must end here (a new chapter starts). */
  Forced: 2
} as const
export type BreakKind = (typeof BreakKind)[keyof typeof BreakKind]

/**
 * The places where a page may end, in document order: between two blocks, or between two
 * lines of a paragraph, a code block or a note. Break 0 is the start of the flow; the last
 * break is its end.
 */
export interface MeasuredBreaks {
  /** Where the content before the break ends (with the bottom padding of split boxes). */
  y0: number[]
  /** Where the content after the break starts (less the top padding of split boxes). */
  y1: number[]
  kind: BreakKind[]
  /** Chapter of the content that follows the break. */
  chapter: number[]
}

export interface MeasuredNote {
  /** Full height (notes stack without collapsing margins: they have padding only). */
  height: number
  /** The note's top padding, which a continued part repeats. */
  pad: number
  /** bounds[k − 1]: where line k ends, from the note's top, for k = 1 … lines − 1. */
  bounds: number[]
}

export interface MeasuredChapter {
  /** Id of the chapter's element, for contents page numbers. */
  id: string
  /** Running head on left-hand pages. */
  verso: string
  /** Running head on right-hand pages. */
  recto: string
  /** The chapter opens on a right-hand (odd) page: a blank page comes first when needed. */
  opensRecto?: boolean
}

export interface Measured {
  breaks: MeasuredBreaks
  /** Note references: [note index, vertical position of the reference]. */
  refs: Array<[note: number, y: number]>
  notes: MeasuredNote[]
  chapters: MeasuredChapter[]
  /** Height of the rule and space above the first note on a page. */
  noteSeparator: number
  /** Headings of levels 1 to 4 in document order, for bookmarks. */
  headings: MeasuredHeading[]
  /**
   * Figures and images that may float: break i is in this list when the flow between breaks
   * i and i + 1 is one such block, which may move to the top of the next page rather than
   * leave a gap at the foot of this one.
   */
  floats: number[]
  /** Cross-references' page slots in document order, with where they and their targets are. */
  xrefs: MeasuredXref[]
}

export interface MeasuredXref {
  /** Bottom of the reference, less a pixel: the page holding its last line. */
  y: number
  /** Top of the element it refers to; `undefined` when it is not in the print document. */
  targetY: number | undefined
  /** The reading's abbreviation for "page". */
  pageWord: string
}

export interface MeasuredHeading {
  title: string
  level: number
  /** Top of the heading in the galley. */
  y: number
}

/** A part of a note on a page: lines [fromLine, toLine) of note `note`; toLine −1 is "to the end". */
export interface PlacedNote {
  note: number
  fromLine: number
  toLine: number
}

export interface PlannedPage {
  /** The page holds the flow between these two breaks. */
  from: number
  to: number
  notes: PlacedNote[]
  chapter: number
  /** The page opens its chapter (no running head). */
  opensChapter: boolean
  /** Content taller than the page had to be let through (nothing could break it). */
  overfull: boolean
  /** A figure this page's flow passes over (its float's break index), set atop the next page. */
  deferred?: number
  /** A figure deferred from the page before, set at the top of this one. */
  float?: number
  /** A page left blank so that the next chapter opens on a right-hand page (no running head, no folio). */
  blank?: boolean
}

export interface PagePlan {
  pages: PlannedPage[]
  /** Page number (1-based) on which each chapter starts. */
  chapterPages: number[]
}

/** What the browser composes the pages from. */
export interface ComposeInput {
  plan: PagePlan
  /** Page number of each chapter's first page, by the chapter element's id. */
  pageOfId: Record<string, number>
  /** Pages that show no page number (the title page). */
  unnumbered: number[]
  /** Check the composed pages (overflow, orphans, widows, stranded headings): costs a layout. */
  verify: boolean
}

export interface ComposeResult {
  /** With `verify`: pages whose flow runs into the notes or past the text area. */
  overflowing: number[]
  /** With `verify`: pages that end or start with a single line of a divided paragraph. */
  lonelyLines: number[]
  /** With `verify`: pages whose flow ends with a heading. */
  strandedHeadings: number[]
  /** What the structure tree's `Div`s are, in document order (see `pdf-roles.ts`). */
  tags: PdfTag[]
  /** The text of every link, in document order, for the link annotations' `Contents`. */
  links: string[]
}

export interface PdfTag {
  role: string
  key: string
  lang: string
  /** A code block's text as written, for its `ActualText` (empty for other roles). */
  text: string
}

/** The composed book as parts to print apart (`browser/parts.ts`). */
export interface SheetParts {
  /** The document around the sheets, with the comment `partsMarker` where a part's sheets go. */
  shell: string
  /** The SHA-256 of each part's sheets' markup, which stays in the print page. */
  digests: string[]
}

/** Where the sheets go in `SheetParts.shell`. */
export const partsMarker = 'folio-sheets'

/**
 * How a link to another part is printed, to be made a link within the file again: an address
 * in the reserved `.invalid` domain (RFC 2606), which names no place on the web. (Content
 * that links there itself gets, at most, a link to one of the book's own ids.)
 */
export const partLinkPrefix = 'https://folio-part.invalid/#'
