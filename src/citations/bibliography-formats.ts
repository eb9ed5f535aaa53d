/**
 * Bibliography files by extension, each read by its format's reader.
 */
import {parseBibtex} from './bibtex.ts'
import {parseCslJson, parseCslYaml} from './csl-json.ts'
import type {ParsedBibliography} from './records.ts'

/** Formats by file extension (lower case, with the dot). */
export const bibliographyFormats = {'.bib': 'BibLaTeX', '.bibtex': 'BibTeX', '.json': 'CSL-JSON', '.yaml': 'CSL-YAML', '.yml': 'CSL-YAML'} as const

export function parseBibliography(text: string, extension: keyof typeof bibliographyFormats): ParsedBibliography {
  if (extension === '.bib' || extension === '.bibtex') return parseBibtex(text)
  return extension === '.json' ? parseCslJson(text) : parseCslYaml(text)
}
