/**
 * Which CSL locale a language tag means: `en-GB` itself, `fr` → `fr-FR` (citeproc-js's own
 * table of default dialects), `de-AT` → `de-AT`, else any dialect of the language.
 */
import {CSL} from './citeproc.ts'

export function resolveLocaleTag(tag: string, available: readonly string[]): string | undefined {
  const lower = tag.toLowerCase().replace('_', '-')
  const exact = available.find((candidate) => candidate.toLowerCase() === lower)
  if (exact) return exact
  const language = lower.split('-')[0] ?? ''
  const dialect = CSL.LANG_BASES[language]?.replace('_', '-').toLowerCase()
  return available.find((candidate) => candidate.toLowerCase() === dialect) ?? available.find((candidate) => candidate.toLowerCase().split('-')[0] === language)
}
