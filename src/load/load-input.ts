/**
 * The loader: from a path on the command line to the pack's manifest and its readings as
 * files in memory. The only stage besides the writers that reads the disk.
 */
import {stat} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import type {CitationContext} from '../citations/context.ts'
import {isInside} from '../util/paths.ts'
import {contentError, hasErrors} from '../util/messages.ts'
import {loadCitations} from './load-citations.ts'
import {PackImages} from './pack-images.ts'
import {readFrontMatter} from './read-front-matter.ts'
import {readInPack, readTextInPack, refusalReason, type FileKind} from './read-in-pack.ts'
import {packKeys, packManifestSchema, type PackManifest, type PdfEntry} from '../matter/schema.ts'
import {validateYaml, yamlPlace, type ValidatedYaml} from '../matter/validate-yaml.ts'
import {PdfSourceError, readPdfSource, type PdfSource} from './pdf-source.ts'

export interface LoadedInput {
  /** Absolute path of the pack's folder (for one `.md`, its folder). */
  root: string
  /** The manifest, or `undefined` for a single Markdown file. */
  manifest: PackManifest | undefined
  /** `pack.yaml` as a file, to carry its messages. */
  manifestFile: VFile | undefined
  /** The readings in order. */
  readings: VFile[]
  /** How the readings are arranged: each entry a reading (its index in `readings`) or a part. */
  layout: LayoutEntry[]
  /** Parts' introductions (`intro:`), run through the pipeline as readings are. */
  intros: VFile[]
  /** The bibliography files the readings use, which carry messages about their entries. */
  bibliographies: VFile[]
  /** The pack's images, read through the gate and checked as the pipeline meets them. */
  images: PackImages
}

export type LayoutEntry = {reading: number} | {part: string; intro: number | undefined; readings: number[]}

/**
 * What the loader leaves on a PDF reading's file. That file is `pack.yaml` itself, with no
 * text: its front matter is the entry, so every message about it lands at the entry.
 */
export interface PdfReadingData {
  /** The PDF's path relative to the pack's folder. */
  path: string
  source: PdfSource
  originalPages: string | undefined
}

declare module 'vfile' {
  interface DataMap {
    /** Set on a PDF reading's file by the loader. */
    pdf: PdfReadingData
  }
}

/** Thrown for problems with the input as a whole (nothing to build at all). */
export class InputError extends Error {}

export const manifestName = 'pack.yaml'

