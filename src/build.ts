/**
 * One build: load the input, run every reading through the pipeline once, make the pack
 * model, render the editions asked for and write them. Returns the files with their
 * messages; the CLI decides what to print and how to exit.
 */
import {createHash, randomBytes} from 'node:crypto'
import {unlinkSync} from 'node:fs'
import {access, constants, mkdir, rename, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {VFile} from 'vfile'
import {BrowserSession, browserFault} from './browser/session.ts'
import {createCitationContext} from './citations/context.ts'
import {loadInput} from './load/load-input.ts'
import {buildPack, type Pack, type ProcessedReading} from './pack/model.ts'
import {formats, renderers, type Format, type RenderContext} from './render/index.ts'
import {createPipeline} from './transform/pipeline.ts'
import {onInterrupt} from './util/cleanup.ts'
import {MachineFault, writeFault} from './util/faults.ts'
import {contentError, hasErrors, hasWarnings} from './util/messages.ts'
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
  /**
   * A browser to render with, owned by the caller, who closes it: several builds in a row
   * then start one browser. Default: the build starts its own and closes it.
   */
  session?: BrowserSession
  /**
   * Write the editions into `outDir/<slug>/` rather than `outDir/`, so several packs built
   * into one folder keep apart. Default: false.
   */
  folderPerPack?: boolean
}

export interface BuildOutput {
  format: Format
  path: string
  bytes: number
  /** SHA-256 of the file, lowercase hex, as `SHA256SUMS` lists it. */
  sha256: string
  milliseconds: number
}

export interface BuildResult {
  /** Every file that carries messages: the manifest, the bibliographies, then the readings. */
  files: VFile[]
  outputs: BuildOutput[]
  /** `SHA256SUMS` beside the editions, when any were written. */
  checksums: string | undefined
  /** The pack, when the content was good enough to make one. */
  pack: Pack | undefined
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const step = stepClock(options.onStep)
  const wanted = options.formats ?? formats
  const session = options.session ?? new BrowserSession()
  try {
    // Styles, locales and compiled engines belong to this build alone.
    const citations = createCitationContext()
    const input = await loadInput(options.input, citations)
    step('load')
    const files = [...(input.manifestFile ? [input.manifestFile] : []), ...input.bibliographies, ...input.readings]
    const pipeline = createPipeline({root: input.root, checkImage: input.images.check, citations})
    const processed: ProcessedReading[] = []
    for (const file of input.readings) {
      try {
        processed.push({file, tree: await pipeline.run(pipeline.parse(file), file)})
      } catch (error) {
        // The limits (`transform/limits.ts`) keep trees shallow; this is the last guard, so
        // that input no limit foresaw is still a message on its file, not a stack trace.
        if (!(error instanceof RangeError)) throw error
        contentError(file, `Unexpected input too large or too deeply nested to process (${error.message}), expected a smaller reading`, {
          place: {line: 1, column: 1},
          ruleId: 'limit',
          source: 'folio'
        })
      }
    }
    step('parse and transform')

    if (hasErrors(files) || (options.strict && hasWarnings(files)) || processed.length === 0) return {files, outputs: [], checksums: undefined, pack: undefined}
    const pack = buildPack(input, processed)
    // Making the pack resolves links between readings, which may warn.
    if (options.strict && hasWarnings(files)) return {files, outputs: [], checksums: undefined, pack: undefined}
    const outDir = options.folderPerPack ? path.join(options.outDir, pack.slug) : options.outDir
    await writableFolder(outDir)
    // The browser starts only now: a long load must not eat into its launch time-out, and
    // content with errors never needs it.
    if (wanted.includes('pdf') || wanted.includes('epub')) session.browser().catch(() => undefined)
    const outputs = await render(pack, wanted, session, {...options, outDir, images: input.images.read}, step)
    return {files, outputs, checksums: await writeChecksums(outDir, outputs), pack}
  } finally {
    if (!options.session) await session.close()
  }
}

/**
 * Render every edition asked for, then write them all: a fault in any edition (the browser
 * died, the disk is full) leaves the previous editions as they were.
 */
async function render(
  pack: Pack,
  wanted: readonly Format[],
  session: BrowserSession,
  options: BuildOptions & {images: RenderContext['images']},
  step: (name: string) => void
): Promise<BuildOutput[]> {
  const context: RenderContext = {
    session,
    images: options.images,
    date: options.date ?? new Date(),
    sourceDate: options.date,
    ...(options.onStep ? {onStep: options.onStep} : {})
  }
  const rendered: Array<{format: Format; target: string; data: string | Uint8Array; milliseconds: number}> = []
  for (const format of wanted) {
    const started = performance.now()
    let data: string | Uint8Array
    try {
      data = await (await renderers[format]())(pack, context)
    } catch (error) {
      throw browserFault(error) ?? error
    }
    rendered.push({format, target: path.join(options.outDir, `${pack.slug}.${format}`), data, milliseconds: performance.now() - started})
    step(`${format} edition, in all`)
  }
  await writeAllAtomically(rendered)
  const outputs: BuildOutput[] = []
  for (const {format, target, data, milliseconds} of rendered) {
    const output = {
      format,
      path: target,
      bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength,
      sha256: createHash('sha256').update(data).digest('hex'),
      milliseconds
    }
    outputs.push(output)
    options.onOutput?.(output)
  }
  return outputs
}

/**
 * `SHA256SUMS` beside the editions, in the format `sha256sum -c` reads (hash, two spaces, the
 * name relative to the folder), listing the editions this build wrote.
 */
async function writeChecksums(outDir: string, outputs: BuildOutput[]): Promise<string | undefined> {
  if (outputs.length === 0) return undefined
  const target = path.join(outDir, 'SHA256SUMS')
  await writeAllAtomically([{target, data: outputs.map((output) => `${output.sha256}  ${path.relative(outDir, output.path)}\n`).join('')}])
  return target
}

/** The output folder, created when missing; a fault of the machine when it cannot be written. */
async function writableFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder, {recursive: true})
    await access(folder, constants.W_OK)
  } catch (error) {
    throw writeFault(error, folder)
  }
}

/**
 * Write each edition beside its target under a name no other build uses, then rename them
 * all: a reader (or a second build into the same folder) only ever sees whole files, and a
 * failure or a signal leaves no temporary file behind.
 */
async function writeAllAtomically(editions: Array<{target: string; data: string | Uint8Array}>): Promise<void> {
  const temporaries = editions.map(({target}) => `${target}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`)
  const removeAll = () => {
    for (const temporary of temporaries) {
      try {
        unlinkSync(temporary)
      } catch {
        // Not written yet, or renamed already.
      }
    }
  }
  const forget = onInterrupt(removeAll)
  try {
    for (const [index, {target, data}] of editions.entries()) {
      await writeFile(temporaries[index]!, data).catch((error: unknown) => {
        throw writeFault(error, target)
      })
    }
    for (const [index, {target}] of editions.entries()) {
      await rename(temporaries[index]!, target).catch((error: unknown) => {
        throw writeFault(error, target)
      })
    }
  } catch (error) {
    removeAll()
    throw error instanceof MachineFault ? error : writeFault(error, path.dirname(editions[0]?.target ?? '.'))
  } finally {
    forget()
  }
}
