/**
 * BibTeX and BibLaTeX (as Zotero and Better BibTeX export them) to CSL-JSON, with
 * citation-js's BibLaTeX reader: LaTeX accents, braces, `@string` macros and BibLaTeX's
 * fields and types.
 *
 * citation-js gives up on a whole file at its first syntax error, so the file is cut into
 * entries at each `@` that starts a line and every entry is read on its own: one broken entry
 * costs that entry only, and the problem names it.
 */
import * as core from '@citation-js/core'
import '@citation-js/plugin-bibtex'
import type {CslItem} from './citeproc.ts'
import type {ParsedBibliography} from './records.ts'

const {plugins} = core
const config = plugins.config.get('@bibtex') as {parse: {sentenceCase: string}}
// citation-js logs to stderr by default; problems are reported through the messages instead.
core.logger.level = 'silent'

const readOptions = {forceType: '@biblatex/text', generateGraph: false, strict: false, maxChainLength: 10, target: '@csl/list+object'}

interface Chunk {
  kind: string
  text: string
  line: number
  key: string | undefined
}

function chunks(text: string): Chunk[] {
  const starts = [...text.matchAll(/^[ \t]*@\s*([A-Za-z]+)\s*[{(]/gm)]
  // Lines are counted as the entries go, not from the top for each (a long file's entries
  // would cost the square of its length).
  let line = 1
  let counted = 0
  return starts.map((match, index) => {
    const end = starts[index + 1]?.index ?? text.length
    const chunk = text.slice(match.index, end)
    for (let at = text.indexOf('\n', counted); at !== -1 && at < match.index; at = text.indexOf('\n', at + 1)) line++
    counted = match.index
    const key = /^[^{(]*[{(]\s*([^,\s}]+)\s*,/.exec(chunk)?.[1]
    return {kind: match[1]!.toLowerCase(), text: chunk, line, key}
  })
}

export function parseBibtex(text: string): ParsedBibliography {
  const result: ParsedBibliography = {items: [], problems: []}
  // `@string` macros apply to the entries after them; each entry is read with them in front.
  let macros = ''
  for (const chunk of chunks(text)) {
    if (chunk.kind === 'comment' || chunk.kind === 'preamble') continue
    if (chunk.kind === 'string') {
      macros += chunk.text + '\n'
      continue
    }
    const entry = chunk.key ? `entry \`${chunk.key}\`` : 'an entry'
    try {
      const items = read(macros + withLanguage(chunk.text), 'never')
      if (items.length === 0) throw new Error(balanced(chunk.text) ? 'no fields could be read' : 'its braces do not balance')
      result.items.push(...items)
      // English titles in title case, in sentence case (braced words kept): what output in
      // an English locale starts from, as in Pandoc. Styles that want title case put it back.
      for (const [index, item] of read(macros + withLanguage(chunk.text), 'english').entries()) {
        const changed = Object.entries(item).filter(([field, value]) => typeof value === 'string' && value !== items[index]?.[field])
        if (changed.length > 0 && items[index]) (result.englishTitles ??= new Map()).set(items[index].id, Object.fromEntries(changed) as Record<string, string>)
      }
    } catch (error) {
      const detail = String((error as Error).message ?? error).split('\n')[0]
      result.problems.push({
        place: {line: chunk.line, column: 1},
        reason: `Unexpected BibTeX in ${entry} (${detail}), expected \`@type{key, field = {value}, …}\``
      })
    }
  }
  return result
}

function balanced(text: string): boolean {
  return text.split('{').length === text.split('}').length
}

/**
 * citation-js takes `sentenceCase` from its one process-wide config, not from the call. Each
 * read sets the mode it needs and puts back what it found: the read is synchronous, so no
 * other code (another build, another user of citation-js) runs while the value is ours, and
 * no reading depends on what an earlier one left.
 */
function read(text: string, sentenceCase: 'never' | 'english'): CslItem[] {
  const before = config.parse.sentenceCase
  config.parse.sentenceCase = sentenceCase
  try {
    return (plugins.input.chain(text, readOptions) as CslItem[]).map(withoutInternalFields)
  } finally {
    config.parse.sentenceCase = before
  }
}

/**
 * citation-js decides whether a title is English (and so goes to sentence case) from the
 * `language` field only, but Zotero and Better BibTeX write BibLaTeX's `langid`.
 */
function withLanguage(entry: string): string {
  const langid = /\blangid\s*=\s*[{"]([^}"]*)[}"]/i.exec(entry)?.[1]
  if (!langid || /\blanguage\s*=/i.test(entry)) return entry
  return entry.replace(/^([^,]*,)/, `$1\n  language = {${langid}},`)
}

/** citation-js adds `citation-key` and `_graph`; CSL needs neither. */
function withoutInternalFields(item: CslItem): CslItem {
  const {_graph, ['citation-key']: citationKey, ...rest} = item as CslItem & {_graph?: unknown; 'citation-key'?: string}
  return {...rest, id: String(citationKey ?? item.id)}
}
