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
import type {ElementContent} from 'hast'
import {packCiteItem, renderItem} from './citations/how-to-cite.ts'
import {buildPack, peopleOf, readingPack, type Pack, type ProcessedReading, type Reading} from './pack/model.ts'
import {sanitizeSchema} from './transform/sanitize-schema.ts'
import {coverPeople} from './render/epub/cover.ts'
import {courseLines} from './render/shared/front-back.ts'
import {packAuthors, packDescription} from './render/shared/head.ts'
import {renderSite, type SiteFile} from './render/site/index.ts'
import {wordsFor} from './words.ts'
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
  /** Also write each reading as its own files under `<out>/<slug>/`. Default: `each:` in `pack.yaml`, else off. */
  each?: boolean
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
  /** An edition, or `site` for the landing page. */
  format: Format | 'site'
  path: string
  bytes: number
  milliseconds: number
  /** Pages, for a PDF. */
  pages?: number
  /** For a reading's own file (`--each`): the reading's id. */
  reading?: string
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
    const pipeline = createPipeline({root: input.root, exists: existsSync, citations})
    const processed: ProcessedReading[] = []
    for (const file of input.readings) {
      processed.push({file, tree: await pipeline.run(pipeline.parse(file), file)})
    }
    const intros: ProcessedReading[] = []
    for (const file of input.intros) {
      files.push(file)
      intros.push({file, tree: await pipeline.run(pipeline.parse(file), file)})
    }
    step('parse and transform')

    if (hasErrors(files) || (options.strict && hasWarnings(files)) || processed.length === 0) return {files, outputs: [], pack: undefined}
    const pack = buildPack(input, processed, intros)
    // Making the pack resolves links between readings, which may warn.
    if (options.strict && hasWarnings(files)) return {files, outputs: [], pack: undefined}
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
    return {files, outputs: await render(pack, wanted, each, howToCite, session, options, step), pack}
  } finally {
    await session.close()
  }
}

/**
 * Render each edition asked for (and with `each`, each reading's), then write them all and
 * the landing page: rendering fails before anything is written.
 */
async function render(
  pack: Pack,
  wanted: readonly Format[],
  each: boolean,
  howToCite: ElementContent[],
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
  const made: Made[] = []
  const readingFolder = pack.slug
  const readingName = (reading: Reading) => `${String(reading.number).padStart(2, '0')}-${reading.slug}`
  for (const format of wanted) {
    const started = performance.now()
    if (format === 'pdf') {
      const {renderPdfBook} = await import('./render/pdf/index.ts')
      const book = await renderPdfBook(pack, context)
      made.push({format, relative: `${pack.slug}.pdf`, data: book.file, pages: book.pageCount, started})
      if (each) {
        const {cutPdfs} = await import('./render/pdf/file/cut.ts')
        const ranges = pack.readings.map((reading) => {
          const range = book.readingPages.get(reading.id)!
          const one = readingPack(pack, reading)
          return {
            ...range,
            metadata: {title: one.title, authors: packAuthors(one), subject: packDescription(one), keywords: one.keywords, lang: one.lang, date: context.date}
          }
        })
        const cut = await cutPdfs(book.file, book.outline, ranges)
        for (const [index, reading] of pack.readings.entries()) {
          const range = ranges[index]!
          made.push({
            format,
            relative: `${readingFolder}/${readingName(reading)}.pdf`,
            data: cut[index]!,
            pages: range.last - range.first + 1,
            started,
            reading
          })
        }
      }
    } else {
      const renderer = await renderers[format]()
      made.push({format, relative: `${pack.slug}.${format}`, data: await renderer(pack, context), started})
      if (each) {
        for (const reading of pack.readings) {
          made.push({
            format,
            relative: `${readingFolder}/${readingName(reading)}.${format}`,
            data: await renderer(readingPack(pack, reading), context),
            started,
            reading
          })
        }
      }
    }
    step(`${format} edition, in all`)
  }

  const outputs: BuildOutput[] = []
  await mkdir(options.outDir, {recursive: true})
  for (const file of made) {
    const target = path.join(options.outDir, file.relative)
    await mkdir(path.dirname(target), {recursive: true})
    await writeAtomically(target, file.data)
    const output: BuildOutput = {
      format: file.format,
      path: target,
      bytes: typeof file.data === 'string' ? Buffer.byteLength(file.data) : file.data.byteLength,
      milliseconds: performance.now() - file.started,
      ...(file.pages ? {pages: file.pages} : {}),
      ...(file.reading ? {reading: file.reading.id} : {})
    }
    outputs.push(output)
    options.onOutput?.(output)
  }
  const site = path.join(options.outDir, 'index.html')
  const html = landingPage(pack, made, howToCite)
  await writeAtomically(site, html)
  const output: BuildOutput = {format: 'site', path: site, bytes: Buffer.byteLength(html), milliseconds: 0}
  outputs.push(output)
  options.onOutput?.(output)
  return outputs
}

/** An edition in memory, before it is written. */
interface Made {
  format: Format
  /** Path under the output folder, with `/`. */
  relative: string
  data: string | Uint8Array
  pages?: number
  started: number
  reading?: Reading
}

/** `dist/index.html`: the pack, and a link to every file made. */
function landingPage(pack: Pack, made: Made[], howToCite: ElementContent[]): string {
  const words = wordsFor(pack.lang)
  const file = (one: Made): SiteFile => ({
    format: one.format,
    href: one.relative,
    bytes: typeof one.data === 'string' ? Buffer.byteLength(one.data) : one.data.byteLength,
    ...(one.pages ? {pages: one.pages} : {})
  })
  const order: Format[] = ['html', 'pdf', 'epub']
  const byFormat = (a: Made, b: Made) => order.indexOf(a.format) - order.indexOf(b.format)
  const editions = made
    .filter((one) => !one.reading)
    .sort(byFormat)
    .map(file)
  const readings = pack.readings
    .map((reading) => ({
      title: reading.matter.title,
      files: made
        .filter((one) => one.reading === reading)
        .sort(byFormat)
        .map(file)
    }))
    .filter((reading) => reading.files.length > 0)
  const people = coverPeople(pack)
  return renderSite(
    {
      title: pack.title,
      subtitle: pack.subtitle,
      lang: pack.lang,
      people,
      course: courseLines(pack),
      courseUrl: pack.course?.url,
      description: pack.abstract,
      cover: pack.cover ? coverDataUrl(path.join(pack.root, pack.cover)) : undefined,
      howToCite
    },
    editions,
    readings,
    {
      download: words.download,
      readings: words.readings,
      howToCitePack: words.howToCitePack,
      formats: {html: words.webEdition, pdf: words.printEdition, epub: words.epubEdition},
      pages: (count) => (count === 1 ? words.onePage : words.pages.replace('{count}', String(count)))
    }
  )
}

function coverDataUrl(file: string): string {
  const types: Record<string, string> = {
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.gif': 'image/gif',
    '.svg': 'image/svg+xml',
    '.webp': 'image/webp'
  }
  return `data:${types[path.extname(file).toLowerCase()] ?? 'application/octet-stream'};base64,${readFileSync(file).toString('base64')}`
}

/** Write beside the target and rename, so a failed build never leaves half a file. */
async function writeAtomically(target: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${target}.${process.pid}.tmp`
  await writeFile(temporary, data)
  await rename(temporary, target)
}
