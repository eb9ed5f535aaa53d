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
import type {ParsedBibliography} from './csl-data.ts'

const {plugins} = core
const config = plugins.config.get('@bibtex') as {parse: {sentenceCase: string}}
// English titles in title case become sentence case (braced words kept), as Pandoc does:
// styles that want title case (Chicago) put it back; those that want sentence case (APA) get it.
config.parse.sentenceCase = 'english'
// citation-js logs to stderr by default; problems are reported through the messages instead.
// (`logger` is exported at run time, but its types declare only an interface.)
;(core as unknown as {logger: {level: string}}).logger.level = 'silent'

const readOptions = {forceType: '@biblatex/text', generateGraph: false, strict: false, maxChainLength: 10, target: '@csl/list+object'}

interface Chunk {
  kind: string
  text: string
  line: number
  key: string | undefined
}

function chunks(text: string): Chunk[] {
  const starts = [...text.matchAll(/^[ \t]*@\s*([A-Za-z]+)\s*[{(]/gm)]
  return starts.map((match, index) => {
    const end = starts[index + 1]?.index ?? text.length
    const chunk = text.slice(match.index, end)
    const key = /^[^{(]*[{(]\s*([^,\s}]+)\s*,/.exec(chunk)?.[1]
    return {kind: match[1]!.toLowerCase(), text: chunk, line: text.slice(0, match.index).split('\n').length, key}
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
      const items = plugins.input.chain(macros + chunk.text, readOptions) as CslItem[]
      if (items.length === 0) throw new Error('nothing read')
      result.items.push(...items.map(withoutInternalFields))
    } catch (error) {
      const detail = String((error as Error).message ?? error).split('\n')[0]
      result.problems.push({place: {line: chunk.line, column: 1}, reason: `Unexpected BibTeX in ${entry} (${detail}), expected \`@type{key, field = {value}, …}\``})
    }
  }
  return result
}

/** citation-js adds `citation-key` and `_graph`; CSL needs neither. */
function withoutInternalFields(item: CslItem): CslItem {
  const {_graph, ['citation-key']: citationKey, ...rest} = item as CslItem & {_graph?: unknown; 'citation-key'?: string}
  return {...rest, id: String(citationKey ?? item.id)}
}
