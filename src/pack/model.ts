/**
 * The pack model: the readings in order with their trees, the merged people, and the pack's
 * own metadata. Built once from the processed readings; every edition renders from it.
 */
import path from 'node:path'
import slugify from '@sindresorhus/slugify'
import type {Element, Root} from 'hast'
import type {VFile} from 'vfile'
import type {LoadedInput} from '../load/load-input.ts'
import type {PackManifest, ReadingMatter} from '../matter/schema.ts'
import type {Heading, Note} from '../transform/vfile-data.ts'
import {resolvePackReferences} from './crossref.ts'
import {linkReadings} from './links.ts'
import type {PdfSource} from '../load/pdf-source.ts'
import {noticeOf, type Notice} from './notice.ts'
import {PeopleRegistry, type PackPerson} from './people.ts'

/** Language when neither the pack nor the reading names one. */
export const defaultLang = 'en'

export interface Reading {
  kind: 'reading'
  /** Short id, unique in the pack (`r2`); `r2-` prefixes every id inside the reading. */
  id: string
  /** 1-based position in the pack. */
  number: number
  /** The Markdown file it came from. */
  file: VFile
  matter: ReadingMatter
  /** The reading's language: its own `lang`, else the pack's. */
  lang: string
  /** The body, transformed (no title block: editions build that from `matter`). */
  tree: Root
  notes: Note[]
  headings: Heading[]
  /** Ids of the reading's authors in `Pack.people`. */
  authorIds: string[]
  /** Absolute paths of the local images the reading uses. */
  images: string[]
  /** ASCII slug of the file name, for file names inside editions. */
  slug: string
  /** The part that holds it, if any. */
  part: Part | undefined
  /** The terms it is reproduced under (`copyright`, `license`, `rights`). */
  notice: Notice | undefined
  /** For a PDF reading: its file and the pages used (`tree` then holds the file's text). */
  pdf: PdfReading | undefined
}

export interface PdfReading {
  /** Path relative to the pack's folder, as `pack.yaml` gives it. */
  path: string
  source: PdfSource
  /** The page numbers the pages used carry in the original (`original-pages`), as written. */
  originalPages: string | undefined
}

/** A part: readings grouped under a title (a week, a topic), opening on its own page in print. */
export interface Part {
  kind: 'part'
  /** `p1`, `p2`, …: unique in the pack, apart from readings' ids. */
  id: string
  /** 1-based position among the parts. */
  number: number
  title: string
  /** The part's short introduction, transformed, when `intro:` names one. */
  intro: Root | undefined
  /** The introduction's file, which problems with it are messages on. */
  introFile: VFile | undefined
  /** The introduction's notes, shown after it in every edition. */
  notes: Note[]
  /** The pack's language, which the introduction is in. */
  lang: string
  readings: Reading[]
}

/** What has notes: a reading, or a part's introduction. */
export type WithNotes = Pick<Reading, 'id' | 'lang' | 'notes'>

/** An entry of the pack's contents: a reading on its own, or a part. */
export type Entry = Reading | Part

/** The course a pack is made for (`course:` in `pack.yaml`). */
export interface Course {
  code: string | undefined
  title: string | undefined
  term: string | undefined
  institution: string | undefined
  url: string | undefined
  /** Ids of the instructors in `Pack.people`. */
  instructorIds: string[]
}

export interface Pack {
  title: string
  subtitle: string | undefined
  lang: string
  date: string | undefined
  publisher: string | undefined
  rights: string | undefined
  abstract: string | undefined
  keywords: string[]
  identifier: string | undefined
  paper: NonNullable<PackManifest['paper']>
  /** Base name of the output files. */
  slug: string
  editorIds: string[]
  /** Every reading in order, parts or not. */
  readings: Reading[]
  /** The contents as the editor arranged it: readings and parts, in order. */
  entries: Entry[]
  course: Course | undefined
  /** What `notice:` says: printed on the back of the title page and at the front of the other editions. */
  notice: string | undefined
  /** Everyone once, in order of first appearance: editors, then authors reading by reading. */
  people: PackPerson[]
  /** Absolute path of the pack's folder. */
  root: string
  /** Built from a single Markdown file: the reading is the whole book. */
  single: boolean
  /** The pack's own cover image (`cover:` in `pack.yaml`), relative to its folder. */
  cover: string | undefined
}

/** The people with these ids, in that order. */
export function peopleOf(pack: Pack, ids: string[]): PackPerson[] {
  return ids.map((id) => pack.people.find((person) => person.id === id)).filter((person) => person !== undefined)
}

export interface ProcessedReading {
  file: VFile
  tree: Root
}

