/**
 * Bibliography files by extension, each read by its format's reader.
 */
import {parseCslJson, parseCslYaml} from './csl-json.ts'
import type {ParsedBibliography} from './records.ts'

/** Formats by file extension (lower case, with the dot). */
export const bibliographyFormats = {'.bib': 'BibLaTeX', '.bibtex': 'BibTeX', '.json': 'CSL-JSON', '.yaml': 'CSL-YAML', '.yml': 'CSL-YAML'} as const

export async function parseBibliography(text: string, extension: keyof typeof bibliographyFormats): Promise<ParsedBibliography> {
  // citation-js, BibTeX's reader, is a fifth of a second to load: only for BibTeX files.
  if (extension === '.bib' || extension === '.bibtex') return (await import('./bibtex.ts')).parseBibtex(text)
  return extension === '.json' ? parseCslJson(text) : parseCslYaml(text)
}
