/**
 * Links across the book's documents. On the web page every id sits in one document; in the
 * EPUB a byline points into the appendix's file, a note reference into its reading's, a
 * link to another reading (`two.md#method`) into that reading's. EPUBCheck rejects a link
 * whose target does not exist, so every link either resolves or stops being a link.
 *
 * Ids also become XML names (ASCII letters, digits, `-`, `_`, `.`, starting with a letter):
 * the XHTML schema EPUB readers and EPUBCheck apply is stricter than HTML about them.
 */
import path from 'node:path'
import type {Element, Properties} from 'hast'
import {visit} from 'unist-util-visit'
import type {Reading} from '../../pack/model.ts'
import {uniqueName} from '../../util/names.ts'
import {safeDecode} from '../../util/paths.ts'
import type {BookDocument} from './documents.ts'

/** Where a target (an id in the book, or a document's file name) is, as an href from any document. */
export type Resolve = (target: string) => string | undefined

/** Properties that hold ids of elements in the same document. */
const idReferences: string[] = [
  'ariaLabelledBy',
  'ariaDescribedBy',
  'ariaControls',
  'ariaOwns',
  'ariaFlowTo',
  'ariaActiveDescendant',
  'ariaDetails',
  'ariaErrorMessage',
  'headers',
  'htmlFor'
]

/** SVG properties that may hold `url(#id)`. */
const paintReferences: string[] = ['fill', 'stroke']

export function linkDocuments(documents: BookDocument[]): Resolve {
  const renamed = new Map<string, string>()
  const home = new Map<string, string>()
  const files = new Set(documents.map((document) => document.filename))

  for (const document of documents) {
    for (const node of elements(document)) {
      const id = node.properties['id']
      if (typeof id !== 'string' || id === '') continue
      const name = uniqueName(xmlName(id), home)
      if (!renamed.has(id)) renamed.set(id, name)
      home.set(name, document.filename)
      node.properties['id'] = name
    }
  }

  const lookup = (fragment: string, reading: Reading | undefined): string | undefined => {
    const candidates = [fragment, safeDecode(fragment)]
    const prefix = reading?.file.data.idPrefix
    if (prefix) candidates.push(prefix + fragment, prefix + safeDecode(fragment))
    for (const candidate of candidates) {
      const name = renamed.get(candidate)
      if (name) return name
    }
    return undefined
  }

  const readingDocuments = new Map<string, {file: string; reading: Reading}>()
  for (const document of documents) {
    const reading = document.reading
    if (reading && !readingDocuments.has(path.resolve(reading.file.path)))
      readingDocuments.set(path.resolve(reading.file.path), {file: document.filename, reading})
  }

  for (const document of documents) {
    const here = document.filename
    for (const node of elements(document)) {
      const href = node.properties['href']
      if (typeof href === 'string' && node.tagName === 'a') {
        const target = resolveHref(href, document, lookup, readingDocuments)
        if (target === undefined) unlink(node)
        else node.properties['href'] = target.external ?? hrefFrom(here, target.file, target.id, home)
      }
      for (const key of idReferences) {
        const value = node.properties[key]
        if (value === undefined || value === null) continue
        const kept = tokens(value)
          .map((token) => lookup(token, document.reading))
          .filter((name): name is string => name !== undefined && home.get(name) === here)
        if (kept.length > 0) node.properties[key] = kept
        else delete node.properties[key]
      }
      for (const key of paintReferences) {
        const value = node.properties[key]
        if (typeof value !== 'string') continue
        node.properties[key] = value.replace(/url\(#([^)]+)\)/g, (_whole, id: string) => {
          const name = lookup(id, document.reading)
          return name && home.get(name) === here ? `url(#${name})` : 'none'
        })
      }
    }
  }

  return (target) => {
    if (files.has(target)) return target
    const name = renamed.get(target)
    const file = name ? home.get(name) : undefined
    return name && file ? `${file}#${name}` : undefined
  }
}

type Target = {external: string; file?: undefined; id?: undefined} | {external?: undefined; file: string | undefined; id: string | undefined}

type Lookup = (fragment: string, reading: Reading | undefined) => string | undefined

function resolveHref(href: string, document: BookDocument, lookup: Lookup, readings: Map<string, {file: string; reading: Reading}>): Target | undefined {
  if (href.startsWith('#')) {
    const id = lookup(href.slice(1), document.reading)
    return id ? {file: undefined, id} : undefined
  }
  // Protocol-relative URLs would resolve inside the package.
  if (href.startsWith('//')) return {external: 'https:' + href}
  if (/^[a-z][a-z\d+.-]*:/i.test(href)) return {external: href}
  // A relative link: to another reading of the pack (its document), or to nothing the book has.
  if (!document.reading) return undefined
  const at = href.indexOf('#')
  const pathPart = at === -1 ? href : href.slice(0, at)
  const fragment = at === -1 ? '' : href.slice(at + 1)
  const target = readings.get(path.resolve(path.dirname(document.reading.file.path), safeDecode(pathPart)))
  if (!target) return undefined
  return {file: target.file, id: fragment ? lookup(fragment, target.reading) : undefined}
}

/** The href of an id (or of a file's start) as seen from the document `here`. */
function hrefFrom(here: string, file: string | undefined, id: string | undefined, home: Map<string, string>): string {
  const targetFile = (id ? home.get(id) : undefined) ?? file ?? here
  if (!id) return targetFile
  return targetFile === here ? `#${id}` : `${targetFile}#${id}`
}

/** A link to nothing in the book keeps its text and loses its link. */
function unlink(node: Element): void {
  node.tagName = 'span'
  const kept: Properties = {}
  for (const key of ['id', 'className', 'lang', 'dir', 'title']) {
    if (node.properties[key] !== undefined) kept[key] = node.properties[key]
  }
  node.properties = kept
}

/**
 * An XML name made of ASCII from any id: accents dropped, other letters and digits written
 * as their code point (`ε` → `x3b5`, so Greek or Cyrillic headings keep distinct ids), any
 * other character as `-`.
 */
export function xmlName(id: string): string {
  const ascii = id
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]/gu, (character) => (/[\p{L}\p{N}]/u.test(character) ? `x${character.codePointAt(0)!.toString(16)}` : '-'))
  return /^[A-Za-z_]/.test(ascii) ? ascii : `id-${ascii}`
}

function tokens(value: Properties[string]): string[] {
  if (Array.isArray(value)) return value.map(String)
  return String(value).split(/\s+/).filter(Boolean)
}

function elements(document: BookDocument): Element[] {
  const found: Element[] = []
  for (const child of document.body) {
    visit(child, 'element', (node: Element) => {
      found.push(node)
    })
  }
  return found
}
