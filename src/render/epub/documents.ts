/**
 * The book's documents in reading order, as hast: the cover, the title page, the contents,
 * one document per reading (its notes as pop-up footnotes after the text), each reading's
 * bibliography, and the author appendix. Pure: links between them are resolved later
 * (`linkDocuments`), once every id has a home.
 */
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import {toString} from 'hast-util-to-string'
import type {Pack, Part, Reading} from '../../pack/model.ts'
import type {Heading} from '../../transform/vfile-data.ts'
import {readingBody} from '../shared/body.ts'
import {authorAppendix, contents, packNotice, partPage, pdfReadingNote, readingHeader, titlePage} from '../shared/front-back.ts'
import {wordsFor} from '../../words.ts'
import type {PageMap, PageStart} from '../../pack/page-map.ts'
import {insertPageBreaks, pagesIn} from '../shared/page-breaks.ts'
import {footnoteAsides} from './notes.ts'

/** Landmarks the nav lists (EPUB 3 Structural Semantics Vocabulary). */
export type Landmark = 'cover' | 'titlepage' | 'toc' | 'part' | 'bodymatter' | 'bibliography' | 'backmatter'

export interface TocEntry {
  label: string
  /** An id in the book, or a document's file name for its start. */
  target: string
  children: TocEntry[]
}

export interface BookDocument {
  /** File name in the package: flat and ASCII, so it needs no escaping in any URL. */
  filename: string
  /** The document's `<title>`. */
  title: string
  lang: string
  body: ElementContent[]
  /** The reading it renders: its relative links and id references resolve against it. */
  reading: Reading | undefined
  /** The part whose title page (and introduction) it is. */
  part?: Part
  landmark: Landmark | undefined
  /** Its entry in the contents, if it has one. */
  toc: TocEntry | undefined
  /** Class names on `<body>`. */
  bodyClass: string[] | undefined
}

export interface CoverPage {
  /** Path of the cover image in the package. */
  href: string
  /** Its text alternative. */
  alt: string
}

export const coverFilename = 'cover.xhtml'
export const contentsFilename = 'contents.xhtml'

/** The print edition's page start, as EPUB marks it (EPUB 3 Structural Semantics, `pagebreak`). */
export function pageBreak(page: PageStart): Element {
  return h('span', {'epub:type': 'pagebreak', role: 'doc-pagebreak', id: `page-${page.label}`, ariaLabel: page.label})
}

/** The chapter with the print pages that start in it marked. */
function paged(chapter: Element, pageMap: PageMap | undefined): Element {
  insertPageBreaks(chapter, pagesIn(pageMap, String(chapter.properties['id'] ?? '')), pageBreak)
  return chapter
}

export function bookDocuments(pack: Pack, cover: CoverPage, pageMap?: PageMap): BookDocument[] {
  const words = wordsFor(pack.lang)
  const base = {reading: undefined, landmark: undefined, toc: undefined, bodyClass: undefined, lang: pack.lang}
  const documents: BookDocument[] = [
    {
      ...base,
      filename: coverFilename,
      title: pack.title,
      landmark: 'cover',
      bodyClass: ['cover-page'],
      body: [h('section', {className: ['cover']}, [h('img', {src: cover.href, alt: cover.alt, role: 'doc-cover'})])]
    }
  ]
  if (!pack.single) {
    documents.push(
      {
        ...base,
        filename: 'title-page.xhtml',
        title: pack.title,
        landmark: 'titlepage',
        body: [paged(titlePage(pack), pageMap), ...optional(packNotice(pack)).map((notice) => paged(notice, pageMap))]
      },
      {...base, filename: contentsFilename, title: words.contents, landmark: 'toc', body: [paged(contents(pack, {rank: 1}), pageMap)]}
    )
  }
  for (const entry of pack.entries) {
    if (entry.kind === 'reading') {
      documents.push(...readingDocuments(pack, entry, pageMap))
      continue
    }
    // A part has a document of its own (its title page); its readings nest under it in the nav.
    const filename = `part-${entry.number}.xhtml`
    const readings = entry.readings.flatMap((reading) => readingDocuments(pack, reading, pageMap))
    const intro = entry.intro ? (structuredClone(entry.intro).children.filter((child) => child.type !== 'doctype') as ElementContent[]) : []
    // Pages are marked before the introduction's notes go in, as in a reading.
    const partTitlePage = paged(partPage(entry, 1, intro), pageMap)
    partTitlePage.children.push(...footnoteAsides(entry))
    documents.push(
      {
        ...base,
        filename,
        title: entry.title,
        landmark: 'part',
        part: entry,
        toc: {label: entry.title, target: filename, children: readings.flatMap((document) => (document.toc ? [document.toc] : []))},
        body: [partTitlePage]
      },
      // Their entries are the part's children now, not top-level ones.
      ...readings.map((document) => ({...document, toc: undefined}))
    )
  }
  const appendix = authorAppendix(pack, 1)
  if (appendix) paged(appendix, pageMap)
  if (appendix) {
    documents.push({
      ...base,
      filename: 'about-the-authors.xhtml',
      title: words.aboutTheAuthors,
      landmark: 'backmatter',
      toc: {label: words.aboutTheAuthors, target: 'about-the-authors.xhtml', children: []},
      body: [appendix]
    })
  }
  markFirst(documents, 'bodymatter', (document) => document.reading !== undefined)
  markFirst(documents, 'bibliography', (document) => document.body.some(isBibliography))
  return documents
}

