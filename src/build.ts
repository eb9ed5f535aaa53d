/**
 * One build: load the input, run every reading through the pipeline once, make the pack
 * model, render the editions asked for and write them. Returns the files with their
 * messages; the CLI decides what to print and how to exit.
 */
import {existsSync, readFileSync} from 'node:fs'
import {mkdir, rename, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {VFile} from 'vfile'
import {BrowserNotFoundError} from './browser/find.ts'
import {BrowserSession} from './browser/session.ts'
import {createCitationContext} from './citations/context.ts'
import {loadInput} from './load/load-input.ts'
import {buildPack, type Pack, type ProcessedReading} from './pack/model.ts'
import {formats, paginateBook, renderers, type Format, type RenderContext} from './render/index.ts'
import {createPipeline} from './transform/pipeline.ts'
import {hasErrors, hasWarnings} from './util/messages.ts'
import {stepClock} from './util/steps.ts'

export {formats, type Format} from './render/index.ts'

export interface BuildOptions {
  /** A pack folder (with `pack.yaml`) or one Markdown file. */
  input: string
  /** Folder for the editions; created when missing. */
  outDir: string
  /** Editions to make. Default: all three. */
  formats?: readonly Format[]
  /** Treat warnings as errors: nothing is rendered when content has any. */
  strict?: boolean
  /**
   * The only clock editions see (dates in the PDF and EPUB). Default: now. The CLI sets it
   * from `SOURCE_DATE_EPOCH` for reproducible builds.
   */
  date?: Date
  /** Called as each edition is written, for progress output. */
  onOutput?: (output: BuildOutput) => void
  /** Called as each step ends with its duration in milliseconds (`FOLIO_TIMINGS=1`). */
  onStep?: (step: string, milliseconds: number) => void
}

export interface BuildOutput {
  format: Format
  path: string
  bytes: number
  milliseconds: number
}

export interface BuildResult {
  /** Every file that carries messages: the manifest, the bibliographies, then the readings. */
  files: VFile[]
  outputs: BuildOutput[]
  /** The pack, when the content was good enough to make one. */
  pack: Pack | undefined
  /** What the build could not do that the content is not to blame for (no browser for page numbers). */
  notices: string[]
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const step = stepClock(options.onStep)
  const wanted = options.formats ?? formats
  const session = new BrowserSession()
  // The browser starts while the readings are parsed; a missing browser is reported when an
  // edition needs it.
  // The HTML edition needs it too, for the print pages' numbers, but does without.
  session.browser().catch(() => undefined)

  try {
    // Styles, locales and compiled engines belong to this build alone.
    const citations = createCitationContext()
    const input = await loadInput(options.input, citations)
    step('load')
    const files = [...(input.manifestFile ? [input.manifestFile] : []), ...input.bibliographies, ...input.readings]
    const pipeline = createPipeline({root: input.root, exists: existsSync, citations})
    const processed: ProcessedReading[] = []
    for (const file of input.readings) {
      processed.push({file, tree: await pipeline.run(pipeline.parse(file), file)})
    }
    step('parse and transform')

    if (hasErrors(files) || (options.strict && hasWarnings(files)) || processed.length === 0) return {files, outputs: [], pack: undefined, notices: []}
    const pack = buildPack(input, processed)
    // Making the pack resolves links between readings, which may warn.
    if (options.strict && hasWarnings(files)) return {files, outputs: [], pack: undefined, notices: []}
    const notices: string[] = []
    return {files, outputs: await render(pack, wanted, session, options, step, notices), pack, notices}
  } finally {
    await session.close()
  }
}

/**
 * Render and write each edition asked for. The PDF goes first: its pagination is the page
 * map the other editions number their pages by. Without it, the book is paginated (not
 * printed) for them; without a browser, they go without page numbers and the build says so.
 */
async function render(
  pack: Pack,
  wanted: readonly Format[],
  session: BrowserSession,
  options: BuildOptions,
  step: (name: string) => void,
  notices: string[]
): Promise<BuildOutput[]> {
  const context: RenderContext = {
    session,
    images: (relative) => readFileSync(path.join(pack.root, relative)),
    date: options.date ?? new Date(),
    sourceDate: options.date,
    ...(options.onStep ? {onStep: options.onStep} : {})
  }
  const outputs: BuildOutput[] = []
  await mkdir(options.outDir, {recursive: true})
  if (!wanted.includes('pdf')) {
    try {
      context.pageMap = await paginateBook(pack, context)
      step('page map')
    } catch (error) {
      // The web page is made without a browser, so it does without page numbers; the EPUB's
      // cover needs the browser, which reports its own problem.
      if (!(error instanceof BrowserNotFoundError) && wanted.includes('epub')) throw error
      notices.push(
        `No browser to paginate the print edition (${(error as Error).message.split('\n')[0]}): the web page and the EPUB have no print page numbers`
      )
    }
  }
  for (const format of [...wanted].sort((a, b) => Number(b === 'pdf') - Number(a === 'pdf'))) {
    const started = performance.now()
    const data = await (await renderers[format]())(pack, context)
    const target = path.join(options.outDir, `${pack.slug}.${format}`)
    await writeAtomically(target, data)
    step(`${format} edition, in all`)
    const output = {
      format,
      path: target,
      bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength,
      milliseconds: performance.now() - started
    }
    outputs.push(output)
    options.onOutput?.(output)
  }
  return outputs
}

/** Write beside the target and rename, so a failed build never leaves half a file. */
async function writeAtomically(target: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${target}.${process.pid}.tmp`
  await writeFile(temporary, data)
  await rename(temporary, target)
}
