/**
 * The parts every edition puts around the readings, as hast: a reading's title block, the
 * pack's title page and contents, the notes list and the author appendix. Editions arrange
 * them and may restyle them, but the words and links are the same everywhere.
 */
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import {peopleOf, type Pack, type Part, type Reading, type WithNotes} from '../../pack/model.ts'
import type {Notice} from '../../pack/notice.ts'
import type {PackPerson} from '../../pack/people.ts'
import type {Note} from '../../transform/vfile-data.ts'
import {formatDate, joinNames, wordsFor} from '../../words.ts'

/** Id of the author appendix, the target of bylines. */
export const appendixId = 'about-the-authors'
/** Id of the contents. */
export const contentsId = 'contents'

type Rank = number

function heading(rank: number, properties: Record<string, string | string[]>, children: ElementContent[] | string): Element {
  return h(`h${Math.min(6, rank)}`, properties, children)
}

/** Names joined as prose; those with an entry in the appendix link to it. */
function linkedNames(people: PackPerson[], lang: string): ElementContent[] {
  const links = people.map((person) =>
    hasAbout(person) ? h('a', {href: '#' + person.id, className: ['person']}, person.name) : h('span', {className: ['person']}, person.name)
  )
  const out: ElementContent[] = []
  const and = wordsFor(lang).and
  for (const [index, link] of links.entries()) {
    if (index > 0) out.push({type: 'text', value: index === links.length - 1 ? ` ${and} ` : ', '})
    out.push(link)
  }
  return out
}

export function authorNames(pack: Pack, reading: Reading): string {
  return joinNames(
    peopleOf(pack, reading.authorIds).map((person) => person.name),
    reading.lang
  )
}

/** Title, subtitle, byline, source line and "How to cite this" of a reading. */
export function readingHeader(pack: Pack, reading: Reading, rank: Rank): Element {
  const {matter, lang} = reading
  const words = wordsFor(lang)
  const authors = peopleOf(pack, reading.authorIds)
  const children: ElementContent[] = [heading(rank, {className: ['reading-title'], id: reading.id + '-title'}, matter.title)]
  if (matter.subtitle) children.push(h('p', {className: ['reading-subtitle']}, matter.subtitle))
  if (authors.length > 0) children.push(h('p', {className: ['byline']}, [{type: 'text', value: words.by + ' '}, ...linkedNames(authors, lang)]))
  if (matter.source) {
    const details = [matter.publisher, matter.date ? formatDate(matter.date, lang) : undefined].filter(Boolean).join(', ')
    children.push(
      h('p', {className: ['source']}, [
        `${words.source} `,
        h('a', {href: matter.source, className: ['source-url']}, matter.source),
        details ? ` (${details}).` : '.'
      ])
    )
  } else if (matter.date || matter.publisher) {
    children.push(h('p', {className: ['source']}, [matter.publisher, matter.date ? formatDate(matter.date, lang) : undefined].filter(Boolean).join(', ')))
  }
  const howToCite = reading.file.data.howToCite
  if (howToCite && howToCite.length > 0) {
    children.push(
      h('p', {className: ['how-to-cite']}, [h('span', {className: ['how-to-cite-label']}, `${wordsFor(lang).howToCite}: `), ...structuredClone(howToCite)])
    )
  }
  if (reading.notice) children.push(noticeLine(reading.notice, lang))
  return h('header', {className: ['reading-header']}, children)
}

