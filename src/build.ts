/**
 * One build: load the input, run every reading through the pipeline once, make the pack
 * model, render the editions asked for and write them. Returns the files with their
 * messages; the CLI decides what to print and how to exit.
 */
import {existsSync, readFileSync} from 'node:fs'
import {mkdir, rename, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {VFile} from 'vfile'
import {BrowserSession} from './browser/session.ts'
import {createCitationContext} from './citations/context.ts'
import {loadInput} from './load/load-input.ts'
import {buildPack, type Pack, type ProcessedReading} from './pack/model.ts'
import {formats, renderers, type Format, type RenderContext} from './render/index.ts'
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
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const step = stepClock(options.onStep)
  const wanted = options.formats ?? formats
  const session = new BrowserSession()
  // The browser starts while the readings are parsed; a missing browser is reported when an
  // edition needs it.
  if (wanted.includes('pdf') || wanted.includes('epub')) session.browser().catch(() => undefined)

  try {
    // Styles, locales and compiled engines belong to this build alone.
    const citations = createCitationContext()
    const input = await loadInput(options.input, citations)
    step('load')
    const files = [...(input.manifestFile ? [input.manifestFile] : []), ...input.bibliographies, ...input.readings]
    const crossref = input.manifest?.crossref === 'pack' ? {counters: {fig: 0, tbl: 0, eq: 0}} : {}
    const pipeline = createPipeline({root: input.root, exists: existsSync, citations, crossref})
    const processed: ProcessedReading[] = []
    for (const file of input.readings) {
      processed.push({file, tree: await pipeline.run(pipeline.parse(file), file)})
    }
    step('parse and transform')

    if (hasErrors(files) || (options.strict && hasWarnings(files)) || processed.length === 0) return {files, outputs: [], pack: undefined}
    const pack = buildPack(input, processed)
    // Making the pack resolves links between readings, which may warn.
    if (options.strict && hasWarnings(files)) return {files, outputs: [], pack: undefined}
    return {files, outputs: await render(pack, wanted, session, options, step), pack}
  } finally {
    await session.close()
  }
}

/** Render and write each edition asked for, in order. */
async function render(
  pack: Pack,
  wanted: readonly Format[],
  session: BrowserSession,
  options: BuildOptions,
  step: (name: string) => void
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
  for (const format of wanted) {
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
