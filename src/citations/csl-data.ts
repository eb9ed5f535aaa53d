/**
 * CSL-JSON and CSL-YAML bibliographies, and the shape every bibliography is read into.
 *
 * Dates may be written as CSL wants them (`{date-parts: [[2010, 5]]}`) or as Pandoc's
 * CSL-YAML allows (`2010-05-18`, `2010`, `2010/2012`); both become `date-parts`.
 */
import {LineCounter, parseDocument} from 'yaml'
import {parseBibtex} from './bibtex.ts'
import type {CslItem} from './citeproc.ts'

export interface BibliographyProblem {
  place: {line: number; column: number}
  /** Worded "Unexpected X, expected Y", naming the entry. */
  reason: string
}

export interface ParsedBibliography {
  items: CslItem[]
  problems: BibliographyProblem[]
  /** BibTeX only: titles of English records in sentence case, by key, for output in English. */
  englishTitles?: Map<string, Record<string, string>>
}

/** Formats by file extension (lower case, with the dot). */
export const bibliographyFormats = {'.bib': 'BibLaTeX', '.bibtex': 'BibTeX', '.json': 'CSL-JSON', '.yaml': 'CSL-YAML', '.yml': 'CSL-YAML'} as const

export function parseBibliography(text: string, extension: keyof typeof bibliographyFormats): ParsedBibliography {
  if (extension === '.bib' || extension === '.bibtex') return parseBibtex(text)
  return extension === '.json' ? parseCslJson(text) : parseCslYaml(text)
}

const nameFields = [
  'author',
  'editor',
  'translator',
  'container-author',
  'collection-editor',
  'composer',
  'director',
  'illustrator',
  'interviewer',
  'original-author',
  'recipient',
  'reviewed-author'
]
const dateFields = ['issued', 'accessed', 'event-date', 'original-date', 'submitted', 'available-date']

export function parseCslJson(text: string): ParsedBibliography {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    const offset = Number(/position (\d+)/.exec(String(error))?.[1] ?? 0)
    return {items: [], problems: [{place: placeAt(text, offset), reason: `Unexpected JSON (${(error as Error).message}), expected a list of CSL-JSON records`}]}
  }
  return readRecords(data, (id) => placeAt(text, id === undefined ? 0 : Math.max(0, text.indexOf(JSON.stringify(id)))))
}

export function parseCslYaml(text: string): ParsedBibliography {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, {lineCounter})
  const error = document.errors[0]
  if (error) {
    const {line, col} = lineCounter.linePos(error.pos[0])
    return {
      items: [],
      problems: [{place: {line, column: col}, reason: `Unexpected YAML (${error.message.split('\n')[0]}), expected a list of CSL-YAML records`}]
    }
  }
  const data: unknown = document.toJS()
  return readRecords(data, (id) => {
    const offset = id === undefined ? 0 : text.search(new RegExp(`\\bid:\\s*['"]?${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
    const {line, col} = lineCounter.linePos(Math.max(0, offset))
    return {line, column: col}
  })
}

/** A list of records, or Pandoc's `references:` mapping around one. */
function readRecords(data: unknown, placeOf: (id: string | undefined) => {line: number; column: number}): ParsedBibliography {
  const list = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data['references']) ? data['references'] : undefined
  if (!list)
    return {
      items: [],
      problems: [{place: placeOf(undefined), reason: 'Unexpected bibliography shape, expected a list of CSL records (or `references:` with one)'}]
    }
  const result: ParsedBibliography = {items: [], problems: []}
  for (const [index, record] of list.entries()) {
    const item = normalizeRecord(record)
    if (typeof item === 'string')
      result.problems.push({
        place: placeOf(isRecord(record) && record['id'] !== undefined ? String(record['id']) : undefined),
        reason: `Unexpected record ${index + 1}: ${item}`
      })
    else result.items.push(item)
  }
  return result
}

/** A record as CSL-JSON, or why it cannot be one. */
export function normalizeRecord(record: unknown): CslItem | string {
  if (!isRecord(record)) return 'not a mapping, expected a CSL record with `id` and `type`'
  const id = record['id']
  if (typeof id !== 'string' && typeof id !== 'number') return 'without an `id`, expected a citation key'
  if (typeof record['type'] !== 'string') return `\`${id}\` without a \`type\`, expected a CSL type such as \`book\``
  const item: CslItem = {...record, id: String(id), type: record['type']}
  for (const field of dateFields) {
    if (field in item) item[field] = normalizeDate(item[field])
  }
  for (const field of nameFields) {
    if (field in item) item[field] = (Array.isArray(item[field]) ? item[field] : [item[field]]).map(normalizeName)
  }
  return item
}

/** A name written as text: "Family, Given", or else a literal name (an organization). */
function normalizeName(name: unknown): unknown {
  if (typeof name !== 'string') return name
  const [family, given, ...rest] = name.split(/\s*,\s*/)
  return given && rest.length === 0 ? {family, given} : {literal: name}
}

function normalizeDate(value: unknown): unknown {
  if (value instanceof Date) return {'date-parts': [[value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()]]}
  if (typeof value !== 'string' && typeof value !== 'number') return value
  const parts = String(value)
    .split('/')
    .map((part) => /^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$/.exec(part.trim()))
  if (parts.some((part) => !part)) return {literal: String(value)}
  return {
    'date-parts': parts.map((part) =>
      part!
        .slice(1)
        .filter((piece) => piece !== undefined)
        .map(Number)
    )
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function placeAt(text: string, offset: number): {line: number; column: number} {
  const before = text.slice(0, offset).split('\n')
  return {line: before.length, column: (before.at(-1)?.length ?? 0) + 1}
}
