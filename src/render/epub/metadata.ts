/**
 * What the package document says about the book, from the pack alone: the same pack and the
 * same `SOURCE_DATE_EPOCH` give the same identifier and dates, so the same bytes.
 */
import {createHash} from 'node:crypto'
import {peopleOf, type Pack} from '../../pack/model.ts'
import {noticeText} from '../../pack/notice.ts'
import type {PackPerson} from '../../pack/people.ts'
import {joinNames, wordsFor} from '../../words.ts'

export interface Contributor {
  name: string
  /** MARC relator codes: `aut` for authors, `edt` for editors. */
  roles: string[]
}

export interface BookMetadata {
  /** `urn:isbn:…` for a configured ISBN, the configured URN, else a `urn:uuid:` derived from the content. */
  identifier: string
  title: string
  subtitle: string | undefined
  lang: string
  /** Each author once, in order; an author who also edits has both roles. */
  creators: Contributor[]
  /** Editors who wrote none of the readings. */
  contributors: Contributor[]
  publisher: string | undefined
  /** The pack's notice and rights, then each reading's notice (one `dc:rights` each). */
  rights: string[]
  description: string
  subjects: string[]
  /** Publication date as W3CDTF (`2025`, `2025-05`, `2025-05-18`). */
  date: string
  /** `dcterms:modified`: `YYYY-MM-DDThh:mm:ssZ`. */
  modified: string
}

export interface MetadataOptions {
  /** `SOURCE_DATE_EPOCH`, when set: the only clock the book sees. */
  sourceDate: Date | undefined
  /** The build's clock, for a pack that gives no date at all. */
  date: Date
}

export function bookMetadata(pack: Pack, options: MetadataOptions): BookMetadata {
  const modified = modificationDate(pack, options)
  const authorIds = new Set(pack.readings.flatMap((reading) => reading.authorIds))
  const editorIds = new Set(pack.editorIds)
  const person = (one: PackPerson, roles: string[]): Contributor => ({name: one.name, roles})
  return {
    identifier: bookIdentifier(pack),
    title: pack.title,
    subtitle: pack.subtitle,
    lang: pack.lang,
    creators: pack.people
      .filter((candidate) => authorIds.has(candidate.id))
      .map((candidate) => person(candidate, editorIds.has(candidate.id) ? ['aut', 'edt'] : ['aut'])),
    contributors: peopleOf(
      pack,
      pack.editorIds.filter((id) => !authorIds.has(id))
    ).map((editor) => person(editor, ['edt'])),
    publisher: pack.publisher,
    rights: [
      ...new Set([
        ...[pack.notice, pack.rights].filter((value): value is string => Boolean(value)),
        ...pack.readings.flatMap((reading) => (reading.notice ? [noticeText(reading.notice, wordsFor(reading.lang).licensedUnder)] : []))
      ])
    ],
    description: bookDescription(pack),
    subjects: pack.keywords.length > 0 ? pack.keywords : [...new Set(pack.readings.flatMap((reading) => reading.matter.keywords ?? []))],
    date: contentDate(pack) ?? modified.slice(0, 10),
    modified
  }
}

/** The configured identifier (an ISBN becomes `urn:isbn:`), else one derived from the content. */
export function bookIdentifier(pack: Pack): string {
  const configured = pack.identifier?.trim()
  if (configured) {
    const digits = configured.replace(/^(?:urn:)?isbn:?\s*/i, '').replace(/[\s-]/g, '')
    if (/^(?:\d{9}[\dX]|\d{13})$/i.test(digits) && /^(?:urn:)?(?:isbn)?[:\s]*[\d\sXx-]+$/i.test(configured)) return `urn:isbn:${digits.toUpperCase()}`
    return configured
  }
  const hash = createHash('sha256').update(pack.title)
  for (const reading of pack.readings) hash.update('\0').update(String(reading.file.value))
  return `urn:uuid:${uuidFromHash(hash.digest())}`
}

/** A name-based UUID (RFC 9562 version 8: custom, here SHA-256 of the content). */
function uuidFromHash(digest: Buffer): string {
  const bytes = Buffer.from(digest.subarray(0, 16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x80
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** The pack's date, else the newest date among its readings. */
export function contentDate(pack: Pack): string | undefined {
  if (pack.date) return pack.date
  const dates = pack.readings.map((reading) => reading.matter.date).filter((date): date is string => date !== undefined)
  return dates.sort().at(-1)
}

/** `SOURCE_DATE_EPOCH`, else the content's date (its first moment), else the build's clock. */
export function modificationDate(pack: Pack, options: MetadataOptions): string {
  const content = contentDate(pack)
  const date =
    options.sourceDate ?? (content ? new Date(`${content}${content.length === 4 ? '-01-01' : content.length === 7 ? '-01' : ''}T00:00:00Z`) : options.date)
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** The abstract, else a sentence made from the pack: what it is, and what it holds. */
export function bookDescription(pack: Pack): string {
  if (pack.abstract?.trim()) return pack.abstract.trim()
  const heading = pack.subtitle ? `${pack.title}: ${pack.subtitle}.` : `${pack.title}.`
  const readings = pack.readings.map((reading) => {
    const authors = joinNames(
      peopleOf(pack, reading.authorIds).map((person) => person.name),
      pack.lang
    )
    return authors ? `“${reading.matter.title}” (${authors})` : `“${reading.matter.title}”`
  })
  if (pack.single) return readings[0] ?? heading
  const listed = readings.length > 12 ? [...readings.slice(0, 12), `and ${readings.length - 12} more`] : readings
  return `${heading} ${readings.length} ${readings.length === 1 ? 'reading' : 'readings'}: ${listed.join('; ')}.`
}
