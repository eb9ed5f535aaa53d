/**
 * One build: load the input, run every reading through the pipeline once, make the pack
 * model, render the editions asked for and write them. Returns the files with their
 * messages; the CLI decides what to print and how to exit.
 */
import {createHash} from 'node:crypto'
import {realpathSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {VFile} from 'vfile'
import {findBrowser} from './browser/find.ts'
import {BrowserSession} from './browser/session.ts'
import {applyRun, FileDigests, readingKey, restoreReading, saveReading} from './cache/readings.ts'
import {digest, openStore, scopedStore} from './cache/store.ts'
import {folioBuildId} from './cache/version.ts'
import {createCitationContext} from './citations/context.ts'
import {packCiteItem, renderItem} from './citations/how-to-cite.ts'
import {loadInput} from './load/load-input.ts'
import {buildPack, peopleOf, sourceFileOf, type Pack, type ProcessedReading} from './pack/model.ts'
import {renderEditions} from './render/editions.ts'
import {formats, type Format, type RenderContext} from './render/index.ts'
import {landingPage, type Made} from './render/site/landing.ts'
import {createPipeline} from './transform/pipeline.ts'
import {runReading} from './transform/run-reading.ts'
import {ParseWorkers, parseWorkerCount, runsInWorker} from './transform/parse-workers.ts'
import {sanitizeSchema} from './transform/sanitize-schema.ts'
import {hasErrors, hasWarnings} from './util/messages.ts'
import {yamlPlace} from './matter/validate-yaml.ts'
import {stepClock} from './util/steps.ts'
import {removeUnused, writableFolder, writeAllAtomically, type PendingFile} from './write/atomic.ts'

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
  /** Also write each reading as its own files under `<out>/<slug>/`. Default: `each:` in `pack.yaml`, else off. */
  each?: boolean
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
  /**
   * Worker threads that parse readings at once (0: the build's own thread parses them all).
   * Default: `FOLIO_PARSE_WORKERS` when set, else, from four cores up, one per core but one,
   * each with at least four readings to parse (`transform/parse-workers.ts`).
   */
  parseWorkers?: number
  /** Called as the build moves on, for a progress line on a terminal. */
  onProgress?: (progress: BuildProgress) => void
  /**
   * Folder of the results kept between builds (`--cache DIR`), or `false` to keep none
   * (`--no-cache`). Default: `node_modules/.cache/folio` in Folio's own folder.
   */
  cache?: string | false
}

/** Where a build is: a stage, with counts when it has them. */
export interface BuildProgress {
  /** What is being done, in words: "readings parsed", "pages laid out", "printing 700 pages". */
  stage: string
  done?: number
  total?: number
  /** The stage is over; nothing to show until the next. */
  finished?: boolean
}

/** The default cache: beside Folio's own dependencies, where tools keep theirs. */
export const defaultCacheFolder = fileURLToPath(new URL('../node_modules/.cache/folio/', import.meta.url))

export interface BuildOutput {
  /** An edition, or `site` for the landing page. */
  format: Format | 'site'
  path: string
  bytes: number
  milliseconds: number
  /** SHA-256 of the file, lowercase hex, as `SHA256SUMS` lists it. */
  sha256: string
  /** Pages, for a PDF. */
  pages?: number
  /** For a reading's own file (`--each`): the reading's id. */
  reading?: string
}

export interface BuildResult {
  /** Every file that carries messages: the manifest, the bibliographies, then the readings. */
  files: VFile[]
  outputs: BuildOutput[]
  /** `SHA256SUMS` beside the editions, when any were written. */
  checksums: string | undefined
  /** The pack, when the content was good enough to make one. */
  pack: Pack | undefined
  /** What the build could not do that the content is not to blame for (no browser for page numbers). */
  notices: string[]
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const step = stepClock(options.onStep)
  const wanted = options.formats ?? formats
  const store = openStore(options.cache ?? defaultCacheFolder)
  const buildId = store.enabled ? folioBuildId() : ''
  const session = options.session ?? new BrowserSession()
  // The browser starts once a reading needs parsing (a build without the cache has started it
  // already: `cli/index.ts`; a start that misses its time-out during a long load or parse is
  // made again when an edition needs it); a missing browser is reported when an edition
  // needs it. The web page needs it too, for the print pages' numbers (and does without when
  // there is none). When every result is cached, no browser starts at all.

