/**
 * Schemas for what authors write: a reading's front matter and a pack's `pack.yaml`.
 *
 * Keys follow Pandoc and Quarto so that existing documents move in unchanged. Validation
 * happens once, here, at the boundary; everything past the loader works on the typed
 * results (`ReadingMatter`, `PackManifest`).
 */
import {z} from 'zod'

/** ORCID iD, with or without its `https://orcid.org/` prefix; stored without it. */
const orcid = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim())
  .transform((value) => value.replace(/^https?:\/\/orcid\.org\//i, ''))
  .pipe(z.string().regex(/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/, 'an ORCID iD such as 0000-0002-1825-0097'))

/** Scalars YAML may read as numbers or booleans but that we always treat as text. */
const text = z.union([z.string(), z.number(), z.boolean()]).transform((value) => String(value).trim())

const affiliation = z
  .union([text, z.array(z.union([text, z.object({name: text}).transform((a) => a.name)]))])
  .transform((value) => (Array.isArray(value) ? value.join('; ') : value))

/** A person as front matter describes one: an author or an editor. */
export const personSchema = z.object({
  name: text.pipe(z.string().min(1, 'a non-empty name')),
  affiliation: affiliation.optional(),
  bio: text.optional(),
  orcid: orcid.optional(),
  email: z.email('an e-mail address').optional(),
  url: z.url({protocol: /^https?$/, error: 'an http(s) URL'}).optional()
})

/** `author` may be one name, a list of names, one person, or a list of either. */
const people = z
  .union([text, personSchema, z.array(z.union([text, personSchema]))])
  .transform((value) => (Array.isArray(value) ? value : [value]).map((entry) => (typeof entry === 'string' ? {name: entry} : entry)))

const stringList = z.union([text, z.array(text)]).transform((value) => (Array.isArray(value) ? value : value.split(/\s*,\s*/)).filter(Boolean))

const httpUrl = z.url({protocol: /^https?$/, error: 'an http(s) URL'})

/** BCP 47 language tag, loosely: `en`, `en-GB`, `fr-FR`, `zh-Hant-TW`. */
const lang = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en-GB')

/** Dates as authors write them: `2025`, `2025-05`, `2025-05-18` (YAML may read `2025` as a number). */
const date = text.pipe(z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD'))

/** Front matter of one reading. Unknown keys are allowed (Pandoc and Quarto have many). */
export const readingMatterSchema = z.object({
  title: text.pipe(z.string().min(1, 'a non-empty title')),
  subtitle: text.optional(),
  author: people.optional(),
  /** Quarto's spelling; merged into `author` by the loader. */
  authors: people.optional(),
  date: date.optional(),
  lang: lang.optional(),
  abstract: text.optional(),
  keywords: stringList.optional(),
  /** Where the reading first appeared. */
  source: httpUrl.optional(),
  /** Who published the original (a journal, a blog, a press). */
  publisher: text.optional(),
  /** The day the source was consulted, for "How to cite". */
  accessed: date.optional(),
  rights: text.optional(),
  /** Bibliography files (.bib, .json, .yaml), relative to the reading; added to the pack's. */
  bibliography: stringList.optional(),
  /** A CSL style name (`oscola`) or a path to a `.csl` file; overrides the pack's. */
  csl: text.optional(),
  /** Works listed in the bibliography without being cited: `@key`s, or `@*` for all. */
  nocite: stringList.optional(),
  /** Records in CSL-YAML, as Pandoc allows them in front matter. */
  references: z.array(z.record(z.string(), z.unknown())).optional(),
  /** Heading of the bibliography. Default: "References" in the reading's language. */
  'reference-section-title': text.optional(),
  /** Leave the bibliography out (citations still render). */
  'suppress-bibliography': z.boolean().optional(),
  /** Quarto's `copyright`: who holds it, since when, and any statement to print with it. */
  copyright: z.object({holder: text.optional(), year: text.optional(), statement: text.optional()}).optional(),
  /** Quarto's `license`: an SPDX id (`CC-BY-4.0`), or a text with an optional link. */
  license: z.union([text, z.object({text, url: httpUrl.optional()})]).optional(),
  /**
   * How the reading itself is cited, as Quarto's `citation`: CSL fields that add to what the
   * front matter says (title, authors, date, `source` as URL, `accessed`, `publisher`).
   */
  citation: z
    .object({
      type: text.optional(),
      'container-title': text.optional(),
      /** When the original appeared, where it differs from the reading's `date`. */
      issued: date.optional(),
      publisher: text.optional(),
      'publisher-place': text.optional(),
      volume: text.optional(),
      issue: text.optional(),
      page: text.optional(),
      doi: text.optional(),
      url: httpUrl.optional()
    })
    .optional()
})

/** Pages as editors write them: `3-12`, `5`, `1-3, 7`. */
const pageRange = text.pipe(z.string().regex(/^\s*\d+\s*(?:[-–]\s*\d+\s*)?(?:,\s*\d+\s*(?:[-–]\s*\d+\s*)?)*$/, 'pages such as 3-12 or 1-3, 7'))

const markdownPath = text.pipe(z.string().regex(/\.(md|markdown)$/i, 'a path to a Markdown file'))

/**
 * A PDF reading in `pack.yaml`: the file, the pages used, the page numbers they carry in the
 * original, and the keys a Markdown reading has in its front matter.
 */
export const pdfEntrySchema = readingMatterSchema.extend({
  file: text.pipe(z.string().regex(/\.pdf$/i, 'a path to a PDF file')),
  pages: pageRange.optional(),
  'original-pages': pageRange.optional()
})

const readingEntry = z.union([markdownPath, pdfEntrySchema])

/** A part: a title, an optional introduction (Markdown), and its readings. */
export const partEntrySchema = z.object({
  part: text.pipe(z.string().min(1, 'a non-empty part title')),
  intro: markdownPath.optional(),
  readings: z.array(readingEntry).min(1, 'at least one reading')
})

/** `course:` in `pack.yaml`. */
export const courseSchema = z.object({
  code: text.optional(),
  title: text.optional(),
  term: text.optional(),
  institution: text.optional(),
  instructors: people.optional(),
  url: httpUrl.optional()
})

export type PdfEntry = z.output<typeof pdfEntrySchema>
export type PartEntry = z.output<typeof partEntrySchema>

export type Person = z.output<typeof personSchema>
export type ReadingMatter = Omit<z.output<typeof readingMatterSchema>, 'authors'>

/** Paper sizes the PDF edition knows. */
export const paperSizes = ['a4', 'letter'] as const

/** `pack.yaml`: the pack's own metadata and its readings in order. */
export const packManifestSchema = z.object({
  title: text.pipe(z.string().min(1, 'a non-empty title')),
  subtitle: text.optional(),
  editors: people.optional(),
  lang: lang.optional(),
  date: date.optional(),
  publisher: text.optional(),
  rights: text.optional(),
  abstract: text.optional(),
  keywords: stringList.optional(),
  /** The EPUB's cover image (PNG, JPEG, GIF, SVG or WebP), relative to `pack.yaml`; without one a cover is drawn. */
  cover: text.pipe(z.string().regex(/\.(png|jpe?g|gif|svg|webp)$/i, 'a path to a PNG, JPEG, GIF, SVG or WebP image')).optional(),
  /** An ISBN or URN for the EPUB's identifier. */
  identifier: text.optional(),
  /** Base name of the files in the output folder; defaults to a slug of the title. */
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'a file name of letters, digits, dots, dashes and underscores')
    .optional(),
  /** Paper for the PDF edition. Default: `a4`. */
  paper: z
    .string()
    .transform((value) => value.toLowerCase().replace(/^us-?/, ''))
    .pipe(z.enum(paperSizes, {error: 'a4 or letter'}))
    .optional(),
  bibliography: stringList.optional(),
  csl: text.optional(),
  /** Numbering of figures, tables and equations: from 1 in each reading (default) or through the pack. */
  crossref: z.enum(['reading', 'pack'], {error: 'reading or pack'}).optional(),
  /** The course the pack is made for. */
  course: courseSchema.optional(),
  /** Printed on the back of the title page and at the front of the other editions (a licence's notice). */
  notice: text.optional(),
  /** Also write each reading as its own PDF, EPUB and web page (as `--each`). */
  each: z.boolean().optional(),
  /** Readings and parts in order: a Markdown file, a PDF reading, or a part holding readings. */
  readings: z.array(z.union([markdownPath, pdfEntrySchema, partEntrySchema])).min(1, 'at least one reading')
})

export type PackManifest = z.output<typeof packManifestSchema>

/** Keys each schema knows, to point out likely typos among the unknown ones. */
export const readingKeys = Object.keys(readingMatterSchema.shape)
export const packKeys = Object.keys(packManifestSchema.shape)
