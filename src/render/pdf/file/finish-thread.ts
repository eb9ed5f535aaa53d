/**
 * The build's end of the worker that finishes the print edition (`finish-worker.ts`): each
 * part goes to it as soon as it is printed or taken from the cache, and the file comes back.
 * Started when the book starts to be laid out, the worker has loaded pdf-lib by the time the
 * first part comes.
 */
import type {Worker} from 'node:worker_threads'
import {startWorker} from '../../../util/worker.ts'
import type {FinishJob, Finished} from './finish.ts'
import type {FinishMessage, FinishReply} from './finish-worker.ts'

export class FinishThread {
  readonly #worker: Worker
  readonly #finished: Promise<Finished>

  constructor() {
    const worker = (this.#worker = startWorker(import.meta.url, 'finish-worker', undefined))
    this.#finished = new Promise((resolve, reject) => {
      worker.on('message', (reply: FinishReply) => {
        if (reply.type === 'done') resolve(reply.finished)
        else reject(new Error(`Finishing the PDF failed in its worker:\n${reply.fault}`))
      })
      worker.on('error', (error) => reject(new Error(`The PDF's worker failed: ${error.message}`, {cause: error})))
      worker.on('exit', (code) => reject(new Error(`The PDF's worker stopped (exit code ${code}) before the file was finished`)))
    })
    // Taken by `finish`; a build that fails before then closes the worker.
    this.#finished.catch(() => undefined)
  }

  /** Part `index` (0-based) of the printed book, in any order. */
  part(index: number, file: Uint8Array): void {
    this.#worker.postMessage({type: 'part', index, file} satisfies FinishMessage)
  }

  /** The finished file, once every part has come. */
  finish(job: FinishJob): Promise<Finished> {
    this.#worker.postMessage({type: 'finish', job} satisfies FinishMessage)
    return this.#finished
  }

  async close(): Promise<void> {
    await this.#worker.terminate()
  }
}
