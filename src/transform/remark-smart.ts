/**
 * remarkSmart: typography as Pandoc's `smart` extension makes it: straight quotes become the
 * reading's language's curly quotes, `--` an en dash, `---` an em dash, `...` an ellipsis.
 * Code and math are left as written (only text is touched).
 *
 * `retext-smartypants` decides, on natural-language trees, what `remark-smartypants` does,
 * in the same two passes: quotes over the whole reading's text at once (so a quote opened
 * before a link and closed after it pairs up, code and math standing in as letters), then
 * dashes, ellipses and backticks in each text. That plugin parses every text node of the
 * second pass into a tree, a third of a large pack's transform time; here a text that holds
 * nothing the second pass could change (no `--`, dots, `` `` `` or `''`) is not parsed: the
 * same result at a fraction of the cost.
 */
import type {Root} from 'mdast'
import {retext} from 'retext'
import retextSmartypants, {type Options} from 'retext-smartypants'
import type {Node} from 'unist'
import {visit} from '../util/visit.ts'
import type {VFile} from 'vfile'
import {quotesFor, type Quotes} from '../words.ts'

interface Passes {
  quotes: (text: string) => string
  rest: (text: string) => string
  /** The language's quotes, which the first pass's marks stand for. */
  marks: Quotes
}

/**
 * What the first pass writes for each quote: one character each (the Unicode private use
 * area), so that every text keeps its length even where the language's quotes are two
 * (French `«\u202f`). A text that holds one of these itself gets the quotes directly.
 */
const marks: Quotes = {opening: {double: '\uE000', single: '\uE001'}, closing: {double: '\uE002', single: '\uE003'}}
const markPattern = /[\uE000-\uE003]/g
const hasMark = /[\uE000-\uE003]/
/** A letter or digit after a closing single quote: it was an apostrophe (`l'école`, `geht's`, `'80s`). */
const wordCharacter = /[\p{L}\p{N}]/u

/** Built once per language: building a pass compiles retext's processors. */
const byLanguage = new Map<string, Passes>()

function passesFor(lang: string): Passes {
  let passes = byLanguage.get(lang)
  if (!passes) {
    const language = quotesFor(lang)
    // `oldschool`: `--` is an en dash and `---` an em dash, as in TeX and Pandoc.
    const options: Options = {dashes: 'oldschool', openingQuotes: language.opening, closingQuotes: language.closing}
    // The first pass keeps every text's length, so each text's slice of the result is found
    // by position.
    const quotes = retext()
      .use(retextSmartypants, {...options, openingQuotes: marks.opening, closingQuotes: marks.closing, ellipses: false, dashes: false, backticks: false})
      .freeze()
    const rest = retext()
      .use(retextSmartypants, {...options, quotes: false})
      .freeze()
    passes = {quotes: (text) => String(quotes.processSync(text)), rest: (text) => String(rest.processSync(text)), marks: language}
    byLanguage.set(lang, passes)
  }
  return passes
}

/** Text the second pass could change: two dashes, two dots (maybe spaced), doubled backticks or apostrophes. */
const secondPassWork = /--|\.\s*\.|``|''/

/** Blocks whose text starts afresh: a quote at their start opens. */
const blocks = new Set(['paragraph', 'heading', 'tableCell'])
/** Literals whose text stands in the first pass: code and math as letters. */
const literals = new Set(['text', 'inlineCode'])

export function remarkSmart() {
  return function (tree: Root, file: VFile) {
    const lang = (file.data.matter?.lang ?? file.data.citationSetup?.lang ?? 'en').toLowerCase()
    const passes = passesFor(lang)
    const nodes: Array<Node & {value?: string}> = []
    let all = ''
    visit(tree, (node, _index, parent) => {
      if (!parent) return
      if (literals.has(node.type)) {
        const value = (node as {value: string}).value
        all += node.type === 'text' ? value : 'A'.repeat(value.length)
        nodes.push(node)
      } else if (blocks.has(node.type)) {
        all += ' '
        nodes.push(node)
      }
    })
    // A text that holds the marks itself is not marked: its quotes are the language's at once.
    const marked = /["']/.test(all) && !hasMark.test(all)
    if (marked) all = passes.quotes(all)
    let start = 0
    for (const node of nodes) {
      if (!literals.has(node.type)) {
        start += 1
        continue
      }
      const end = start + node.value!.length
      if (node.type === 'text') {
        const slice = all.slice(start, end)
        const text = marked ? unmark(slice, all, start, passes.marks) : slice
        node.value = secondPassWork.test(text) ? passes.rest(text) : text
      }
      start = end
    }
  }
}

/** The language's quotes for the first pass's marks in `text`, which starts at `start` in `all`. */
function unmark(text: string, all: string, start: number, quotes: Quotes): string {
  return text.replace(markPattern, (mark, offset: number) => {
    if (mark === marks.opening.double) return quotes.opening.double
    if (mark === marks.opening.single) return quotes.opening.single
    if (mark === marks.closing.double) return quotes.closing.double
    return wordCharacter.test(all[start + offset + 1] ?? '') ? '\u2019' : quotes.closing.single
  })
}
