/**
 * Links and ids, decided once for every edition. After every reading is transformed, each id
 * gets its reading's prefix (unique in the pack) and becomes an XML name, and every reference
 * to an id follows it: `#fragment` links, SVG `url(#id)`, ARIA and table/label id lists,
 * `<use href>`. Links to another reading of the pack (`two.md#method`, `two.md`) become links
 * to the target's id. Editions then only place ids: the web page and the PDF's print document
 * hold them all in one document; the EPUB maps each to its XHTML file.
 */
import path from 'node:path'
import type {Element, ElementContent, Properties, Root} from 'hast'
import {visit} from '../util/visit.ts'
import type {VFile} from 'vfile'
import type {Heading, Note} from '../transform/vfile-data.ts'
import {uniqueName} from '../util/names.ts'
import {safeDecode} from '../util/paths.ts'

/** What the pass reads and rewrites of a reading (a `Reading` of the pack model is one). */
export interface LinkedReading {
  /** The reading's id in the pack (`r2`): the prefix of its ids and the target of links to it. */
  id: string
  file: VFile
  tree: Root
  notes: Note[]
  headings: Heading[]
}

/** Properties that hold a list of ids of elements in the same document. */
export const idListProperties = [
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

/** Ids the editions make for a reading's own furniture, after its prefix. */
export const furnitureIds = ['title', 'notes-title'] as const

/** An address with a scheme (`https:`, `mailto:`) or protocol-relative: not the pack's to resolve. */
const external = /^([a-z][a-z\d+.-]*:|\/\/)/i

/** Prefix the readings' ids and point every reference at them; unresolvable links are warnings. */
export function linkReadings(readings: LinkedReading[]): void {
  const renames = readings.map((reading) => renameIds(reading))
  const byPath = new Map(readings.map((reading, index) => [path.resolve(reading.file.path), index]))

  for (const [index, reading] of readings.entries()) {
    const own = renames[index]!
    const resolveLink = (href: string): string | undefined => {
      if (href.startsWith('#')) {
        const id = own(href.slice(1))
        return id === undefined ? undefined : '#' + id
      }
      const at = href.indexOf('#')
      const target = byPath.get(path.resolve(path.dirname(reading.file.path), safeDecode(at === -1 ? href : href.slice(0, at))))
      if (target === undefined) return undefined
      const id = at === -1 ? readings[target]!.id : renames[target]!(href.slice(at + 1))
      return id === undefined ? undefined : '#' + id
    }
    const rewrite = (node: Element) => {
      const href = node.properties['href']
      if (typeof href === 'string' && href !== '' && !external.test(href)) {
        const resolved = node.tagName === 'a' ? resolveLink(href) : href.startsWith('#') ? resolveLink(href) : href
        if (resolved !== undefined) node.properties['href'] = resolved
        else if (node.tagName === 'a') {
          warnMissing(node, href, reading.file)
          unlink(node)
        }
      }
      const xlink = node.properties['xLinkHref']
      if (typeof xlink === 'string' && xlink.startsWith('#')) node.properties['xLinkHref'] = resolveLink(xlink) ?? xlink
      for (const key of idListProperties) {
        const value = node.properties[key]
        if (value === undefined || value === null) continue
        const kept = tokens(value)
          .map(own)
          .filter((id) => id !== undefined)
        if (kept.length === 0) delete node.properties[key]
        else node.properties[key] = Array.isArray(value) ? kept : kept.join(' ')
      }
      for (const [key, value] of Object.entries(node.properties)) {
        if (typeof value !== 'string' || !value.includes('url(#')) continue
        node.properties[key] = value.replace(/url\(#([^)]+)\)/g, (whole, id: string) => {
          const target = own(id)
          return target === undefined ? whole : `url(#${target})`
        })
      }
    }
    for (const root of roots(reading)) visit(root, 'element', rewrite)
    for (const note of reading.notes) {
      note.id = own(note.id) ?? note.id
      note.refIds = note.refIds.map((id) => own(id) ?? id)
    }
    for (const heading of reading.headings) heading.id = own(heading.id) ?? heading.id
  }
}

/**
 * Give every id of the reading its prefix, as an XML name, unique in the reading (`-2`, `-3`
 * on clashes; the prefix makes it unique in the pack). Returns the lookup from an id as the
 * author wrote it to its new name.
 */
function renameIds(reading: LinkedReading): (fragment: string) => string | undefined {
  const prefix = reading.id + '-'
  const renamed = new Map<string, string>()
  // The editions give the reading's title and notes heading these ids (`shared/front-back.ts`):
  // a heading of the body called "Title" must not take them.
  const taken = new Set<string>(furnitureIds.map((suffix) => prefix + suffix))
  const rename = (id: string): string => {
    const name = uniqueName(xmlName(prefix + id), taken)
    taken.add(name)
    if (!renamed.has(id)) renamed.set(id, name)
    return name
  }
  visit(reading.tree, 'element', (node: Element) => {
    const id = node.properties['id']
    if (typeof id === 'string' && id !== '') node.properties['id'] = rename(id)
  })
  // Notes were taken out of the tree: their ids (the list items') and their content's.
  for (const note of reading.notes) {
    rename(note.id)
    for (const child of note.children) {
      visit(child, 'element', (node: Element) => {
        const id = node.properties['id']
        if (typeof id === 'string' && id !== '') node.properties['id'] = rename(id)
      })
    }
  }
  // GFM footnote ids keep their label percent-encoded (`[^café]` → `fn-caf%C3%A9`), and so
  // do the references to them: try the fragment as written before decoding it.
  return (fragment) => renamed.get(fragment) ?? renamed.get(safeDecode(fragment))
}

/** The reading's trees: its body and its notes' content. */
function roots(reading: LinkedReading): Array<Root | ElementContent> {
  return [reading.tree, ...reading.notes.flatMap((note) => note.children)]
}

function warnMissing(node: Element, href: string, file: VFile): void {
  file.message(`Unexpected link to \`${href}\`, expected an id in this reading, another reading of the pack, or a web address`, {
    ...(node.position ? {place: node.position} : {}),
    ruleId: 'missing-link-target',
    source: 'folio'
  })
}

/** A link to nothing keeps its text and loses its link (in every edition, for the pack's readings). */
export function unlink(node: Element): void {
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
 * other character as `-`. The EPUB's XHTML needs it; the web page and the PDF share it so that
 * an id is the same in every edition.
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
