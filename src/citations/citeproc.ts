/**
 * citeproc-js (npm `citeproc`), the CSL processor Zotero and Mendeley use, with the few types
 * Folio relies on: the package ships none.
 */
import {createRequire} from 'node:module'

/** A CSL style or locale as an element tree (citeproc-js takes it in place of XML). */
export interface CslNode {
  name: string
  attrs: Record<string, string>
  children: Array<CslNode | string>
}

/** A bibliographic record in CSL-JSON. */
export interface CslItem {
  id: string
  type: string
  [field: string]: unknown
}

/** One cite of a citation cluster, as citeproc-js takes it. */
export interface CitationItem {
  id: string
  locator?: string
  label?: string
  prefix?: string
  suffix?: string
  'suppress-author'?: boolean
  'author-only'?: boolean
}

/** A citation cluster and the note it sits in (0 for a citation in the text). */
export interface Citation {
  citationID: string
  citationItems: CitationItem[]
  /** `unsorted`: keep the cites in the order written, whatever the style's sort. */
  properties: {noteIndex: number; unsorted?: boolean}
}

export interface Sys {
  retrieveLocale(lang: string): CslNode | undefined
  retrieveItem(id: string): CslItem | undefined
  wrapCitationEntry?(html: string, id: string): string
}

export interface BibliographyParams {
  entry_ids: string[][]
  bibstart: string
  bibend: string
}

export interface Engine {
  opt: {xclass: string; development_extensions: Record<string, unknown>}
  /** The style's citation layout, as parsed. */
  citation: {opt: {layout_prefix: string; layout_suffix: string}}
  setOutputFormat(format: 'html'): void
  /** Every citation of a document in order; returns `[citationID, noteIndex, html]` per citation. */
  rebuildProcessorState(citations: Citation[], mode: 'html', uncited: string[]): Array<[string, number, string]>
  /** Render a citation as if it stood between `before` and `after`, without keeping it. */
  previewCitationCluster(citation: Citation, before: Array<[string, number]>, after: Array<[string, number]>, mode: 'html'): string
  makeBibliography(): false | [BibliographyParams, string[]]
  /** Make these records the registry's, for a bibliography without citations. */
  updateItems(ids: string[]): void
}

interface CiteprocModule {
  Engine: new (sys: Sys, style: CslNode | string, lang?: string, forceLang?: boolean) => Engine
  /** citeproc-js's table of default dialects: `fr` → `fr_FR`. */
  LANG_BASES: Record<string, string>
}

export const CSL = createRequire(import.meta.url)('citeproc') as CiteprocModule
