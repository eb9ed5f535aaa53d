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
import {readTextInPack, refusalReason, type FileKind} from './read-in-pack.ts'
import {packKeys, packManifestSchema, type PackManifest} from '../matter/schema.ts'
import {validateYaml, yamlPlace} from '../matter/validate-yaml.ts'

export interface LoadedInput {
  /** Absolute path of the pack's folder (for one `.md`, its folder). */
  root: string
  /** The manifest, or `undefined` for a single Markdown file. */
  manifest: PackManifest | undefined
  /** `pack.yaml` as a file, to carry its messages. */
  manifestFile: VFile | undefined
  /** The readings in order. */
  readings: VFile[]
  /** The bibliography files the readings use, which carry messages about their entries. */
  bibliographies: VFile[]
  /** The pack's images, read through the gate and checked as the pipeline meets them. */
  images: PackImages
}

/** Thrown for problems with the input as a whole (nothing to build at all). */
export class InputError extends Error {}

export const manifestName = 'pack.yaml'

/** `citations` is the build's citation state, which keeps the styles and locales read. */
export async function loadInput(input: string, citations: CitationContext): Promise<LoadedInput> {
  const absolute = path.resolve(input)
  const info = await stat(absolute).catch(() => undefined)
  if (!info) throw new InputError(`Cannot find \`${input}\`, expected a pack folder or a Markdown file`)

  if (info.isFile()) {
    if (!/\.(md|markdown)$/i.test(absolute)) throw new InputError(`Unexpected file \`${input}\`, expected a Markdown file (.md) or a pack folder`)
    const root = path.dirname(absolute)
    const reading = readTextInPack(root, absolute, 'reading')
    if (!reading.ok) throw new InputError(refusalReason(reading.refusal, 'reading', input))
    return withCitations(
      {root, manifest: undefined, manifestFile: undefined, readings: [withFrontMatter(reading.file)], images: new PackImages(root)},
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
  const manifest = hasErrors([manifestFile])
    ? undefined
    : validateYaml(manifestFile, String(manifestFile.value), packManifestSchema, {what: 'pack manifest', knownKeys: packKeys})?.data
  if (!manifest) return {root: absolute, manifest: undefined, manifestFile, readings: [], bibliographies: [], images}

  const readings: VFile[] = []
  for (const [index, entry] of manifest.readings.entries()) {
    const key = {what: 'reading', path: ['readings', index]}
    const readingPath = fileInPack(manifestFile, absolute, entry, key)
    if (!readingPath) continue
    const reading = readTextInPack(absolute, readingPath, 'reading')
    if (reading.ok) readings.push(withFrontMatter(reading.file))
    else refuse(manifestFile, refusalReason(reading.refusal, 'reading', entry, readingPath), key)
  }
  if (manifest.cover) {
    const key = {what: 'cover', path: ['cover']}
    const coverPath = fileInPack(manifestFile, absolute, manifest.cover, key)
    const problem = coverPath ? images.check(coverPath, manifest.cover, 'cover' satisfies FileKind) : undefined
    if (problem) refuse(manifestFile, problem, key)
  }
  return withCitations({root: absolute, manifest, manifestFile, readings, images}, citations)
}

/** Read what the readings' citations need: bibliographies, styles, locales. */
async function withCitations(input: Omit<LoadedInput, 'bibliographies'>, citations: CitationContext): Promise<LoadedInput> {
  return {...input, bibliographies: await loadCitations(input, citations)}
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
