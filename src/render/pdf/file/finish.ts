/**
 * The printed parts made into the finished file: joined in the book's order (`join.ts`), the
 * structure rewritten (`structure.ts`), the PDF readings' pages placed (`place.ts`), the
 * bookmarks, metadata and text layer set and the bytes written (`finalize.ts`). This runs in a
 * worker thread of its own (`finish-worker.ts`), so that it goes on while the build's thread
 * makes the web page and the EPUB, and joins each part as soon as it is printed or taken from
 * the cache.
 */
import {storeAt, type StoreLocation} from '../../../cache/store.ts'
import type {PageGeometry} from '../geometry.ts'
import {rewritePrinted, saveFinished, type PdfMetadata, type PrintedStructure} from './finalize.ts'
import {PartJoiner} from './join.ts'
import type {OutlineEntry} from './outline.ts'
import {placePdfPages, type Placement} from './place.ts'

/** What finishing needs besides the parts, once they are all printed. */
export interface FinishJob {
  /** How many parts the book was printed in. */
  parts: number
  structure: PrintedStructure
  placements: Placement[]
  geometry: PageGeometry
  /** The bookmarks of the book's own headings. */
  headings: OutlineEntry[]
  metadata: PdfMetadata
  /** The store the rewritten page streams are kept in (the build's). */
  store: StoreLocation | undefined
}

export interface Finished {
  file: Uint8Array
  /** The book's bookmarks: its headings' and the PDF readings' own. */
  outline: OutlineEntry[]
  /** Steps and their milliseconds of work, for `FOLIO_TIMINGS`. */
  steps: Array<[string, number]>
}

/** Joins parts as they come, in order, whatever order they are given in; then finishes the file. */
export class Finisher {
  readonly #joiner = new PartJoiner()
  readonly #files: Uint8Array[] = []
  #joined = 0
  #joining: Promise<void> = Promise.resolve()
  #joinMs = 0

  /** Part `index` (0-based) of the printed book. */
  part(index: number, file: Uint8Array): Promise<void> {
    this.#files[index] = file
    this.#joining = this.#joining.then(async () => {
      while (this.#files[this.#joined] !== undefined) {
        const started = performance.now()
        await this.#joiner.add(this.#files[this.#joined++]!)
        this.#joinMs += performance.now() - started
      }
    })
    return this.#joining
  }

  async finish(job: FinishJob): Promise<Finished> {
    await this.#joining
    if (this.#joined !== job.parts) throw new Error(`Parts ${this.#joined + 1} to ${job.parts} of the book never came to be joined`)
    const book = this.#joiner.finish()
    const steps: Array<[string, number]> = [['join parts', this.#joinMs]]
    let clock = performance.now()
    const step = (name: string) => {
      const now = performance.now()
      steps.push([name, now - clock])
      clock = now
    }
    // The printed tree is rewritten (roles, artifacts) before other files' pages and their
    // own structure are grafted in, which keep theirs.
    const artifacts = rewritePrinted(book, job.structure)
    step('rewrite structure')
    const placed = await placePdfPages(book, job.placements, job.geometry)
    if (job.placements.length > 0) step('place PDF readings')
    // Stable: the sources' bookmarks follow the headings of the pages they point into.
    const outline = [...job.headings, ...placed]
      .map((entry, order) => ({entry, order}))
      .sort((a, b) => a.entry.page - b.entry.page || a.order - b.order)
      .map(({entry}) => entry)
    const printed = this.#files.length === 1 ? this.#files[0]! : Buffer.concat(this.#files)
    const file = await saveFinished(book, printed, job.metadata, outline, artifacts, job.store ? storeAt(job.store) : undefined)
    step('finish')
    return {file, outline, steps}
  }
}