/** `citations` is the build's citation state, which keeps the styles and locales read. */
export async function loadInput(input: string, citations: CitationContext): Promise<LoadedInput> {
  const absolute = path.resolve(input)
  const info = await stat(absolute).catch(() => undefined)
  if (!info) throw new InputError(`Cannot find \`${input}\`, expected a pack folder or a Markdown file`)

  if (!info.isFile() && !info.isDirectory())
    throw new InputError(`Unexpected \`${input}\` that is not a regular file (a pipe, device or socket), expected a Markdown file or a pack folder`)
  if (info.isFile()) {
    if (!/\.(md|markdown)$/i.test(absolute)) throw new InputError(`Unexpected file \`${input}\`, expected a Markdown file (.md) or a pack folder`)
    const root = path.dirname(absolute)
    const reading = readTextInPack(root, absolute, 'reading')
    if (!reading.ok) throw new InputError(refusalReason(reading.refusal, 'reading', input))
    return withCitations(
      {
        root,
        manifest: undefined,
        manifestFile: undefined,
        readings: [withFrontMatter(reading.file)],
        layout: [{reading: 0}],
        intros: [],
        images: new PackImages(root)
      },
      citations
    )
  }

  const manifestPath = path.join(absolute, manifestName)
  const read = readTextInPack(absolute, manifestPath, 'manifest')
  if (!read.ok) {
    if (read.refusal.reason === 'missing')
      throw new InputError(`Cannot find \`${path.join(input, manifestName)}\`, expected a pack manifest listing the readings`)
    throw new InputError(refusalReason(read.refusal, 'pack manifest', path.join(input, manifestName)))
  }
  const manifestFile = read.file
  const images = new PackImages(absolute)
  const validated = hasErrors([manifestFile])
    ? undefined
    : validateYaml(manifestFile, String(manifestFile.value), packManifestSchema, {what: 'pack manifest', knownKeys: packKeys})
  const manifest = validated?.data
  if (!validated || !manifest) return {root: absolute, manifest: undefined, manifestFile, readings: [], layout: [], intros: [], bibliographies: [], images}

  const readings: VFile[] = []
  const intros: VFile[] = []
  const layout: LayoutEntry[] = []
  /** One reading entry, at `at` in `pack.yaml`: its index in `readings`, or undefined when it cannot be read. */
  const reading = async (entry: string | PdfEntry, at: Array<string | number>): Promise<number | undefined> => {
    const file =
      typeof entry === 'string' ? await readMarkdown(manifestFile, absolute, entry, at) : await readPdfReading(manifestFile, absolute, validated, entry, at)
    if (!file) return undefined
    readings.push(file)
    return readings.length - 1
  }
  for (const [index, entry] of manifest.readings.entries()) {
    const at = ['readings', index]
    if (typeof entry === 'string' || !('part' in entry)) {
      const added = await reading(entry, at)
      if (added !== undefined) layout.push({reading: added})
      continue
    }
    let intro: number | undefined
    if (entry.intro) {
      const introPath = fileInPack(manifestFile, absolute, entry.intro, {what: 'part introduction', path: [...at, 'intro']})
      const read = introPath ? readTextInPack(absolute, introPath, 'reading') : undefined
      if (read && !read.ok)
        refuse(manifestFile, refusalReason(read.refusal, 'part introduction', entry.intro, introPath), {what: 'part introduction', path: [...at, 'intro']})
      if (read?.ok) {
        // An introduction needs no title of its own: it is the part's.
        const front = readFrontMatter(read.file)
        if (front.values) front.values.title ??= entry.part
        intros.push(read.file)
        intro = intros.length - 1
      }
    }
    const held: number[] = []
    for (const [position, child] of entry.readings.entries()) {
      const added = await reading(child, [...at, 'readings', position])
      if (added !== undefined) held.push(added)
    }
    layout.push({part: entry.part, intro, readings: held})
  }
  if (manifest.cover) {
    const key = {what: 'cover', path: ['cover']}
    const coverPath = fileInPack(manifestFile, absolute, manifest.cover, key)
    const problem = coverPath ? images.check(coverPath, manifest.cover, 'cover' satisfies FileKind) : undefined
    if (problem) refuse(manifestFile, problem, key)
  }
  return withCitations({root: absolute, manifest, manifestFile, readings, layout, intros, images}, citations)
}

/** Read what the readings' citations need (and the parts' introductions'): bibliographies, styles, locales. */
async function withCitations(input: Omit<LoadedInput, 'bibliographies'>, citations: CitationContext): Promise<LoadedInput> {
  return {...input, bibliographies: await loadCitations({...input, readings: [...input.readings, ...input.intros]}, citations)}
}

async function readMarkdown(manifestFile: VFile, root: string, entry: string, at: Array<string | number>): Promise<VFile | undefined> {
  const key = {what: 'reading', path: at}
  const readingPath = fileInPack(manifestFile, root, entry, key)
  if (!readingPath) return undefined
  const reading = readTextInPack(root, readingPath, 'reading')
  if (reading.ok) return withFrontMatter(reading.file)
  refuse(manifestFile, refusalReason(reading.refusal, 'reading', entry, readingPath), key)
  return undefined
}

/**
 * A PDF reading: the file checked and read (pages, tags, text), its entry as front matter.
 * A file that cannot be placed is an error at the entry; a file that readers of assistive
 * technology cannot read (no tags, pages without text) is a warning there.
 */
