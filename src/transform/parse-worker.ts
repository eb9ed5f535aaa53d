/**
 * A worker thread of `parse-workers.ts`: the same pipeline as the build's, on the readings it
 * is sent one at a time. It reads no reading from the disk (the text comes with the job, as
 * the loader read it) and reads its front matter as the loader did; it sends back what a run
 * leaves (`cache/readings.ts`): the tree, the file data, the messages, the files it looked at.
 * The style and locales a job needs come once per worker, so that its citation engines are
 * compiled once, as in the build's own thread.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {VFile} from 'vfile'
import {keptData, runData, savedMessages} from '../cache/readings.ts'
import type {CslNode} from '../citations/citeproc.ts'
import {createCitationContext} from '../citations/context.ts'
import {PackImages} from '../load/pack-images.ts'
import {readFrontMatter} from '../load/read-front-matter.ts'
import {createPipeline} from './pipeline.ts'
import {runReading} from './run-reading.ts'
import type {ParseJob, ParseReply, WorkerSetup} from './parse-workers.ts'

const setup = workerData as WorkerSetup
const port = parentPort!
const styles = new Map<number, CslNode | string>()
const locales = new Map<number, ReadonlyMap<string, CslNode>>()
const images = new PackImages(setup.root)
let looked: string[] = []
const pipeline = createPipeline({
  root: setup.root,
  checkImage: (file, src) => {
    looked.push(file)
    return images.check(file, src)
  },
  citations: createCitationContext()
})

async function run(job: ParseJob): Promise<ParseReply> {
  for (const [id, style] of job.styles) styles.set(id, style)
  for (const [id, map] of job.locales) locales.set(id, map)
  const file = new VFile({path: job.path, value: job.value})
  readFrontMatter(file)
  const before = file.messages.length
  if (job.setup) file.data.citationSetup = {...job.setup, style: styles.get(job.setup.style)!, locales: locales.get(job.setup.locales)!}
  looked = []
  const tree = await runReading(pipeline, file)
  return {id: job.id, tree, data: runData(file, [...keptData, 'crossref']), messages: savedMessages(file, before), looked}
}

// One job at a time: a run's `looked` is its own.
let queue = Promise.resolve()
port.on('message', (job: ParseJob) => {
  queue = queue.then(async () => {
    let reply: ParseReply
    try {
      reply = await run(job)
    } catch (error) {
      reply = {id: job.id, fault: error instanceof Error ? (error.stack ?? error.message) : String(error)}
    }
    port.postMessage(reply)
  })
})
