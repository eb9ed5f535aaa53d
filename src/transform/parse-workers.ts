/**
 * Readings parsed and transformed in worker threads, for a pack with many: parsing is most of
 * an EPUB's or a web page's time and runs on one core otherwise. Each worker runs the same
 * pipeline (`parse-worker.ts`) and sends back what a run leaves, which the build puts on the
 * reading's file as it puts a cached run (`applyRun`); so a reading comes out the same
 * whichever thread ran it (`test/parse-workers.test.ts` compares the editions and messages).
 *
 * The build's own thread keeps what cannot be sent or must run in order: PDF readings (their
 * front matter is their entry in `pack.yaml`), readings whose front matter has errors, parts'
 * introductions, and every reading when `crossref: pack` carries numbers from one to the next.
 */
import {availableParallelism} from 'node:os'
import type {Worker} from 'node:worker_threads'
import type {Root} from 'hast'
import type {VFile} from 'vfile'
import type {ReadingEntry} from '../cache/readings.ts'
import type {CslNode} from '../citations/citeproc.ts'
import type {CitationSetup} from '../citations/setup.ts'
import {startWorker} from '../util/worker.ts'

/** What every worker is started with. */
export interface WorkerSetup {
  /** The pack's folder, which images are read inside. */
  root: string
}

/** One reading to run: its text as the loader read it, and its citation setup with the style and locales by number. */
export interface ParseJob {
  id: number
  path: string
  value: string
  setup: (Omit<CitationSetup, 'style' | 'locales'> & {style: number; locales: number}) | undefined
  /** Styles and locales this worker has not been sent yet, by number. */
  styles: Array<[number, CslNode | string]>
  locales: Array<[number, ReadonlyMap<string, CslNode>]>
}

/** What a run left, or the fault it ended in (a bug: a content problem is a message). */
export type ParseReply = ({id: number; tree: Root | undefined; looked: string[]} & Pick<ReadingEntry, 'data' | 'messages'>) | {id: number; fault: string}

export type ParseResult = Extract<ParseReply, {tree: unknown}>

/** Readings a worker is at least given: below that, starting one costs more than it saves. */
const readingsPerWorker = 4

/**
 * Cores below which no worker pays. On two cores, two workers parse 111 readings no faster
 * than the build's own thread (5.0 s against 4.1 s): parsing allocates without pause, the
 * thread's collector already works on the other core, and allocating work on this machine's
 * two cores runs 1.4 times faster at best.
 */
const coresForWorkers = 4

/**
 * Workers for `readings` readings to run: `FOLIO_PARSE_WORKERS` when set (0: none), else,
 * from four cores up, one per core but the one the browser takes, while each gets a few
 * readings.
 */
export function parseWorkerCount(readings: number, env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const value = env['FOLIO_PARSE_WORKERS']
  if (value !== undefined && /^\d+$/.test(value)) return Math.min(Number(value), readings)
  if (cores < coresForWorkers) return 0
  const count = Math.min(cores - 1, Math.floor(readings / readingsPerWorker))
  return count >= 2 ? count : 0
}

/** Whether a reading can run in a worker (see above); `crossref: pack` is the caller's to know. */
export function runsInWorker(file: VFile): boolean {
  return !file.data.pdf && file.data.frontMatter?.values !== undefined
}

/** Jobs sent ahead to each worker, so that it never waits for the next. */
const ahead = 2

interface Slot {
  worker: Worker
  busy: Map<number, Waiting>
  /** Numbers of the styles and locales it has. */
  has: Set<number>
}

interface Waiting {
  job: Omit<ParseJob, 'styles' | 'locales'>
  file: VFile
  resolve: (result: ParseResult) => void
  reject: (error: Error) => void
}

export class ParseWorkers {
  readonly #slots: Slot[] = []
  readonly #queue: Waiting[] = []
  /** Styles and locales by identity, numbered once for every worker. */
  readonly #numbers = new Map<object | string, number>()
  #next = 0
  #failed: Error | undefined
  /** Set by `close`: a worker ending then is expected. */
  #closed = false

  constructor(count: number, setup: WorkerSetup) {
    for (let index = 0; index < count; index++) {
      const slot: Slot = {worker: startWorker(import.meta.url, 'parse-worker', setup), busy: new Map(), has: new Set()}
      slot.worker.on('message', (reply: ParseReply) => this.#answer(slot, reply))
      slot.worker.on('error', (error) => this.#fail(new Error(`A parse worker failed: ${error.message}`, {cause: error})))
      slot.worker.on('exit', (code) => {
        if (!this.#closed) this.#fail(new Error(`A parse worker stopped (exit code ${code}) before the readings were parsed`))
      })
      this.#slots.push(slot)
    }
  }

  /** Run `file` in a worker; its text and citation setup go with it. */
  run(file: VFile): Promise<ParseResult> {
    return new Promise((resolve, reject) => {
      if (this.#failed) return reject(this.#failed)
      const setup = file.data.citationSetup
      this.#queue.push({
        job: {
          id: this.#next++,
          path: file.path,
          value: String(file.value),
          setup: setup && {...setup, style: this.#number(setup.style), locales: this.#number(setup.locales)}
        },
        file,
        resolve,
        reject
      })
      this.#pump()
    })
  }

  async close(): Promise<void> {
    this.#closed = true
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()))
  }

  #number(value: object | string): number {
    let number = this.#numbers.get(value)
    if (number === undefined) this.#numbers.set(value, (number = this.#numbers.size))
    return number
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slots.reduce((best, candidate) => (candidate.busy.size < best.busy.size ? candidate : best))
      if (slot.busy.size >= ahead) return
      const waiting = this.#queue.shift()!
      const setup = waiting.file.data.citationSetup
      const styles: ParseJob['styles'] = []
      const locales: ParseJob['locales'] = []
      if (setup && waiting.job.setup) {
        if (!slot.has.has(waiting.job.setup.style)) styles.push([waiting.job.setup.style, setup.style])
        if (!slot.has.has(waiting.job.setup.locales)) locales.push([waiting.job.setup.locales, setup.locales])
        slot.has.add(waiting.job.setup.style).add(waiting.job.setup.locales)
      }
      slot.busy.set(waiting.job.id, waiting)
      slot.worker.postMessage({...waiting.job, styles, locales} satisfies ParseJob)
    }
  }

  #answer(slot: Slot, reply: ParseReply): void {
    const waiting = slot.busy.get(reply.id)
    if (!waiting) return
    slot.busy.delete(reply.id)
    if ('fault' in reply) waiting.reject(new Error(`Parsing ${waiting.file.path} failed in a worker:\n${reply.fault}`))
    else waiting.resolve(reply)
    this.#pump()
  }

  #fail(error: Error): void {
    this.#failed ??= error
    for (const slot of this.#slots) {
      for (const waiting of slot.busy.values()) waiting.reject(error)
      slot.busy.clear()
    }
    for (const waiting of this.#queue.splice(0)) waiting.reject(error)
  }
}