  let workers: ParseWorkers | undefined
  // Output folders this build made, removed again when it ends writing nothing.
  let madeFolders: string[] = []
  let written = false
  try {
    // Styles, locales and compiled engines belong to this build alone.
    const citations = createCitationContext()
    const input = await loadInput(options.input, citations)
    step('load')
    const files = [...(input.manifestFile ? [input.manifestFile] : []), ...input.bibliographies, ...input.readings]
    // Numbering figures, tables and equations across the pack carries counters from one
    // reading to the next, so then no reading's result is taken from the cache.
    const crossref = input.manifest?.crossref === 'pack' ? {counters: {fig: 0, tbl: 0, eq: 0}} : {}
    const readingStore = 'counters' in crossref ? openStore(false) : store
    // Every file a reading's run looks at (its images, found or not) is part of its key.
    let looked: string[] = []
    const pipeline = createPipeline({
      root: input.root,
      checkImage: (file, src) => {
        looked.push(file)
        return input.images.check(file, src)
      },
      citations,
      crossref
    })
    const digests = new FileDigests()
    const processed: ProcessedReading[] = []
    const readingKeys: string[] = []
    const runs = input.readings.map((file) => {
      const key = store.enabled ? readingKey(buildId, file) : ''
      return {file, key, cached: readingStore.enabled ? restoreReading(readingStore, key, file, digests) : undefined}
    })
    // The readings to parse go to worker threads when there are enough of them; the results
    // are taken in the pack's order as they come.
    const inWorkers = 'counters' in crossref ? [] : runs.filter((run) => !run.cached && runsInWorker(run.file))
    const count = options.parseWorkers ?? parseWorkerCount(inWorkers.length)
    const parsedIn = count > 0 && inWorkers.length > 0 ? count : 0
    if (parsedIn) workers = new ParseWorkers(parsedIn, {root: input.root})
    const fromWorkers = new Map(
      workers
        ? inWorkers.map((run) => {
            const result = workers!.run(run.file)
            // Taken in order: one that fails before its turn is reported at its turn.
            result.catch(() => undefined)
            return [run, result] as const
          })
        : []
    )
    let browserStarted = false
    for (const [index, {file, key, cached}] of runs.entries()) {
      if (cached) {
        processed.push({file, tree: cached.tree})
        readingKeys.push(digest(key, JSON.stringify(cached.entry.dependencies)))
      } else {
        if (!browserStarted) {
          browserStarted = true
          session.prelaunch()
        }
        looked = []
        const before = file.messages.length
        const running = fromWorkers.get(runs[index]!)
        let tree
        if (running) {
          const result = await running
          applyRun(file, result)
          looked = result.looked
          tree = result.tree
        } else tree = await runReading(pipeline, file)
        if (!tree) continue
        const entry = saveReading(readingStore, key, file, tree, looked, digests, before)
        processed.push({file, tree})
        readingKeys.push(digest(key, JSON.stringify(entry.dependencies)))
      }
      options.onProgress?.({stage: 'readings parsed', done: index + 1, total: input.readings.length})
      // Parsing holds the event loop: let the browser started above answer between readings,
      // so it is up when the parse ends instead of starting then.
      if (browserStarted) await new Promise((resolve) => setImmediate(resolve))
    }
    await workers?.close()
    workers = undefined
    options.onProgress?.({stage: 'readings parsed', finished: true})
    // A part's intro is a short text on its title page, read like a reading but not one.
    const intros: ProcessedReading[] = []
    for (const file of input.intros) {
      files.push(file)
      const tree = await runReading(pipeline, file)
      if (tree) intros.push({file, tree})
    }
    step(parsedIn ? `parse and transform, ${parsedIn} workers` : 'parse and transform')

    if (hasErrors(files) || (options.strict && hasWarnings(files)) || processed.length === 0)
      return {files, outputs: [], checksums: undefined, pack: undefined, notices: []}
    const pack = buildPack(input, processed, intros)
    // Making the pack resolves links between readings, which may warn.
    if (options.strict && hasWarnings(files)) return {files, outputs: [], checksums: undefined, pack: undefined, notices: []}
    // The browser lays out the PDF, paginates the book for the others' page numbers and draws
    // the EPUB's cover: another browser, another file.
    const browser = store.enabled ? await browserIdentity() : undefined
    const editionKey = (format: Format) =>
      digest(
        buildId,
        'edition',
        format,
        browser,
        options.date?.toISOString(),
        input.manifestFile ? String(input.manifestFile.value) : undefined,
        ...intros.map((intro) => String(intro.file.value)),
        pack.cover ? String(digests.of(path.join(pack.root, pack.cover))) : undefined,
        ...readingKeys
      )
    const outDir = options.folderPerPack ? path.join(options.outDir, pack.slug) : options.outDir
    madeFolders = await writableFolder(outDir)
    const notices: string[] = []
    const each = options.each ?? input.manifest?.each ?? false
    // "How to cite this pack", in the pack's style (every reading's setup holds it).
    const setup = input.readings[0]?.data.citationSetup
    const editors = peopleOf(pack, pack.editorIds).map((person) => person.name)
    const howToCite = setup
      ? renderItem(
          packCiteItem({title: pack.title, subtitle: pack.subtitle, editors, date: pack.date, publisher: pack.publisher}),
          setup,
          citations,
          sanitizeSchema
        )
      : []
    const editionStore = scopedStore(store, digest(buildId, browser))
    const context: RenderContext = {
      session,
      images: input.images.read,
      date: options.date ?? new Date(),
      sourceDate: options.date,
      store: editionStore,
      problems: [],
      ...(options.onStep ? {onStep: options.onStep} : {}),
      ...(options.onProgress ? {onProgress: options.onProgress} : {})
    }
    const made = await renderEditions(pack, {wanted, each, store: editionStore, key: editionKey}, context, step, notices)
    step('editions made')
    // Each reading's own EPUB (`each`) finds its problems again.
    const problems = [...new Map(context.problems.map((problem) => [JSON.stringify({...problem, edition: undefined}), problem])).values()]
    const manifestFile = input.manifestFile
    for (const {at, reason, ruleId} of problems) {
      if ('path' in at) manifestFile?.message(reason, {place: yamlPlace(String(manifestFile.value), at.path), ruleId, source: 'folio'})
      else sourceFileOf(pack, at.reading)?.message(reason, {...(at.place ? {place: at.place} : {}), ruleId, source: 'folio'})
    }
    if (options.strict && hasWarnings(files)) return {files, outputs: [], checksums: undefined, pack: undefined, notices}
    const landing: Omit<Made, 'format'> & {format: BuildOutput['format']} = {
      format: 'site',
      relative: 'index.html',
      data: landingPage(pack, made, howToCite, input.images.read),
      started: performance.now()
    }
    const pending = [...made, landing].map((file) => {
      const target = path.join(outDir, file.relative)
      const output: BuildOutput = {
        format: file.format,
        path: target,
        bytes: typeof file.data === 'string' ? Buffer.byteLength(file.data) : file.data.byteLength,
        milliseconds: performance.now() - file.started,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        ...(file.pages ? {pages: file.pages} : {}),
        ...(file.reading ? {reading: file.reading.id} : {})
      }
      return {target, data: file.data, output}
    })
    const outputs = pending.map(({output}) => output)
    // The editions a release publishes; the landing page links them but is not one.
    const checksums = checksumsFile(
      outDir,
      outputs.filter((output) => output.format !== 'site')
    )
    step('landing page, checksums')
    await writeAllAtomically([...pending, checksums])
    written = true
    step('write')
    for (const output of outputs) options.onOutput?.(output)
    return {files, outputs, checksums: checksums.target, pack, notices}
  } finally {
    if (!written) await removeUnused(madeFolders)
    await workers?.close()
    if (!options.session) await session.close()
  }
}

/** Which browser would render: its path, size and time of change (an update changes them). */
async function browserIdentity(): Promise<string | undefined> {
  try {
    const {executablePath} = await findBrowser()
    const info = statSync(realpathSync(executablePath))
    return `${executablePath} ${info.size} ${info.mtimeMs}`
  } catch {
    return undefined
  }
}

/**
 * `SHA256SUMS` beside the editions, in the format `sha256sum -c` reads (hash, two spaces, the
 * name relative to the folder), listing the editions this build wrote.
 */
function checksumsFile(outDir: string, outputs: readonly BuildOutput[]): PendingFile {
  return {
    target: path.join(outDir, 'SHA256SUMS'),
    data: outputs.map((output) => `${output.sha256}  ${path.relative(outDir, output.path)}\n`).join('')
  }
}
