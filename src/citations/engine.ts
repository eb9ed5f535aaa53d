/**
 * Driving citeproc-js for one reading: every citation cluster in reading order with the
 * number of the note it sits in (for ibid, short forms and OSCOLA's "(n 3)"), then the
 * bibliography of the works cited. Pure: the style, locales and records are given.
 */
import {CSL, type Citation, type CitationItem, type CslItem, type CslNode, type Engine} from './citeproc.ts'
import {resolveLocaleTag} from './locales.ts'

export interface EngineSetup {
  /** The style: a bundled element tree or the XML of a `.csl` file. */
  style: CslNode | string
  /** Locales by tag, preloaded by the loader (`en-US` is always among them). */
  locales: ReadonlyMap<string, CslNode>
  /** Locale that wins over the style's `default-locale` (the reading's `lang`), as in Pandoc. */
  lang: string | undefined
  /** The records, by citation key. */
  items: ReadonlyMap<string, CslItem>
  /** The id of each record's bibliography entry, which citations link to. */
  anchors: ReadonlyMap<string, string>
}

export interface CitationEngine {
  /** `note` for note styles (Chicago notes, OSCOLA), `in-text` for the others. */
  kind: 'note' | 'in-text'
  /** Render every cluster, in order; returns one HTML string per cluster. */
  render(citations: Citation[], uncited: string[]): string[]
  /** Only the author part of an in-text citation (`@key`), as it would read at `index`. */
  authorOnly(citations: Citation[], index: number, items: CitationItem[]): string
  /** The bibliography entries (HTML) with the key each one is for. */
  bibliography(): Array<{key: string; html: string}>
  /**
   * The bibliography entry of one record on its own (HTML), without citing it first, or
   * `undefined` when the style has no bibliography.
   */
  entry(id: string): string | undefined
}

/**
 * Building a citeproc-js engine compiles its style, which costs more than citing a whole
 * reading; so a build keeps one engine per style and language (in its citation context), and
 * each use swaps in its records. Every use starts with `rebuildProcessorState`, which resets
 * what the engine remembers (first and subsequent cites, ibid, disambiguation) from any
 * earlier reading.
 */
export type EngineCache = Map<CslNode | string, Map<string, {engine: Engine; locales: EngineSetup['locales']; current: {setup: EngineSetup}}>>

function engineFor(setup: EngineSetup, engines: EngineCache): Engine {
  let byLang = engines.get(setup.style)
  if (!byLang) engines.set(setup.style, (byLang = new Map()))
  const cached = byLang.get(setup.lang ?? '')
  if (cached && cached.locales === setup.locales) {
    cached.current.setup = setup
    return cached.engine
  }
  const current = {setup}
  const engine = new CSL.Engine(
    {
      retrieveLocale: (tag) => current.setup.locales.get(tag) ?? current.setup.locales.get(resolveLocaleTag(tag, [...current.setup.locales.keys()]) ?? ''),
      // `system_id` is what makes citeproc-js call `wrapCitationEntry` for each cite.
      retrieveItem: (id) => {
        const item = current.setup.items.get(id)
        return item && {...withShortTitle(item), system_id: id}
      },
      wrapCitationEntry: (html, id) => {
        const anchor = current.setup.anchors.get(id)
        return anchor ? `<a href="#${anchor}">${html}</a>` : html
      }
    },
    setup.style,
    setup.lang,
    setup.lang !== undefined
  )
  engine.opt.development_extensions['apply_citation_wrapper'] = true
  engine.setOutputFormat('html')
  byLang.set(setup.lang ?? '', {engine, locales: setup.locales, current})
  return engine
}

/** An engine for `setup`, compiled once per style and language in `engines` (the build's). */
export function createEngine(setup: EngineSetup, engines: EngineCache): CitationEngine {
  const engine = engineFor(setup, engines)
  const kind = engine.opt.xclass === 'note' ? 'note' : 'in-text'

  return {
    kind,
    render(citations, uncited) {
      return engine.rebuildProcessorState(citations, 'html', uncited).map(([, , html]) => withLayoutAffixes(engine, html))
    },
    authorOnly(citations, index, items) {
      const citation = citations[index]!
      const probe: Citation = {
        ...citation,
        citationID: `${citation.citationID}-author`,
        citationItems: items.map((item) => ({id: item.id, 'author-only': true}))
      }
      const pair = (other: Citation): [string, number] => [other.citationID, other.properties.noteIndex]
      const html = engine.previewCitationCluster(probe, citations.slice(0, index).map(pair), citations.slice(index + 1).map(pair), 'html')
      // Numeric styles print no author in citations; citeproc-js says so in the output.
      return html.includes('[NO_PRINTED_FORM]') ? '' : html
    },
    bibliography() {
      const result = engine.makeBibliography()
      if (!result) return []
      const [params, entries] = result
      return entries.map((html, index) => ({key: params.entry_ids[index]?.[0] ?? '', html: html.trim()}))
    },
    entry(id) {
      engine.updateItems([id])
      const result = engine.makeBibliography()
      return result ? result[1][0]?.trim() : undefined
    }
  }
}

/**
 * A short title, where the record has none, is the title before its subtitle ("Title:
 * Subtitle" → "Title"), as Pandoc derives it; short notes would print the whole title.
 */
function withShortTitle(item: CslItem): CslItem {
  const title = item['title']
  if (item['title-short'] !== undefined || typeof title !== 'string' || !/\S:\s/.test(title)) return item
  return {...item, 'title-short': title.slice(0, title.search(/:\s/))}
}

/**
 * citeproc-js leaves out the layout's prefix and suffix (the parentheses of author-date
 * styles, the closing period of a note) when it wraps cites in links; put them back, without
 * doubling a period the citation already ends with.
 */
function withLayoutAffixes(engine: Engine, html: string): string {
  const {layout_prefix: prefix, layout_suffix: suffix} = engine.citation.opt
  const lastCharacter =
    html
      .replace(/<[^>]*>/g, '')
      .trimEnd()
      .at(-1) ?? ''
  const end = suffix.startsWith('.') && lastCharacter !== '' && '.!?'.includes(lastCharacter) ? suffix.slice(1) : suffix
  return prefix + html + end
}
