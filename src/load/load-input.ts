/**
 * The loader: from a path on the command line to the pack's manifest and its readings as
 * files in memory. The only stage besides the writers that reads the disk.
 */
import {existsSync} from 'node:fs'
import {readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import type {CitationContext} from '../citations/context.ts'
import {isInside} from '../util/paths.ts'
import {contentError} from '../util/messages.ts'
import {loadCitations} from './load-citations.ts'
import {readFrontMatter} from './read-front-matter.ts'
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
    return withCitations({root: path.dirname(absolute), manifest: undefined, manifestFile: undefined, readings: [await readReading(absolute)]}, citations)
  }

  const manifestPath = path.join(absolute, manifestName)
  if (!existsSync(manifestPath)) {
    throw new InputError(`Cannot find \`${path.join(input, manifestName)}\`, expected a pack manifest listing the readings`)
  }
  const manifestFile = await readVFile(manifestPath)
  const manifest = validateYaml(manifestFile, String(manifestFile.value), packManifestSchema, {what: 'pack manifest', knownKeys: packKeys})?.data
  if (!manifest) return {root: absolute, manifest: undefined, manifestFile, readings: [], bibliographies: []}

  const readings: VFile[] = []
  for (const [index, entry] of manifest.readings.entries()) {
    const readingPath = fileInPack(manifestFile, absolute, entry, {what: 'reading', path: ['readings', index]})
    if (!readingPath) continue
    readings.push(await readReading(readingPath))
  }
  if (manifest.cover) fileInPack(manifestFile, absolute, manifest.cover, {what: 'cover', path: ['cover']})
  return withCitations({root: absolute, manifest, manifestFile, readings}, citations)
}

/** Read what the readings' citations need: bibliographies, styles, locales. */
async function withCitations(input: Omit<LoadedInput, 'bibliographies'>, citations: CitationContext): Promise<LoadedInput> {
  return {...input, bibliographies: await loadCitations(input, citations)}
}

/**
 * The absolute path of a file `pack.yaml` names, or `undefined` (with an error at the value)
 * when it leaves the pack's folder or does not exist.
 */
function fileInPack(manifestFile: VFile, root: string, entry: string, key: {what: string; path: Array<string | number>}): string | undefined {
  const absolute = path.resolve(root, entry)
  const problem = !isInside(root, absolute)
    ? `Unexpected ${key.what} \`${entry}\` outside the pack, expected a path under the pack's folder`
    : existsSync(absolute)
      ? undefined
      : `Cannot find ${key.what} \`${entry}\`, expected a file at ${absolute}`
  if (!problem) return absolute
  contentError(manifestFile, problem, {place: yamlPlace(String(manifestFile.value), key.path), ruleId: key.what, source: 'folio'})
  return undefined
}

async function readVFile(filePath: string): Promise<VFile> {
  return new VFile({path: filePath, value: await readFile(filePath, 'utf8')})
}

/** A reading, its front matter read and validated (`file.data.frontMatter`). */
async function readReading(filePath: string): Promise<VFile> {
  const file = await readVFile(filePath)
  readFrontMatter(file)
  return file
}
