/**
 * The page map: where every print page starts, as the paginator decided it, in terms every
 * edition can find again. The EPUB and the web page put a page-break marker there, and
 * cross-references read their page numbers from it, so "page 37" is the same page in all
 * three editions.
 *
 * A place is a chapter (the title page, the contents, a reading, the appendix), one of its
 * blocks, and a character offset into that block's text. Blocks are counted the same way in
 * every edition's copy of the chapter (`render/shared/page-breaks.ts`), so the place does
 * not depend on the markup an edition adds around the text.
 */

/** Where one print page starts. */
export interface PageStart {
  /** The number printed at the page's foot (the page's place in the file). */
  label: string
  /** The chapter: a reading's id, or `title-page`, `contents`, `about-the-authors`. */
  chapter: string
  /** The block, by its index among the chapter's blocks in document order; −1 is the chapter's start. */
  block: number
  /** Characters of the block's text (soft hyphens and print-only text not counted) before the page starts. */
  offset: number
}

export interface PageMap {
  /** Every page of the print edition, in order. */
  pages: PageStart[]
  /** What the numbers come from, for the EPUB's `dc:source`: the print edition. */
  source: string
}
