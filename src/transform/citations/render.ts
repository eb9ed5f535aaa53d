/**
 * A reading's citations through citeproc-js, and what each becomes, as Pandoc renders them:
 *
 * - note styles: a citation in the text becomes a note of its own (its first letter
 *   capitalized); `@key` leaves the author's name in the sentence and the rest in the note;
 *   inside an author's note a citation stays inline, in parentheses when it was bracketed;
 * - author-date styles: the citation stays inline; `@key` reads "Author (2010, p. 3)".
 *
 * A key missing from the bibliography is a warning and shows as `key?`, visibly marked.
 */
import type {ElementContent, Text as HastText} from 'hast'
import {h} from 'hastscript'
import leven from 'leven'
import type {PhrasingContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import type {Citation, CitationItem, CslItem} from '../../citations/citeproc.ts'
import type {CitationEngine} from '../../citations/engine.ts'
import {citeprocToHast} from '../../citations/html.ts'
import {sanitizeSchema} from '../sanitize-schema.ts'
import type {PlacedCite} from './order.ts'
import type {CiteItem} from './cite.ts'

export interface RenderedCite extends PlacedCite {
  /** What stands in the sentence (for an in-text cite of a note style, the author's name). */
  inline: ElementContent[]
  /** The note a citation in the text of a note style makes, else `undefined`. */
  note: ElementContent[] | undefined
}

export function renderCites(placed: PlacedCite[], engine: CitationEngine, items: ReadonlyMap<string, CslItem>, uncited: string[], file: VFile): RenderedCite[] {
  const noteStyle = engine.kind === 'note'
  const citations: Citation[] = []
  const indexOf = new Map<PlacedCite, number>()
  for (const [position, entry] of placed.entries()) {
    const known = entry.cite.items.filter((item) => items.has(item.key))
    if (known.length === 0) continue
    const authorInText = entry.cite.inText && !(noteStyle && entry.where === 'note')
    indexOf.set(entry, citations.length)
    citations.push({
      citationID: `c${position + 1}`,
      citationItems: known.map((item, index) => citationItem(item, item.suppressAuthor || (authorInText && index === 0))),
      properties: {noteIndex: entry.noteIndex, ...(keepsOrder(known) ? {unsorted: true} : {})}
    })
  }
  const html = engine.render(citations, uncited)

  return placed.map((entry): RenderedCite => {
    const {cite, where} = entry
    const missing = cite.items.filter((item) => !items.has(item.key)).map((item) => missingKey(item, items, file))
    const index = indexOf.get(entry)
    const rendered = index === undefined ? missing : [...citeprocToHast(html[index]!, sanitizeSchema), ...(missing.length > 0 ? [text(' '), ...missing] : [])]
    const first = cite.items[0]!
    const authorInText = cite.inText && !(noteStyle && where === 'note')
    const author =
      index !== undefined && authorInText && items.has(first.key)
        ? citeprocToHast(engine.authorOnly(citations, index, [citationItem(first, false)]), sanitizeSchema)
        : []

    if (noteStyle && where === 'text') {
      // A cite of unknown works is still a note, so the numbering is the one the author will
      // get once the keys are right; it shows the keys, marked, and any locator.
      if (index === undefined) return {...entry, inline: [], note: [...missing, ...missingLocators(cite.items), text('.')]}
      return {...entry, inline: author, note: capitalizeFirst(rendered)}
    }
    if (noteStyle) return {...entry, inline: cite.inText ? rendered : [text('('), ...withoutFinalPeriod(rendered), text(')')], note: undefined}
    return {...entry, inline: author.length > 0 ? [...author, text(' '), ...rendered] : rendered, note: undefined}
  })
}

/**
 * Styles sort the cites of a cluster, but not when words join them: a prefix on a later cite
 * ("see A; also B") or a suffix on an earlier one. Pandoc decides the same way.
 */
function keepsOrder(items: CiteItem[]): boolean {
  return items.some((item, index) => (index > 0 && item.prefix.length > 0) || (index < items.length - 1 && item.suffix.length > 0))
}

function citationItem(item: CiteItem, suppressAuthor: boolean): CitationItem {
  return {
    id: item.key,
    ...(item.prefix.length > 0 ? {prefix: microHtml(item.prefix)} : {}),
    ...(item.suffix.length > 0 ? {suffix: microHtml(item.suffix)} : {}),
    ...(item.locator ? {locator: item.locator.locator, label: item.locator.label} : {}),
    ...(suppressAuthor ? {'suppress-author': true} : {})
  }
}

/** Prefixes and suffixes as citeproc-js's "micro HTML": plain text with `<i>` and `<b>`. */
function microHtml(nodes: PhrasingContent[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'emphasis') return `<i>${microHtml(node.children)}</i>`
      if (node.type === 'strong') return `<b>${microHtml(node.children)}</b>`
      return toString(node)
    })
    .join('')
}

function missingKey(item: CiteItem, items: ReadonlyMap<string, CslItem>, file: VFile): ElementContent {
  const close = [...items.keys()].filter((key) => leven(key, item.key) <= Math.max(2, Math.floor(item.key.length / 4)))
  const hint = close.length > 0 ? ` (did you mean ${close.map((key) => `\`${key}\``).join(' or ')}?)` : ''
  file.message(`Unexpected citation key \`${item.key}\`, expected a key in the bibliography${hint}`, {
    place: item.place,
    ruleId: 'citation-key',
    source: 'folio'
  })
  return h('span', {className: ['citation-missing']}, `${item.key}?`)
}

/** ", p. 30" for the first cite's locator, as written, where there is one. */
function missingLocators(items: CiteItem[]): ElementContent[] {
  const locator = items.find((item) => item.locator)?.locator
  return locator ? [text(`, ${locator.label === 'page' ? '' : `${locator.label} `}${locator.locator}`)] : []
}

function text(value: string): HastText {
  return {type: 'text', value}
}

/** The first or last text node in document order, depth first. */
function edgeText(nodes: ElementContent[], last: boolean): HastText | undefined {
  for (const node of last ? [...nodes].reverse() : nodes) {
    const found = node.type === 'text' ? node : node.type === 'element' ? edgeText(node.children, last) : undefined
    if (found && found.value.trim() !== '') return found
  }
  return undefined
}

/** A note starts with a capital (`ibid` → `Ibid`, `see` → `See`), but not `(n 3)`. */
function capitalizeFirst(nodes: ElementContent[]): ElementContent[] {
  const copy = structuredClone(nodes)
  const first = edgeText(copy, false)
  if (first) first.value = first.value.replace(/^(\s*)(\p{Ll})/u, (_, space: string, letter: string) => space + letter.toLocaleUpperCase())
  return copy
}

/** A note-style citation inside a sentence loses the period that would end its note. */
export function withoutFinalPeriod(nodes: ElementContent[]): ElementContent[] {
  const copy = structuredClone(nodes)
  const last = edgeText(copy, true)
  if (last) last.value = last.value.replace(/\.(\s*)$/, '$1')
  return copy
}