async function readPdfReading(
  manifestFile: VFile,
  root: string,
  manifest: ValidatedYaml<PackManifest>,
  entry: PdfEntry,
  at: Array<string | number>
): Promise<VFile | undefined> {
  const place = (key: string) => manifest.placeOf([...at, key])
  const filePath = fileInPack(manifestFile, root, entry.file, {what: 'PDF reading', path: [...at, 'file']})
  if (!filePath) return undefined
  // Through the gate: the real path inside the pack, a regular file, within the size limit.
  const read = readInPack(root, filePath, 'pdf')
  if (!read.ok) {
    contentError(manifestFile, refusalReason(read.refusal, 'PDF reading', entry.file, filePath), {place: place('file'), ruleId: 'pdf-reading', source: 'folio'})
    return undefined
  }
  let source: PdfSource
  try {
    source = await readPdfSource(new Uint8Array(read.bytes), entry.pages)
  } catch (error) {
    if (!(error instanceof PdfSourceError)) throw error
    const key = /page range/.test(error.message) ? 'pages' : 'file'
    contentError(manifestFile, `${error.message} (\`${entry.file}\`)`, {place: place(key), ruleId: 'pdf-reading', source: 'folio'})
    return undefined
  }
  const problems = [
    ...(source.tagged ? [] : ['without tags']),
    ...(source.textless.length > 0 ? [`with no text on page${source.textless.length === 1 ? '' : 's'} ${ranges(source.textless)} (a scan without OCR?)`] : [])
  ]
  if (problems.length > 0) {
    manifestFile.message(
      `Unexpected PDF \`${entry.file}\` ${problems.join(' and ')}, expected a tagged PDF with a text layer: readers who use assistive technology cannot read this reading`,
      {place: place('file'), ruleId: 'pdf-accessibility', source: 'folio'}
    )
  }

  const {file: _file, pages: _pages, 'original-pages': originalPages, ...matter} = entry
  // "How to cite this" gives the pages the excerpt has in the original.
  const citation = originalPages && !matter.citation?.page ? {...matter.citation, page: originalPages} : matter.citation
  const file = new VFile({path: manifestFile.path, value: ''})
  file.data.frontMatter = {
    values: {...matter, ...(citation ? {citation} : {})},
    position: undefined,
    placeOf: (keys) => manifest.placeOf([...at, ...keys])
  }
  file.data.pdf = {path: path.relative(root, filePath), source, originalPages}
  return file
}

/** `1, 2, 3, 5` → `1–3, 5`. */
function ranges(pages: number[]): string {
  const parts: string[] = []
  for (let index = 0; index < pages.length; index++) {
    let end = index
    while (end + 1 < pages.length && pages[end + 1] === pages[end]! + 1) end++
    parts.push(end > index ? `${pages[index]}–${pages[end]}` : String(pages[index]))
    index = end
  }
  return parts.join(', ')
}

/**
 * The absolute path of a file `pack.yaml` names, or `undefined` (with an error at the value)
 * when its name leaves the pack's folder; what it resolves to is checked when it is read.
 */
function fileInPack(manifestFile: VFile, root: string, entry: string, key: {what: string; path: Array<string | number>}): string | undefined {
  const absolute = path.resolve(root, entry)
  if (isInside(root, absolute)) return absolute
  refuse(manifestFile, `Unexpected ${key.what} \`${entry}\` outside the pack, expected a path under the pack's folder`, key)
  return undefined
}

function refuse(manifestFile: VFile, reason: string, key: {what: string; path: Array<string | number>}): void {
  contentError(manifestFile, reason, {place: yamlPlace(String(manifestFile.value), key.path), ruleId: key.what, source: 'folio'})
}

/** A reading read through the gate, its front matter read and validated (`file.data.frontMatter`). */
function withFrontMatter(file: VFile): VFile {
  readFrontMatter(file)
  return file
}
