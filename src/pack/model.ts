/**
 * The pack model: the readings in order with their trees, the merged people, and the pack's
 * own metadata. Built once from the processed readings; every edition renders from it.
 */
import path from 'node:path'
import slugify from '@sindresorhus/slugify'
import type {Root} from 'hast'
import type {VFile} from 'vfile'
import type {LoadedInput} from '../load/load-input.ts'
import type {PackManifest, ReadingMatter} from '../matter/schema.ts'
import type {Heading, Note} from '../transform/vfile-data.ts'
import {linkReadings} from './links.ts'
import {PeopleRegistry, type PackPerson} from './people.ts'

/** Language when neither the pack nor the reading names one. */
export const defaultLang = 'en'

export interface Reading {
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
  readings: Reading[]
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
export function buildPack(input: LoadedInput, processed: ProcessedReading[]): Pack {
  const registry = new PeopleRegistry()
  const manifest = input.manifest
  const editorIds = (manifest?.editors ?? []).map((editor) => registry.add(editor))
  const packLang = manifest?.lang ?? processed[0]?.file.data.matter?.lang ?? defaultLang

  const readings = processed.map(({file, tree}, index): Reading => {
    const matter = file.data.matter
    if (!matter) throw new Error(`Reading ${file.path} has no front matter data; build only valid readings`)
    return {
      id: `r${index + 1}`,
      number: index + 1,
      file,
      matter,
      lang: matter.lang ?? packLang,
      tree,
      notes: file.data.notes ?? [],
      headings: file.data.headings ?? [],
      authorIds: (matter.author ?? []).map((author) => registry.add(author)),
      images: file.data.images ?? [],
      slug: slugify(path.basename(file.path, path.extname(file.path))) || `reading-${index + 1}`
    }
  })

  // Links and ids for every edition; links that resolve nowhere are warnings on the readings.
  linkReadings(readings)

  const first = readings[0]?.matter
  const single = manifest === undefined
  const title = manifest?.title ?? first?.title ?? 'Untitled'
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
    people: registry.people,
    root: input.root,
    single,
    cover: manifest?.cover
  }
}
