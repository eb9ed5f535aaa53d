/**
 * What citations need, read at the edge: bibliography files (relative to the file that names
 * them, never outside the pack), the style (a bundled CSL style by name, or a `.csl` file in
 * the pack) and its locales. Each reading gets a `CitationSetup` in `file.data`; problems are
 * messages on the file that names the resource, and broken entries on the bibliography's own.
 */
import {existsSync} from 'node:fs'
import path from 'node:path'
import leven from 'leven'
import {VFile} from 'vfile'
import type {CslItem, CslNode} from '../citations/citeproc.ts'
import {bibliographyFormats, parseBibliography} from '../citations/bibliography-formats.ts'
import {resolveLocaleTag} from '../citations/locales.ts'
import type {CitationContext} from '../citations/context.ts'
import {defaultStyle} from '../citations/setup.ts'
import {bundledLocale, bundledStyle, localeTags, styleNames} from '../citations/style-store.ts'
import {contentError} from '../util/messages.ts'
import {isInside} from '../util/paths.ts'
import type {PackManifest} from '../matter/schema.ts'
import {frontMatterReferences, namedFiles, type Named} from './read-front-matter.ts'
import {readTextInPack, refusalReason, type FileKind} from './read-in-pack.ts'
import {parseXmlSafely} from './xml.ts'
import {yamlPlace} from '../matter/validate-yaml.ts'

interface Bibliography {
  file: VFile
  items: CslItem[]
  englishTitles: Map<string, Record<string, string>> | undefined
}

interface Context {
  root: string
  bibliographies: Map<string, Bibliography>
  /** The build's: the styles and locales read stay with it for its engines. */
  citations: CitationContext
}

export interface CitationInput {
  root: string
  manifest: PackManifest | undefined
  manifestFile: VFile | undefined
  readings: VFile[]
}

/** Returns the bibliography files read, which carry the messages about their entries. */
export async function loadCitations(input: CitationInput, citations: CitationContext): Promise<VFile[]> {
  const context: Context = {root: input.root, bibliographies: new Map(), citations}
  const manifest = input.manifest
  const manifestSource = String(input.manifestFile?.value ?? '')
  const packNamed = (key: string, values: string[] | undefined): Named[] =>
    input.manifestFile
      ? (values ?? []).map((value, index) => ({value, file: input.manifestFile!, place: yamlPlace(manifestSource, [key, index]), folder: input.root}))
      : []
  const packBibliographies = packNamed('bibliography', manifest?.bibliography)
  const packStyle = packNamed('csl', manifest?.csl === undefined ? undefined : [manifest.csl])[0]

  for (const file of input.readings) {
    const matter = file.data.frontMatter?.values
    // Front matter with errors stops the build; its citations are not worth reading.
    if (!matter) continue
    const bibliographies = [...packBibliographies, ...namedFiles(file, 'bibliography')]
    const styleNamed = namedFiles(file, 'csl')[0] ?? packStyle
    const style = (styleNamed ? await readStyle(styleNamed, context) : undefined) ?? namedStyle(defaultStyle, citations)!
    const lang = matter.lang ?? manifest?.lang
    const english = /^en\b/i.test(lang ?? styleLocale(style) ?? 'en')
    const records: CslItem[] = []
    for (const named of bibliographies) {
      const bibliography = await readBibliography(named, context)
      records.push(...(bibliography?.items ?? []).map((item) => (english ? {...item, ...bibliography?.englishTitles?.get(item.id)} : item)))
    }
    records.push(...frontMatterReferences(file))
    file.data.citationSetup = {
      items: bibliographies.length > 0 || matter.references !== undefined ? new Map(records.map((item) => [item.id, item])) : undefined,
      style,
      locales: preloadLocales([lang, styleLocale(style)], citations),
      lang,
      pack: manifest ? {title: manifest.title, date: manifest.date, editors: (manifest.editors ?? []).map((editor) => editor.name)} : undefined
    }
  }
  return [...context.bibliographies.values()].map((entry) => entry.file)
}

function fail(named: Named, reason: string, ruleId: string): undefined {
  contentError(named.file, reason, {place: named.place, ruleId, source: 'folio'})
  return undefined
}

/**
 * The file `named` points at, read through the pack's gate, or `undefined` (with an error at
 * the name) when it is outside the pack, missing, not a file or too large.
 */
function readInPackNamed(named: Named, context: Context, what: string, kind: FileKind): VFile | undefined {
  const absolute = path.resolve(named.folder, named.value)
  if (!isInside(context.root, absolute))
    return fail(named, `Unexpected ${what} \`${named.value}\` outside the pack, expected a path under the pack's folder`, what)
  const read = readTextInPack(context.root, absolute, kind)
  return read.ok ? read.file : fail(named, refusalReason(read.refusal, what, named.value, absolute), what)
}

