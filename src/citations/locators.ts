/**
 * Locators in a citation's suffix, read the way Pandoc reads them: `[@key, p. 30]`,
 * `[@key, pp. 33, 35–37, and passim]`, `[@key, chap. 2]`, `[@key, 30]` (a bare number is a
 * page), `[@key, {pp. iv, vi–xi}]` (braces for anything else). Labels are the locale's terms
 * for CSL's locator types (`p.`, `pp.`, `page`, `chap.`, `§`, `para.`, `n.`, `vol.`, …).
 */
import type {CslNode} from './citeproc.ts'

/** CSL's locator types (1.0.2), whose terms may label a locator. */
const locatorTypes = new Set([
  'act',
  'appendix',
  'article-locator',
  'book',
  'canon',
  'chapter',
  'column',
  'elocation',
  'equation',
  'figure',
  'folio',
  'issue',
  'line',
  'note',
  'opus',
  'page',
  'paragraph',
  'part',
  'rule',
  'scene',
  'section',
  'sub verbo',
  'sub-verbo',
  'supplement',
  'table',
  'timestamp',
  'title-locator',
  'verse',
  'version',
  'volume'
])

/** Written label (`pp.`) → locator type (`page`), longest labels first. */
export type LocatorLabels = ReadonlyMap<string, string>

export function locatorLabels(locales: Iterable<CslNode>): LocatorLabels {
  const labels = new Map<string, string>()
  for (const locale of locales) {
    for (const terms of locale.children) {
      if (typeof terms === 'string' || terms.name !== 'terms') continue
      for (const term of terms.children) {
        const type = typeof term === 'string' ? undefined : term.attrs['name']
        if (typeof term === 'string' || !type || !locatorTypes.has(type)) continue
        for (const written of textsOf(term)) if (written && !labels.has(written)) labels.set(written, type)
      }
    }
  }
  return new Map([...labels].sort((a, b) => b[0].length - a[0].length))
}

function textsOf(node: CslNode): string[] {
  return node.children.flatMap((child) => (typeof child === 'string' ? [child.trim()] : textsOf(child)))
}

export interface Locator {
  /** CSL locator type: `page`, `chapter`, … */
  label: string
  /** The locator itself: `33, 35–37`. */
  locator: string
  /** What follows it, the rest of the suffix: `, and passim`. */
  rest: string
}

// A unit of a locator: no spaces, no punctuation but the hyphen, the en dash and the colon;
// balanced brackets (`34(1)`) and inner periods (`4.2`) allowed.
const unitCharacter = String.raw`[^\s,;.!?"'‘’“”()[\]{}…]`
const unit = new RegExp(String.raw`(?:${unitCharacter}|\([^()\s]*\)|\[[^[\]\s]*\])+(?:\.(?:${unitCharacter}|\([^()\s]*\))+)*`, 'uy')
const roman = /^[ivxlcdm]+$/i

/** The locator at the start of a suffix, or `undefined` when it has none. */
export function parseLocator(suffix: string, labels: LocatorLabels): Locator | undefined {
  const text = suffix.replace(/^,?\s*/, '')
  if (text.startsWith('{')) return delimited(text, labels)
  const label = leadingLabel(text, labels)
  let position = label ? label.written.length + (/^\s*/.exec(text.slice(label.written.length))?.[0].length ?? 0) : 0
  const start = position
  let end = -1
  // Each unit must hold a digit (or, after an explicit label, be a roman numeral); later
  // units may follow a comma.
  for (let first = true; ; first = false) {
    const separator = first ? '' : (/^,?\s*/.exec(text.slice(position))?.[0] ?? '')
    unit.lastIndex = position + separator.length
    const found = unit.exec(text)?.[0]
    if (!found || !(/\d/.test(found) || (label !== undefined && roman.test(found)))) break
    position = unit.lastIndex
    end = position
  }
  if (end < 0) return undefined
  return {label: label?.type ?? 'page', locator: text.slice(start, end).trim(), rest: text.slice(end)}
}

function delimited(text: string, labels: LocatorLabels): Locator | undefined {
  let depth = 0
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '{') depth++
    else if (text[index] === '}' && --depth === 0) {
      const inner = text.slice(1, index).trim()
      const label = leadingLabel(inner, labels)
      const locator = (label ? inner.slice(label.written.length) : inner).trim()
      return locator ? {label: label?.type ?? 'page', locator, rest: text.slice(index + 1)} : undefined
    }
  }
  return undefined
}

function leadingLabel(text: string, labels: LocatorLabels): {written: string; type: string} | undefined {
  for (const [written, type] of labels) {
    if (!text.startsWith(written)) continue
    const next = text.charAt(written.length)
    if (next === '' || /[\s\d]/u.test(next) || /\p{P}$/u.test(written)) return {written, type}
  }
  return undefined
}
