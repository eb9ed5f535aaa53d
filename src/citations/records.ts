/**
 * A CSL record as every bibliography format (and `references` in front matter) is read
 * into, and the shape of a parsed bibliography with its problems.
 *
 * Dates may be written as CSL wants them (`{date-parts: [[2010, 5]]}`) or as Pandoc's
 * CSL-YAML allows (`2010-05-18`, `2010`, `2010/2012`); both become `date-parts`.
 */
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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