async function readBibliography(named: Named, context: Context): Promise<Bibliography | undefined> {
  const extension = path.extname(named.value).toLowerCase()
  if (!(extension in bibliographyFormats)) {
    return fail(
      named,
      `Unexpected bibliography \`${named.value}\`, expected a .bib (BibLaTeX, BibTeX), .json (CSL-JSON) or .yaml (CSL-YAML) file`,
      'bibliography'
    )
  }
  const absolute = path.resolve(named.folder, named.value)
  let entry = context.bibliographies.get(absolute)
  if (!entry) {
    const file = readInPackNamed(named, context, 'bibliography', 'bibliography')
    if (!file) return undefined
    const parsed = await parseBibliography(String(file.value), extension as keyof typeof bibliographyFormats)
    for (const problem of parsed.problems) file.message(problem.reason, {place: problem.place, ruleId: 'bibliography-entry', source: 'folio'})
    entry = {file, items: parsed.items, englishTitles: parsed.englishTitles}
    context.bibliographies.set(absolute, entry)
  }
  return entry
}

/**
 * A style by path, or by name: as in Pandoc, `name.csl` beside the file that names it comes
 * first (inside the pack), then the bundled style of that name.
 */
async function readStyle(named: Named, context: Context): Promise<CslNode | string | undefined> {
  const beside = path.resolve(named.folder, `${named.value}.csl`)
  if (!/\.csl$/i.test(named.value) && !named.value.includes('/') && isInside(context.root, beside) && existsSync(beside)) {
    return readStyle({...named, value: `${named.value}.csl`}, context)
  }
  const isPath = /\.csl$/i.test(named.value) || named.value.includes('/')
  const cacheKey = isPath ? path.resolve(named.folder, named.value) : named.value
  if (context.citations.styles.has(cacheKey)) return context.citations.styles.get(cacheKey)
  let style: CslNode | string | undefined
  if (isPath) {
    style = readStyleFile(named, context)
  } else {
    style =
      namedStyle(named.value, context.citations) ??
      fail(named, `Unexpected style \`${named.value}\`, expected ${suggestStyles(named.value)} or a path to a .csl file`, 'style')
  }
  context.citations.styles.set(cacheKey, style)
  return style
}

/** A bundled style, the same tree for every reading of the build (so they share its engine). */
function namedStyle(name: string, citations: CitationContext): CslNode | undefined {
  if (!citations.styles.has(name)) citations.styles.set(name, bundledStyle(name))
  const style = citations.styles.get(name)
  return typeof style === 'string' ? undefined : style
}

/**
 * A `.csl` file of the pack: UTF-8, well-formed XML without entity declarations, with a CSL
 * `<style>` root; every problem is an error at the name, saying which file and where.
 */
function readStyleFile(named: Named, context: Context): string | undefined {
  const file = readInPackNamed(named, context, 'style', 'style')
  if (!file) return undefined
  const encoding = file.messages.find((message) => message.ruleId === 'encoding')
  if (encoding)
    return fail(named, `Unexpected bytes that are not UTF-8 in style \`${named.value}\` at ${encoding.line}:${encoding.column}, expected UTF-8`, 'style')
  const text = String(file.value)
  const parsed = parseXmlSafely(text)
  if (!parsed.ok)
    return fail(
      named,
      `Unexpected style \`${named.value}\` with ${parsed.problem}${parsed.place ? ` at ${parsed.place.line}:${parsed.place.column}` : ''}, expected a CSL style`,
      'style'
    )
  const root = parsed.tree.children.find((node) => node.type === 'element')
  if (!root || root.name !== 'style' || !/xbiblio\/csl/.test(root.attributes['xmlns'] ?? ''))
    return fail(named, `Unexpected content in style \`${named.value}\`, expected a CSL style (XML with a <style> element)`, 'style')
  return text
}

/** "`oscola`" or "one of `apa`, `apa-6th-edition`": names close to what was written. */
export function suggestStyles(name: string): string {
  const wanted = name.toLowerCase()
  const close = styleNames()
    .map((candidate) => ({candidate, distance: leven(candidate, wanted)}))
    .filter(({candidate, distance}) => distance <= Math.max(2, Math.floor(wanted.length / 4)) || (wanted.length >= 4 && candidate.startsWith(wanted)))
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, 5)
    .map(({candidate}) => `\`${candidate}\``)
  if (close.length === 0) return 'a CSL style name such as `chicago-fullnote-bibliography`, `oscola` or `apa`'
  return close.length === 1 ? `the style ${close[0]}` : `one of the styles ${close.join(', ')}`
}

function styleLocale(style: CslNode | string): string | undefined {
  return typeof style === 'string' ? /default-locale="([^"]+)"/.exec(style)?.[1] : style.attrs['default-locale']
}

/** The same tags give the same map in one build, so readings in one language share one citation engine. */
function preloadLocales(tags: Array<string | undefined>, citations: CitationContext): ReadonlyMap<string, CslNode> {
  const key = tags.join('|')
  const known = citations.locales.get(key)
  if (known) return known
  const available = localeTags()
  const locales = new Map<string, CslNode>()
  for (const tag of ['en-US', ...tags]) {
    const resolved = tag === undefined ? undefined : resolveLocaleTag(tag, available)
    const locale = resolved === undefined || locales.has(resolved) ? undefined : bundledLocale(resolved)
    if (locale) locales.set(resolved!, locale)
  }
  citations.locales.set(key, locales)
  return locales
}
