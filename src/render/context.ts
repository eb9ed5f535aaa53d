/**
 * What every edition is rendered with. Apart from the renderers' table (`./index.ts`) so
 * that the renderers can import it without a cycle.
 */
import type {BrowserSession} from '../browser/session.ts'
import type {Store} from '../cache/store.ts'
import type {Pack} from '../pack/model.ts'
import type {PageMap} from '../pack/page-map.ts'
import type {ImageSource} from './shared/images.ts'

export const formats = ['html', 'pdf', 'epub'] as const
export type Format = (typeof formats)[number]

/**
 * A problem in the content that only rendering finds (an image or a cover the browser cannot
 * decode): the build reports it as a warning at its place.
 */
export interface RenderProblem {
  /** The edition that found it. */
  edition: Format
  /** A value in `pack.yaml` by its path (`['cover']`), or a place in a reading by the reading's id (in a part's introduction, by the part's). */
  at: {path: Array<string | number>} | {reading: string; place: {line: number; column: number} | undefined}
  ruleId: string
  reason: string
}

/** What every edition is rendered with: one per build. */
export interface RenderContext {
  /** The build's browser (started while the readings are parsed; the web page needs none). */
  session: BrowserSession
  /** Reads the pack's images by their path relative to the pack's root. */
  images: ImageSource
  /** The build's clock: `SOURCE_DATE_EPOCH` when set, else the time of the build. */
  date: Date
  /** `SOURCE_DATE_EPOCH`, when set: then the only date in every edition. */
  sourceDate: Date | undefined
  /**
   * Where the print edition's pages start, for the EPUB's and the web page's page numbers:
   * set by the PDF renderer (which the build runs first), or by the build paginating the
   * book when no PDF is asked for; absent without a browser.
   */
  pageMap?: PageMap | undefined
  /** Called as each step of a renderer ends, with its duration in milliseconds (`FOLIO_TIMINGS=1`, `npm run bench`). */
  onStep?: (step: string, milliseconds: number) => void
  /** Called as a renderer moves on ("pages laid out", "printing N pages"), for progress on a terminal. */
  onProgress?: (progress: {stage: string; done?: number; total?: number; finished?: boolean}) => void
  /** Results kept between builds, for the pieces of an edition that depend on little (the drawn cover). */
  store?: Store
  /** Where renderers put the problems they find in the content; kept with a cached edition and given again with it. */
  problems: RenderProblem[]
}

/** An edition: the pack in, the file's bytes out. */
export type Renderer = (pack: Pack, context: RenderContext) => Promise<string | Uint8Array>
