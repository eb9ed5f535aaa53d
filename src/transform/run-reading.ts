/**
 * One reading through the pipeline, in whichever thread runs it (the build's, or a worker's:
 * `parse-workers.ts`). The limits (`limits.ts`) keep trees shallow; this is the last guard,
 * so that input no limit foresaw is still a message on its file, not a stack trace.
 */
import type {Root} from 'hast'
import type {VFile} from 'vfile'
import {contentError} from '../util/messages.ts'
import type {createPipeline} from './pipeline.ts'

export type Pipeline = ReturnType<typeof createPipeline>

export async function runReading(pipeline: Pipeline, file: VFile): Promise<Root | undefined> {
  try {
    return await pipeline.run(pipeline.parse(file), file)
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    contentError(file, `Unexpected input too large or too deeply nested to process (${error.message}), expected a smaller reading`, {
      place: {line: 1, column: 1},
      ruleId: 'limit',
      source: 'folio'
    })
    return undefined
  }
}
