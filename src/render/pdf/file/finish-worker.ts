/**
 * The worker thread that finishes the print edition (`finish.ts`): it is sent each printed
 * part as it comes, then the rest of what the file needs, and sends back the file.
 */
import {parentPort} from 'node:worker_threads'
import {Finisher, type FinishJob, type Finished} from './finish.ts'

/** What the build's thread sends. */
export type FinishMessage = {type: 'part'; index: number; file: Uint8Array} | {type: 'finish'; job: FinishJob}

/** What it gets back, once. */
export type FinishReply = {type: 'done'; finished: Finished} | {type: 'fault'; fault: string}

const port = parentPort!
const finisher = new Finisher()
let failed = false

const fail = (error: unknown) => {
  if (failed) return
  failed = true
  port.postMessage({type: 'fault', fault: error instanceof Error ? (error.stack ?? error.message) : String(error)} satisfies FinishReply)
}

port.on('message', (message: FinishMessage) => {
  if (message.type === 'part') {
    finisher.part(message.index, message.file).catch(fail)
    return
  }
  finisher.finish(message.job).then((finished) => {
    if (!failed) port.postMessage({type: 'done', finished} satisfies FinishReply, [finished.file.buffer as ArrayBuffer])
  }, fail)
})