/** The pack model; links and ids are settled here, so it adds warnings to the readings' files. */
export function buildPack(input: LoadedInput, processed: ProcessedReading[], intros: ProcessedReading[] = []): Pack {
  const registry = new PeopleRegistry()
  const manifest = input.manifest
  const editorIds = (manifest?.editors ?? []).map((editor) => registry.add(editor))
  // Instructors join "About the authors" as editors do, after them.
  const instructorIds = (manifest?.course?.instructors ?? []).map((person) => registry.add(person))
  const packLang = manifest?.lang ?? processed[0]?.file.data.matter?.lang ?? defaultLang

  const readings = processed.map(({file, tree}, index): Reading => {
    const matter = file.data.matter
    if (!matter) throw new Error(`Reading ${file.path} has no front matter data; build only valid readings`)
    const pdf = file.data.pdf
    const named = pdf ? pdf.path : file.path
    return {
      kind: 'reading',
      id: `r${index + 1}`,
      number: index + 1,
      file,
      matter,
      lang: matter.lang ?? packLang,
      tree: pdf ? pdfText(pdf.source) : tree,
      notes: file.data.notes ?? [],
      headings: file.data.headings ?? [],
      authorIds: (matter.author ?? []).map((author) => registry.add(author)),
      images: file.data.images ?? [],
      slug: slugify(path.basename(named, path.extname(named))) || `reading-${index + 1}`,
      part: undefined,
      notice: noticeOf(matter),
      pdf
    }
  })

  let parts = 0
  const entries: Entry[] = (input.layout ?? readings.map((_reading, index) => ({reading: index}))).map((entry): Entry => {
    if ('reading' in entry) return readings[entry.reading]!
    parts += 1
    const part: Part = {
      kind: 'part',
      id: `p${parts}`,
      number: parts,
      title: entry.part,
      intro: entry.intro === undefined ? undefined : intros[entry.intro]?.tree,
      introFile: entry.intro === undefined ? undefined : intros[entry.intro]?.file,
      notes: (entry.intro === undefined ? undefined : intros[entry.intro]?.file.data.notes) ?? [],
      lang: packLang,
      readings: entry.readings.map((index) => readings[index]!)
    }
    for (const reading of part.readings) reading.part = part
    return part
  })

  // Links and ids for every edition; links that resolve nowhere are warnings on the readings.
  // A part's introduction is linked as a reading whose ids take the part's prefix.
  const introsLinked = partsFrom(entries).flatMap((part) => {
    const index = (input.layout ?? []).filter((entry) => 'part' in entry)[part.number - 1]
    const intro = index && 'part' in index && index.intro !== undefined ? intros[index.intro] : undefined
    return intro ? [{id: part.id, file: intro.file, tree: intro.tree, notes: intro.file.data.notes ?? [], headings: intro.file.data.headings ?? []}] : []
  })
  // References to another reading's labels (`crossref: pack`) become links first, which
  // `linkReadings` then resolves like any link between readings.
  resolvePackReferences([...readings, ...introsLinked])
  linkReadings([...readings, ...introsLinked])

  const first = readings[0]?.matter
  const single = manifest === undefined
  const title = manifest?.title ?? first?.title ?? 'Untitled'
  const course = manifest?.course
  return {
    title,
    subtitle: manifest ? manifest.subtitle : first?.subtitle,
    lang: packLang,
    date: manifest ? manifest.date : first?.date,
    publisher: manifest ? manifest.publisher : first?.publisher,
    rights: manifest ? manifest.rights : first?.rights,
    abstract: manifest ? manifest.abstract : first?.abstract,
    keywords: (manifest ? manifest.keywords : first?.keywords) ?? [],
    identifier: manifest?.identifier,
    paper: manifest?.paper ?? 'a4',
    slug: manifest?.slug ?? (single && readings[0] ? readings[0].slug : slugify(title) || 'pack'),
    editorIds,
    readings,
    entries,
    course: course ? {code: course.code, title: course.title, term: course.term, institution: course.institution, url: course.url, instructorIds} : undefined,
    notice: manifest?.notice,
    people: registry.people,
    root: input.root,
    single,
    cover: manifest?.cover
  }
}

/** The entries of the contents that are parts. */
export function partsOf(pack: Pack): Part[] {
  return partsFrom(pack.entries)
}

function partsFrom(entries: Entry[]): Part[] {
  return entries.filter((entry): entry is Part => entry.kind === 'part')
}

/**
 * A PDF reading's text for the editions that do not print its pages: one paragraph per
 * paragraph of the file's text layer, page after page.
 */
function pdfText(source: PdfSource): Root {
  return {
    type: 'root',
    children: source.text.flatMap((paragraphs) =>
      paragraphs.map((paragraph): Element => ({type: 'element', tagName: 'p', properties: {}, children: [{type: 'text', value: paragraph}]}))
    )
  }
}

/**
 * One reading as a pack of its own, for its own files (`--each`): its title, its authors
 * (and their entries in "About the authors"), its notes, bibliography and notice.
 */
export function readingPack(pack: Pack, reading: Reading): Pack {
  const authors = new Set(reading.authorIds)
  return {
    ...pack,
    title: reading.matter.title,
    subtitle: reading.matter.subtitle,
    lang: reading.lang,
    date: reading.matter.date ?? pack.date,
    abstract: reading.matter.abstract,
    keywords: reading.matter.keywords ?? [],
    identifier: undefined,
    slug: reading.slug,
    editorIds: [],
    readings: [reading],
    entries: [reading],
    people: pack.people.filter((person) => authors.has(person.id)),
    single: true,
    cover: undefined
  }
}

/** The file of a reading, or of a part's introduction, by the reading's or the part's id: where a problem rendering found in it is told. */
export function sourceFileOf(pack: Pack, id: string): VFile | undefined {
  return pack.readings.find((reading) => reading.id === id)?.file ?? partsFrom(pack.entries).find((part) => part.id === id)?.introFile
}
