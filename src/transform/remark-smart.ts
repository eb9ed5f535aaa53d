/**
 * remarkSmart: typography as Pandoc's `smart` extension makes it: straight quotes become the
 * reading's language's curly quotes, `--` an en dash, `---` an em dash, `...` an ellipsis.
 * Code and math are left as written (`remark-smartypants` only touches text).
 */
import type {Root} from 'mdast'
import remarkSmartypants from 'remark-smartypants'
import type {VFile} from 'vfile'
import {quotesFor} from '../words.ts'

type Transform = (tree: Root) => void

/** The plugin's attacher called directly (it reads no processor state): its transform. */
const attach = remarkSmartypants as unknown as (options: Parameters<typeof remarkSmartypants>[0]) => Transform

/** One transform per language: building one compiles retext's processors. */
const byLanguage = new Map<string, Transform>()

export function remarkSmart() {
  return function (tree: Root, file: VFile) {
    const lang = (file.data.matter?.lang ?? file.data.citationSetup?.lang ?? 'en').toLowerCase()
    let transform = byLanguage.get(lang)
    if (!transform) {
      const {opening, closing} = quotesFor(lang)
      // `oldschool`: `--` is an en dash and `---` an em dash, as in TeX and Pandoc.
      transform = attach({dashes: 'oldschool', openingQuotes: opening, closingQuotes: closing})
      byLanguage.set(lang, transform)
    }
    transform(tree)
  }
}
