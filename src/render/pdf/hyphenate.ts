/**
 * Soft hyphens in the print edition's running text, so justified lines stay even. Chromium
 * hyphenates by itself only with dictionaries it downloads, which an offline machine lacks;
 * Liang's patterns (the `hyphen` package, TeX's patterns) do it here instead. Words are
 * cached: a pack repeats its vocabulary.
 */
import {createRequire} from 'node:module'
import type {Element, Root} from 'hast'
import {SKIP, visit} from '../../util/visit.ts'

const require = createRequire(import.meta.url)

type Hyphenate = (text: string, options?: {minWordLength?: number}) => string

/**
 * Elements whose text is never hyphenated: headings, code, addresses, labels, and tables,
 * whose columns would otherwise shrink to syllables ("Ar-rivals").
 */
const keepWhole = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'code', 'pre', 'kbd', 'samp', 'nav', 'sup', 'sub', 'svg', 'table', 'math'])
// Math is typeset by KaTeX: a soft hyphen in it would break a formula across lines.
const keepWholeClasses = ['math', 'source', 'print-url', 'byline', 'contact', 'person-name', 'title-page']

const loaded = new Map<string, Hyphenate | undefined>()
/** Hyphenated words by language, kept for the process: a pack repeats its vocabulary. */
const words = new Map<Hyphenate, Map<string, string>>()

/** The hyphenator for a language tag (`en-GB`, `fr`), or `undefined` when there are no patterns. */
export function hyphenatorFor(lang: string): Hyphenate | undefined {
  const tag = lang.toLowerCase()
  if (!loaded.has(tag)) {
    const [base] = tag.split('-')
    const candidates = [tag, base === 'en' ? 'en-us' : base, base]
    let found: Hyphenate | undefined
    for (const candidate of candidates) {
      try {
        found = (require(`hyphen/${candidate}`) as {hyphenateSync: Hyphenate}).hyphenateSync
        break
      } catch {
        // No patterns under that name; try the next.
      }
    }
    loaded.set(tag, found)
  }
  return loaded.get(tag)
}

/** Insert soft hyphens into the words of `tree` (six letters or more) in language `lang`. */
export function hyphenateTree(tree: Root | Element, lang: string): void {
  const hyphenate = hyphenatorFor(lang)
  if (!hyphenate) return
  let cache = words.get(hyphenate)
  if (!cache) words.set(hyphenate, (cache = new Map()))
  visit(tree, (node) => {
    if (node.type === 'element') {
      const element = node as Element
      const classes = element.properties['className']
      if (keepWhole.has(element.tagName) || (Array.isArray(classes) && classes.some((name) => keepWholeClasses.includes(String(name))))) return SKIP
      if (typeof element.properties['lang'] === 'string' && element.properties['lang'] !== lang) {
        hyphenateTree(element, element.properties['lang'])
        return SKIP
      }
      return undefined
    }
    if (node.type === 'text') {
      node.value = node.value.replace(/[\p{L}\p{M}]{6,}/gu, (word) => {
        let hyphenated = cache.get(word)
        if (hyphenated === undefined) {
          hyphenated = hyphenate(word, {minWordLength: 6})
          cache.set(word, hyphenated)
        }
        return hyphenated
      })
    }
    return undefined
  })
}