/** A reading's notice, as one paragraph: copyright, statement, licence (linked), rights. */
export function noticeLine(notice: Notice, lang: string): Element {
  const words = wordsFor(lang)
  const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`)
  const parts: Array<Array<ElementContent | string>> = []
  if (notice.copyright) parts.push([sentence(notice.copyright)])
  if (notice.statement) parts.push([sentence(notice.statement)])
  if (notice.licence) {
    const {name, url} = notice.licence
    parts.push([`${words.licensedUnder} `, url ? h('a', {href: url, rel: 'license'}, name) : name, '.'])
  }
  if (notice.rights) parts.push([sentence(notice.rights)])
  return h(
    'p',
    {className: ['notice']},
    parts.flatMap((part, index) => (index > 0 ? [' ', ...part] : part))
  )
}

/** For the editions that do not print a PDF reading's pages: where they are. */
export function pdfReadingNote(reading: Reading): Element | undefined {
  if (!reading.pdf) return undefined
  const words = wordsFor(reading.lang)
  const range = reading.pdf.originalPages
  return h('p', {className: ['pdf-in-print']}, range ? words.inPrintRange.replace('{pages}', dashed(range)) : words.inPrint)
}

/** Page ranges as typeset: `45-54` → `45–54`. */
export function dashed(range: string): string {
  return range.replace(/(\d)\s*-\s*(\d)/g, '$1–$2')
}

/** The course, as lines: code and title; term and institution; who teaches it. */
export function courseLines(pack: Pack): string[] {
  const course = pack.course
  if (!course) return []
  const words = wordsFor(pack.lang)
  const instructors = joinNames(
    peopleOf(pack, course.instructorIds).map((person) => person.name),
    pack.lang
  )
  const first = [course.code, course.title].filter(Boolean).join(': ')
  const second = [course.term, course.institution].filter(Boolean).join(' · ')
  return [first, second, instructors ? `${words.taughtBy} ${instructors}` : ''].filter(Boolean)
}

/** The course block of the title page (and the web page's header). */
function courseBlock(pack: Pack): Element | undefined {
  const lines = courseLines(pack)
  if (lines.length === 0) return undefined
  const url = pack.course?.url
  return h(
    'div',
    {className: ['pack-course']},
    lines.map((line, index) => h('p', {className: ['course-line']}, index === 0 && url ? h('a', {href: url}, line) : line))
  )
}

/** `notice:` of the pack: on the back of the title page in print, at the front elsewhere. */
export function packNotice(pack: Pack): Element | undefined {
  if (!pack.notice && !pack.rights) return undefined
  return h('section', {className: ['pack-notice'], id: 'notice'}, [
    ...(pack.notice ? [h('p', {className: ['notice']}, pack.notice)] : []),
    ...(pack.rights ? [h('p', {className: ['rights']}, pack.rights)] : [])
  ])
}

/** A part's title page: its title and, when given, its introduction. */
export function partPage(part: Part, rank: Rank, intro: ElementContent[]): Element {
  return h('section', {className: ['part'], id: part.id, role: 'doc-part', ariaLabelledby: `${part.id}-title`}, [
    heading(rank, {className: ['part-title'], id: `${part.id}-title`}, part.title),
    ...(intro.length > 0 ? [h('div', {className: ['part-intro']}, intro)] : [])
  ])
}

/** The pack's title page: title, subtitle, editors, date. */
export function titlePage(pack: Pack): Element {
  const words = wordsFor(pack.lang)
  const editors = peopleOf(pack, pack.editorIds)
  const children: ElementContent[] = [h('h1', {className: ['pack-title']}, pack.title)]
  if (pack.subtitle) children.push(h('p', {className: ['pack-subtitle']}, pack.subtitle))
  if (editors.length > 0) children.push(h('p', {className: ['pack-editors']}, [`${words.editedBy} `, ...linkedNames(editors, pack.lang)]))
  if (pack.date) children.push(h('p', {className: ['pack-date']}, formatDate(pack.date, pack.lang)))
  const course = courseBlock(pack)
  if (course) children.unshift(course)
  return h('section', {className: ['title-page'], id: 'title-page'}, children)
}

export interface ContentsOptions {
  rank: Rank
  /** Leave an empty `span.toc-page` in each entry for the PDF to fill with page numbers. */
  pageSlots?: boolean
  /** Where each entry links, by target id (EPUB entries point into other files). */
  href?: (id: string) => string
}

/** The contents: each reading with its authors, then the appendix. */
export function contents(pack: Pack, options: ContentsOptions): Element {
  const words = wordsFor(pack.lang)
  const href = options.href ?? ((id: string) => '#' + id)
  const entry = (id: string, title: string, authors: string | undefined) =>
    h('li', {className: ['toc-entry']}, [
      h('a', {href: href(id)}, [
        h('span', {className: ['toc-title']}, title),
        ...(authors ? [h('span', {className: ['toc-authors']}, authors)] : []),
        ...(options.pageSlots ? [h('span', {className: ['toc-page'], dataTarget: id})] : [])
      ])
    ])
  const readingEntry = (reading: Reading) => entry(reading.id, reading.matter.title, authorNames(pack, reading) || undefined)
  const entries = pack.entries.map((item) => {
    if (item.kind === 'reading') return readingEntry(item)
    const line = entry(item.id, item.title, undefined)
    line.properties['className'] = ['toc-entry', 'toc-part']
    line.children.push(h('ol', {className: ['toc']}, item.readings.map(readingEntry)))
    return line
  })
  if (pack.people.some(hasAbout)) entries.push(entry(appendixId, words.aboutTheAuthors, undefined))
  return h('nav', {role: 'doc-toc', id: contentsId, className: ['contents'], ariaLabelledby: contentsId + '-title'}, [
    heading(options.rank, {id: contentsId + '-title'}, words.contents),
    h('ol', {className: ['toc']}, entries)
  ])
}

function hasAbout(person: PackPerson): boolean {
  return Boolean(person.bio ?? person.affiliation)
}

/** The notes of a reading as an ordered list, each with a link back to its first reference. */
export function notesList(reading: WithNotes, rank: Rank): Element | undefined {
  if (reading.notes.length === 0) return undefined
  const words = wordsFor(reading.lang)
  const titleId = reading.id + '-notes-title'
  // Named by the heading and the reading's title, so each reading's notes are a landmark of their own.
  return h('section', {className: ['notes'], role: 'doc-endnotes', ariaLabelledby: [titleId, reading.id + '-title']}, [
    heading(rank, {id: titleId}, words.notes),
    h(
      'ol',
      {},
      reading.notes.map((note) => h('li', {id: note.id, value: String(note.number)}, withBacklink(note, words.backToText)))
    )
  ])
}

/** A note's content with a back link at the end of its last paragraph. */
export function withBacklink(note: Note, label: string): ElementContent[] {
  const children = structuredClone(note.children)
  const firstRef = note.refIds[0]
  if (!firstRef) return children
  const backlink = h('a', {href: '#' + firstRef, role: 'doc-backlink', ariaLabel: label, className: ['backlink']}, '↩')
  const last = children.at(-1)
  if (last?.type === 'element' && last.tagName === 'p') last.children.push({type: 'text', value: ' '}, backlink)
  else children.push(backlink)
  return children
}

/** "About the authors": each person once, with affiliation, bio and contact links. */
export function authorAppendix(pack: Pack, rank: Rank): Element | undefined {
  const people = pack.people.filter(hasAbout)
  if (people.length === 0) return undefined
  const words = wordsFor(pack.lang)
  return h('section', {role: 'doc-appendix', id: appendixId, className: ['appendix'], ariaLabelledby: appendixId + '-title'}, [
    heading(rank, {id: appendixId + '-title'}, words.aboutTheAuthors),
    ...people.map((person) => {
      const links: ElementContent[] = []
      if (person.orcid) links.push(h('a', {href: `https://orcid.org/${person.orcid}`}, `ORCID ${person.orcid}`))
      if (person.email) links.push(h('a', {href: `mailto:${person.email}`}, person.email))
      if (person.url) links.push(h('a', {href: person.url}, person.url))
      return h('section', {className: ['person'], id: person.id}, [
        heading(rank + 1, {className: ['person-name']}, person.name),
        ...(person.affiliation ? [h('p', {className: ['affiliation']}, person.affiliation)] : []),
        ...(person.bio ? [h('p', {className: ['bio']}, person.bio)] : []),
        ...(links.length > 0
          ? [
              h(
                'p',
                {className: ['contact']},
                links.flatMap((link, index) => (index > 0 ? [{type: 'text' as const, value: ' · '}, link] : [link]))
              )
            ]
          : [])
      ])
    })
  ])
}
