/**
 * remarkCitations: Pandoc citations, rendered in the reading's CSL style.
 *
 * Reads the records, style and locales the loader left in `file.data.citationSetup`; turns
 * citation syntax into citations (or, in note styles, into notes numbered with the author's
 * own); leaves the bibliography in `file.data.bibliography` for `rehypeBibliography` and the
 * reading's own reference in `file.data.howToCite`. Citation syntax in a reading that names
 * no bibliography is left as it is written.
 */
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import type {CitationContext} from '../citations/context.ts'
import {createEngine} from '../citations/engine.ts'
import {citable, renderHowToCite} from '../citations/how-to-cite.ts'
import {locatorLabels} from '../citations/locators.ts'
import type {CitationSetup} from '../citations/setup.ts'
import {wordsFor} from '../words.ts'
import type {ReadingMatter} from '../matter/schema.ts'
import {bibliographySection, entryAnchors} from './citations/bibliography.ts'
import {orderCitations} from './citations/order.ts'
import {placeCites} from './citations/place.ts'
import {renderCites} from './citations/render.ts'
import {findCitations} from './citations/syntax.ts'
import {limits} from '../util/limits.ts'
import {contentError} from '../util/messages.ts'
import {sanitizeSchema} from './sanitize-schema.ts'

export interface RemarkCitationsOptions {
  /** The build's styles, locales and engines (`createCitationContext`). */
  citations: CitationContext
}

export function remarkCitations(options: RemarkCitationsOptions) {
  const {citations} = options
  return function (tree: Root, file: VFile) {
    const {citationSetup: setup, matter} = file.data
    if (!setup || !matter) return
    try {
      if (citable(matter, setup)) file.data.howToCite = renderHowToCite(matter, setup, citations, sanitizeSchema)
      if (setup.items) cite(tree, file, matter, setup, setup.items, citations)
    } catch (error) {
      // citeproc-js throws on styles it cannot read and on records it cannot format.
      contentError(file, `Cannot format citations (${(error as Error).message}), expected a valid CSL style and records`, {
        place: {line: 1, column: 1},
        ruleId: 'citeproc',
        source: 'folio'
      })
    }
  }
}

function cite(
  tree: Root,
  file: VFile,
  matter: ReadingMatter,
  setup: CitationSetup,
  items: NonNullable<CitationSetup['items']>,
  citations: CitationContext
): void {
  const cites = findCitations(tree, file, locatorLabels(setup.locales.values()))
  // citeproc's work grows faster than the number of citations (positions, ibid, disambiguation).
  if (cites.length > limits.citations) {
    contentError(file, `Unexpected citation beyond the ${limits.citations} a reading may have, expected fewer citations`, {
      place: cites[limits.citations]!.items[0]?.place ?? {line: 1, column: 1},
      ruleId: 'citations-limit',
      source: 'folio'
    })
    return
  }
  const uncited = nocite(matter.nocite ?? [], items, file)
  if (cites.length === 0 && uncited.length === 0) return
  const anchors = entryAnchors(items.keys())
  const engine = createEngine({style: setup.style, locales: setup.locales, lang: setup.lang, items, anchors}, citations.engines)
  placeCites(tree, renderCites(orderCitations(tree, engine.kind === 'note'), engine, items, uncited, file))
  if (matter['suppress-bibliography']) return
  const section = bibliographySection(engine.bibliography(), anchors, matter['reference-section-title'] ?? wordsFor(setup.lang).references)
  if (section) file.data.bibliography = section
}

/** Keys of `nocite` (`@a, @b`, or `@*` for every record); unknown ones are warnings at the value that names them. */
function nocite(entries: string[], items: NonNullable<CitationSetup['items']>, file: VFile): string[] {
  const written = entries.map((entry, index) => ({
    index,
    keys: [...entry.matchAll(/@(\*|\{[^}]+\}|[^\s,;]+)/g)].map((match) => match[1]!.replace(/^\{|\}$/g, ''))
  }))
  const keys = written.flatMap((entry) => entry.keys)
  if (keys.includes('*')) return [...items.keys()]
  for (const entry of written) {
    for (const key of entry.keys.filter((key) => !items.has(key))) {
      file.message(`Unexpected key \`${key}\` in \`nocite\`, expected a key in the bibliography`, {
        place: file.data.frontMatter?.placeOf(['nocite', entry.index]),
        ruleId: 'citation-key',
        source: 'folio'
      })
    }
  }
  return keys.filter((key) => items.has(key))
}