/** A reading's document, and its bibliography's when it has one. */
function readingDocuments(pack: Pack, reading: Reading, pageMap: PageMap | undefined): BookDocument[] {
  const stem = `r${String(reading.number).padStart(3, '0')}-${reading.slug}`
  // Page breaks go in while the reading is whole, as it was printed; then its bibliographies move out.
  const whole = paged(h('section', {id: reading.id}, [readingHeader(pack, reading, 1), ...readingBody(reading, 1)]), pageMap)
  const {text, bibliographies} = splitBibliographies(whole.children)
  const entry: TocEntry = {label: reading.matter.title, target: `${stem}.xhtml`, children: headingTree(reading.headings)}
  const documents: BookDocument[] = [
    {
      filename: `${stem}.xhtml`,
      title: reading.matter.title,
      lang: reading.lang,
      reading,
      landmark: undefined,
      toc: entry,
      bodyClass: undefined,
      body: [
        h('section', {id: reading.id, role: 'doc-chapter', className: ['reading'], ariaLabelledby: `${reading.id}-title`}, [
          ...withPdfNote(text, reading),
          ...footnoteAsides(reading)
        ])
      ]
    }
  ]
  for (const [index, bibliography] of bibliographies.entries()) {
    const filename = `${stem}-references${index > 0 ? `-${index + 1}` : ''}.xhtml`
    const label = sectionLabel(bibliography) ?? reading.matter.title
    if (!containsTarget(entry, bibliography)) entry.children.push({label, target: filename, children: []})
    documents.push({
      filename,
      title: `${label} · ${reading.matter.title}`,
      lang: reading.lang,
      reading,
      landmark: undefined,
      toc: undefined,
      bodyClass: undefined,
      body: [bibliography]
    })
  }
  return documents
}

/** Bibliographies at the top of a reading's body move to a document of their own. */
function splitBibliographies(children: ElementContent[]): {text: ElementContent[]; bibliographies: Element[]} {
  const text: ElementContent[] = []
  const bibliographies: Element[] = []
  for (const child of children) {
    if (isBibliography(child)) bibliographies.push(child)
    else text.push(child)
  }
  return {text, bibliographies}
}

function isBibliography(node: ElementContent): node is Element {
  return node.type === 'element' && node.properties['role'] === 'doc-bibliography'
}

/** The section's heading text or its label. */
function sectionLabel(section: Element): string | undefined {
  const heading = section.children.find((child): child is Element => child.type === 'element' && /^h[1-6]$/.test(child.tagName))
  const label = heading ? toString(heading).trim() : String(section.properties['ariaLabel'] ?? '').trim()
  return label || undefined
}

/** Whether the entry already points into the section (its heading is one of the reading's). */
function containsTarget(entry: TocEntry, section: Element): boolean {
  const ids = new Set<string>()
  const collect = (node: ElementContent) => {
    if (node.type !== 'element') return
    if (typeof node.properties['id'] === 'string') ids.add(node.properties['id'])
    node.children.forEach(collect)
  }
  collect(section)
  const walk = (candidate: TocEntry): boolean => ids.has(candidate.target) || candidate.children.some(walk)
  return entry.children.some(walk)
}

/** The reading's sections nested by rank; headings without text have no entry. */
export function headingTree(headings: Heading[]): TocEntry[] {
  const root: TocEntry[] = []
  const open: Array<{rank: number; entry: TocEntry}> = []
  for (const heading of headings) {
    if (heading.text.trim() === '') continue
    const entry: TocEntry = {label: heading.text.trim(), target: heading.id, children: []}
    while ((open.at(-1)?.rank ?? 0) >= heading.rank) open.pop()
    ;(open.at(-1)?.entry.children ?? root).push(entry)
    open.push({rank: heading.rank, entry})
  }
  return root
}

function optional(element: Element | undefined): Element[] {
  return element ? [element] : []
}

function markFirst(documents: BookDocument[], landmark: Landmark, test: (document: BookDocument) => boolean): void {
  const first = documents.find(test)
  if (first && !first.landmark) first.landmark = landmark
}

/** A PDF reading's note that its pages are in print, right after the reading's header. */
function withPdfNote(text: ElementContent[], reading: Reading): ElementContent[] {
  const note = pdfReadingNote(reading)
  if (!note) return text
  const header = text.findIndex((node) => node.type === 'element' && node.tagName === 'header')
  return [...text.slice(0, header + 1), note, ...text.slice(header + 1)]
}
