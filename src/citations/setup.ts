/**
 * What the loader hands the citation transform for one reading: records, style and locales
 * already read, so that the transform touches no file.
 */
import type {CslItem, CslNode} from './citeproc.ts'

/** The style used when neither the reading nor the pack names one (Pandoc's default too). */
export const defaultStyle = 'chicago-author-date'

export interface CitationSetup {
  /**
   * The records of the reading's and the pack's bibliographies (and of `references` in front
   * matter), by key; `undefined` when none is named, and citation syntax is then left as text.
   */
  items: ReadonlyMap<string, CslItem> | undefined
  /** The style: a bundled element tree or the XML of a `.csl` file. */
  style: CslNode | string
  /** Locales by tag: `en-US` (citeproc-js's fallback), the reading's and the style's own. */
  locales: ReadonlyMap<string, CslNode>
  /** The reading's language (else the pack's), which wins over the style's locale. */
  lang: string | undefined
  /** The pack, for "How to cite" a reading that first appears in it. */
  pack: {title: string; date: string | undefined; editors: string[]} | undefined
}
