/**
 * "How to cite this": a reading's own metadata as a CSL record (authors, title, the blog or
 * journal it appeared in, date, source URL, date accessed), rendered as a bibliography entry
 * in the reading's style. A reading without a `source` first appears in the pack, and is
 * cited as a chapter of it.
 */
import {createHash} from 'node:crypto'
import type {ElementContent} from 'hast'
import type {Schema} from 'hast-util-sanitize'
import type {ReadingMatter} from '../matter/schema.ts'
import type {CslItem} from './citeproc.ts'
import type {CitationContext} from './context.ts'
import {createEngine} from './engine.ts'
import {citeprocToHast} from './html.ts'
import type {CitationSetup} from './setup.ts'

/** Particles that belong to the family name: "Ludwig van Beethoven" → "van Beethoven". */
const particles = new Set([
  'van',
  'von',
  'de',
  'del',
  'della',
  'der',
  'den',
  'di',
  'da',
  'du',
  'la',
  'le',
  'ter',
  'ten',
  'zu',
  'dos',
  'das',
  'bin',
  'ibn',
  'al'
])

/** A name as CSL wants it. One with a lower-case word ("The Folio editors") is an organization. */
export function cslName(name: string): Record<string, string> {
  const words = name.trim().split(/\s+/)
  if (words.length < 2 || words.some((word, index) => index > 0 && /^\p{Ll}/u.test(word) && !particles.has(word))) return {literal: name}
  let split = words.length - 1
  while (split > 1 && particles.has(words[split - 1]!)) split--
  return {given: words.slice(0, split).join(' '), family: words.slice(split).join(' ')}
}

function cslDate(date: string | undefined): {'date-parts': number[][]} | undefined {
  return date ? {'date-parts': [date.split('-').map(Number)]} : undefined
}

export function howToCiteItem(matter: ReadingMatter, pack: CitationSetup['pack']): CslItem {
  const citation = matter.citation ?? {}
  const inPack = !matter.source && !citation['container-title'] && pack !== undefined
  const fields: Record<string, unknown> = {
    id: 'this',
    type: citation.type ?? (inPack ? 'chapter' : matter.source ? 'webpage' : 'article'),
    title: matter.title,
    author: (matter.author ?? []).map((person) => cslName(person.name)),
    issued: cslDate(citation.issued ?? matter.date ?? (inPack ? pack.date : undefined)),
    'container-title': citation['container-title'] ?? (inPack ? pack.title : undefined),
    editor: inPack && pack.editors.length > 0 ? pack.editors.map(cslName) : undefined,
    publisher: citation.publisher ?? matter.publisher,
    'publisher-place': citation['publisher-place'],
    volume: citation.volume,
    issue: citation.issue,
    page: citation.page,
    DOI: citation.doi,
    URL: citation.url ?? matter.source,
    accessed: cslDate(matter.accessed)
  }
  const item = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as CslItem
  // The engine is shared across readings and keeps records by id: each reading's record gets
  // an id of its own, derived from what it says.
  return {...item, id: `this-${createHash('sha1').update(JSON.stringify(item)).digest('hex').slice(0, 12)}`}
}

/**
 * Whether a reading says enough to be cited: who wrote it, where it appeared, or the pack it
 * appears in. A lone file with only a title would be cited as "“Title.” n.d.", which helps
 * nobody.
 */
export function citable(matter: ReadingMatter, setup: CitationSetup): boolean {
  return Boolean(matter.source || matter.citation?.['container-title'] || (matter.author?.length ?? 0) > 0 || setup.pack)
}

/**
 * The reading's reference in its own style: the bibliography entry, or the note where a style
 * has no bibliography; sanitized with `schema`, as the reading's raw HTML is.
 */
export function renderHowToCite(matter: ReadingMatter, setup: CitationSetup, citations: CitationContext, schema: Schema): ElementContent[] {
  return renderItem(howToCiteItem(matter, setup.pack), setup, citations, schema)
}

/** The pack as a work to cite: an edited book (its editors, title, date, publisher). */
export function packCiteItem(pack: {
  title: string
  subtitle: string | undefined
  editors: string[]
  date: string | undefined
  publisher: string | undefined
}): CslItem {
  const fields: Record<string, unknown> = {
    id: 'this-pack',
    type: 'book',
    title: pack.subtitle ? `${pack.title}: ${pack.subtitle}` : pack.title,
    editor: pack.editors.length > 0 ? pack.editors.map(cslName) : undefined,
    issued: cslDate(pack.date),
    publisher: pack.publisher
  }
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as CslItem
}

/** An item's reference in a style: its bibliography entry, or its first note where the style has no bibliography. */
export function renderItem(item: CslItem, setup: CitationSetup, citations: CitationContext, schema: Schema): ElementContent[] {
  const engine = createEngine(
    {style: setup.style, locales: setup.locales, lang: setup.lang, items: new Map([[item.id, item]]), anchors: new Map()},
    citations.entryEngines
  )
  // The entry alone when the style has a bibliography (rendering a citation first would cost
  // as much again), else the citation as its first note.
  const html = engine.entry(item.id) ?? engine.render([{citationID: 'this', citationItems: [{id: item.id}], properties: {noteIndex: 1}}], [])[0] ?? ''
  const nodes = citeprocToHast(html, schema)
  // A bibliography entry comes wrapped in `div.csl-entry`; the line needs only its content.
  const first = nodes[0]
  return first?.type === 'element' && nodes.length === 1 ? first.children : nodes
}
