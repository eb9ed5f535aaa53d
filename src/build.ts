/**
 * One build: load the input, run every reading through the pipeline once, make the pack
 * model, render the editions asked for and write them. Returns the files with their
 * messages; the CLI decides what to print and how to exit.
 */
import {createHash} from 'node:crypto'
import {existsSync, readFileSync, realpathSync, statSync} from 'node:fs'
import {mkdir, rename, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {VFile} from 'vfile'
import {BrowserNotFoundError, findBrowser} from './browser/find.ts'
import {BrowserSession} from './browser/session.ts'
import {FileDigests, readingKey, restoreReading, saveReading} from './cache/readings.ts'
import {digest, openStore, scopedStore, type Store} from './cache/store.ts'
import {folioBuildId} from './cache/version.ts'
import {createCitationContext} from './citations/context.ts'
import {loadInput} from './load/load-input.ts'
import type {ElementContent} from 'hast'
import {packCiteItem, renderItem} from './citations/how-to-cite.ts'
import {buildPack, peopleOf, readingPack, type Pack, type ProcessedReading, type Reading} from './pack/model.ts'
import {sanitizeSchema} from './transform/sanitize-schema.ts'
import {packAuthors, packDescription} from './render/shared/head.ts'
import {landingPage, type Made} from './render/site/landing.ts'
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
  const needsBrowser = (list: readonly Format[]) => list.includes('pdf') || list.includes('epub')
  // The browser starts while the readings are parsed; a missing browser is reported when an
  // edition needs it.
  // The web page needs it too, for the print pages' numbers, but does without.
  const startBrowser = () => session.browser().catch(() => undefined)
  // (When every result is cached, no browser starts at all.)

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
      exists: (file) => {
        looked.push(file)
        return existsSync(file)
      },
      citations,
      crossref
    })
    const digests = new FileDigests()
    const processed: ProcessedReading[] = []
    const readingKeys: string[] = []
    let browserStarted = false
    for (const [index, file] of input.readings.entries()) {
      const key = store.enabled ? readingKey(buildId, file) : ''
      const cached = readingStore.enabled ? restoreReading(readingStore, key, file, digests) : undefined
      if (cached) {
        processed.push({file, tree: cached.tree})
        readingKeys.push(digest(key, JSON.stringify(cached.entry.dependencies)))
      } else {
        if (!browserStarted && needsBrowser(wanted)) {
          browserStarted = true
          void startBrowser()
        }
        looked = []
        const before = file.messages.length
        const tree = await pipeline.run(pipeline.parse(file), file)
        const entry = saveReading(readingStore, key, file, tree, looked, digests, before)
        processed.push({file, tree})
        readingKeys.push(digest(key, JSON.stringify(entry.dependencies)))
      }
      options.onProgress?.({stage: 'readings parsed', done: index + 1, total: input.readings.length})
    }
    options.onProgress?.({stage: 'readings parsed', finished: true})
    // A part's intro is a short text on its title page, read like a reading but not one.
    const intros: ProcessedReading[] = []
    for (const file of input.intros) {
      files.push(file)
      intros.push({file, tree: await pipeline.run(pipeline.parse(file), file)})
    }
    step('parse and transform')

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
    const outputs = await render(
      pack,
      {wanted, each, howToCite, session, store: scopedStore(store, digest(buildId, browser)), editionKey},
      {...options, outDir},
      step,
      notices
    )
    return {files, outputs, checksums: await writeChecksums(outDir, outputs), pack, notices}
  } finally {
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

/** What the progress line says while an edition is made (renderers say more as they go). */
const editionNames: Record<Format, string> = {html: 'making the web page', pdf: 'laying out the book', epub: 'making the EPUB'}

/** What `render` makes and with what. */
interface RenderPlan {
  wanted: readonly Format[]
  /** Each reading also as its own files. */
  each: boolean
  howToCite: ElementContent[]
  session: BrowserSession
  store: Store
  editionKey: (format: Format) => string
}

/**
 * Render each edition asked for (and with `each`, each reading's), then write them all and
 * the landing page: rendering fails before anything is written. The PDF goes first: its
 * pagination is the page map the other editions number their pages by. Without it, the book
 * is paginated (not printed) for them; without a browser, they go without page numbers and
 * the build says so. An edition kept in the cache is the same bytes and needs none of this.
 */
async function render(pack: Pack, plan: RenderPlan, options: BuildOptions, step: (name: string) => void, notices: string[]): Promise<BuildOutput[]> {
  const {wanted, each, store, session} = plan
  const context: RenderContext = {
    session,
    images: (relative) => readFileSync(path.join(pack.root, relative)),
    date: options.date ?? new Date(),
    sourceDate: options.date,
    store,
    ...(options.onStep ? {onStep: options.onStep} : {}),
    ...(options.onProgress ? {onProgress: options.onProgress} : {})
  }
  // Each reading's files are cut from (or rendered beside) the whole editions: with `each`,
  // nothing is taken from the cache.
  const keys = new Map(wanted.map((format) => [format, store.enabled && !each ? plan.editionKey(format) : '']))
  const cached = new Map(wanted.map((format) => [format, keys.get(format) ? store.get('edition', keys.get(format)!) : undefined]))
  const cachedPages = keys.get('pdf') ? Number(store.get('pages', keys.get('pdf')!)?.toString() ?? '') || undefined : undefined
  const fresh = wanted.filter((format) => !cached.get(format))
  if (fresh.length > 0) session.browser().catch(() => undefined)
  if (!fresh.includes('pdf') && fresh.length > 0) {
    try {
      context.pageMap = await paginateBook(pack, context)
      step('page map')
    } catch (error) {
      // The web page is made without a browser, so it does without page numbers; the EPUB's
      // cover needs the browser, which reports its own problem.
      if (!(error instanceof BrowserNotFoundError) && fresh.includes('epub')) throw error
      notices.push(
        `No browser to paginate the print edition (${(error as Error).message.split('\n')[0]}): the web page and the EPUB have no print page numbers`
      )
    }
  }
  const made: Made[] = []
  const readingName = (reading: Reading) => `${pack.slug}/${String(reading.number).padStart(2, '0')}-${reading.slug}`
  for (const format of [...wanted].sort((a, b) => Number(b === 'pdf') - Number(a === 'pdf'))) {
    const started = performance.now()
    const kept = cached.get(format)
    if (kept) {
      made.push({format, relative: `${pack.slug}.${format}`, data: kept, started, ...(format === 'pdf' && cachedPages ? {pages: cachedPages} : {})})
    } else if (format === 'pdf') {
      options.onProgress?.({stage: editionNames[format]})
      const {renderPdfBook} = await import('./render/pdf/index.ts')
      const book = await renderPdfBook(pack, context)
      made.push({format, relative: `${pack.slug}.pdf`, data: book.file, pages: book.pageCount, started})
      if (keys.get(format)) {
        store.set('edition', keys.get(format)!, book.file)
        store.set('pages', keys.get(format)!, String(book.pageCount))
      }
      if (each) {
        const {cutPdfs} = await import('./render/pdf/file/cut.ts')
        const ranges = pack.readings.map((reading) => {
          const range = book.readingPages.get(reading.id)!
          const one = readingPack(pack, reading)
          return {
            ...range,
            metadata: {
              title: one.title,
              authors: packAuthors(one),
              subject: packDescription(one),
              keywords: one.keywords,
              lang: one.lang,
              date: context.date,
              described: book.described
            }
          }
        })
        const cut = await cutPdfs(book.file, book.outline, ranges)
        for (const [index, reading] of pack.readings.entries()) {
          const range = ranges[index]!
          made.push({format, relative: `${readingName(reading)}.pdf`, data: cut[index]!, pages: range.last - range.first + 1, started, reading})
        }
      }
    } else {
      options.onProgress?.({stage: editionNames[format]})
      const renderer = await renderers[format]()
      const data = await renderer(pack, context)
      made.push({format, relative: `${pack.slug}.${format}`, data, started})
      if (keys.get(format)) store.set('edition', keys.get(format)!, data)
      if (each) {
        for (const reading of pack.readings) {
          made.push({format, relative: `${readingName(reading)}.${format}`, data: await renderer(readingPack(pack, reading), context), started, reading})
        }
      }
    }
    step(`${format} edition, in all`)
  }

  const outputs: BuildOutput[] = []
  const write = async (relative: string, data: string | Uint8Array, output: Omit<BuildOutput, 'path' | 'bytes' | 'sha256'>) => {
    const target = path.join(options.outDir, relative)
    await mkdir(path.dirname(target), {recursive: true})
    await writeAtomically(target, data)
    const written: BuildOutput = {
      ...output,
      path: target,
      bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength,
      sha256: createHash('sha256').update(data).digest('hex')
    }
    outputs.push(written)
    options.onOutput?.(written)
  }
  await mkdir(options.outDir, {recursive: true})
  // Written and listed in the order asked for, whatever order they were made in.
  made.sort((a, b) => wanted.indexOf(a.format) - wanted.indexOf(b.format))
  for (const file of made) {
    await write(file.relative, file.data, {
      format: file.format,
      milliseconds: performance.now() - file.started,
      ...(file.pages ? {pages: file.pages} : {}),
      ...(file.reading ? {reading: file.reading.id} : {})
    })
  }
  await write('index.html', landingPage(pack, made, plan.howToCite), {format: 'site', milliseconds: 0})
  return outputs
}

/** Write beside the target and rename, so a failed build never leaves half a file. */
async function writeAtomically(target: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${target}.${process.pid}.tmp`
  await writeFile(temporary, data)
  await rename(temporary, target)
}

/**
 * `SHA256SUMS` beside the editions, in the format `sha256sum -c` reads (hash, two spaces, the
 * name relative to the folder), listing the editions this build wrote.
 */
async function writeChecksums(outDir: string, outputs: BuildOutput[]): Promise<string | undefined> {
  if (outputs.length === 0) return undefined
  const target = path.join(outDir, 'SHA256SUMS')
  await writeAtomically(target, outputs.map((output) => `${output.sha256}  ${path.relative(outDir, output.path)}\n`).join(''))
  return target
}
