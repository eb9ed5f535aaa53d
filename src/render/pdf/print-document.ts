/**
 * The print document: every chapter of the book (title page, contents, readings, author
 * appendix) in one column at the page's text width, the galley, and every note in a second
 * column, the note galley. The browser measures both, then cuts them into pages.
 */
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {toString} from 'hast-util-to-string'
import {visit} from '../../util/visit.ts'
import type {Pack, Reading, WithNotes} from '../../pack/model.ts'
import type {Note} from '../../transform/vfile-data.ts'
import {template} from '../shared/assets.ts'
import {fontFacesFor, type FontFace} from '../shared/fonts.ts'
import {readingBody} from '../shared/body.ts'
import {numberBlocks} from '../shared/page-breaks.ts'
import {closeHeadingGaps} from '../shared/heading-levels.ts'
import {authorAppendix, contents, packNotice, partPage, readingHeader, titlePage} from '../shared/front-back.ts'
import {documentHead} from '../shared/head.ts'
import {inlineImages, type ImageSource} from '../shared/images.ts'
import {mathAssets} from '../shared/math.ts'
import {wordsFor} from '../../words.ts'
import {geometryCss, type PageGeometry} from './geometry.ts'
import {hyphenateTree} from './hyphenate.ts'
import {addPrintUrls} from './print-links.ts'
import {markContents, markForPdf, markLanguages, markReading} from './pdf-roles.ts'
import {addXrefPageSlots} from './xref-pages.ts'

export interface PrintDocument {
  html: string
  /** The faces its text needs, installed in the page before it is measured. */
  fonts: FontFace[]
  /** Whether every image and drawing has a text alternative: the PDF claims PDF/UA only then. */
  described: boolean
}

export function printDocument(pack: Pack, images: ImageSource, geometry: PageGeometry): PrintDocument {
  const print = printTree(pack, images, geometry)
  return {html: print.html(), fonts: print.fonts, described: print.described}
}

/**
 * The print document before it is written out: the whole of it (`html()`), or a run of its
 * chapters with their notes alone (`html(from, to)`), which lays out as those chapters do in
 * the whole (every chapter opens a page; see `galley-halves.ts`).
 */
export interface PrintTree extends Omit<PrintDocument, 'html'> {
  html(from?: number, to?: number): string
  /** The galley's chapters, in order. */
  chapters: Element[]
  /** Characters of text in each chapter. */
  sizes: number[]
}

export function printTree(pack: Pack, images: ImageSource, geometry: PageGeometry): PrintTree {
  const words = wordsFor(pack.lang)
  const chapters: Element[] = []
  const noteRanges: Array<[number, number]> = []
  const notes: Element[] = [h('div', {className: ['note-rule']})]
  // `rank`: the level of the chapter's title (2 for a reading in a part).
  const chapter = (element: Element, verso: string, recto: string, rank = 1, noteFrom = notes.length - 1) => {
    closeHeadingGaps([element], rank - 1)
    element.properties['className'] = [...classes(element), 'chapter']
    element.properties['dataVerso'] = verso
    element.properties['dataRecto'] = recto
    chapters.push(element)
    noteRanges.push([noteFrom, notes.length - 1])
  }

  if (!pack.single) {
    const title = numbered(titlePage(pack))
    markForPdf(title, 'Sect', 'title-page')
    chapter(title, '', '')
    // The back of the title page: where a licence's notice goes.
    const notice = packNotice(pack)
    if (notice) {
      const verso = numbered(notice)
      markForPdf(verso, 'Sect', 'notice')
      chapter(verso, '', '')
    }
    const toc = numbered(contents(pack, {rank: 1, pageSlots: true}))
    markContents(toc)
    chapter(toc, pack.title, words.contents)
  }
  /** `source`'s notes into the note galley, its references in `tree` tied to them; returns where they start. */
  const takeNotes = (tree: Element, source: WithNotes): number => {
    const noteFrom = notes.length - 1
    numberNoteRefs(tree, source, noteFrom)
    notes.push(...source.notes.map((note, index) => noteElement(source, note, noteFrom + index)))
    return noteFrom
  }
  const readingChapter = (reading: Reading, rank: number) => {
    // A PDF reading is its sheet, then one empty page-high slot per page of the file: the
    // file's pages take the slots' places once the book is printed.
    const flow = h('div', {className: ['reading-body']}, reading.pdf ? [] : readingBody(reading, rank))
    indentParagraphs(flow)
    const slots = (reading.pdf?.source.pages ?? []).map((_page, index) => h('div', {className: ['pdf-slot'], dataPdfSlot: `${reading.id}:${index}`}))
    const body = numbered(
      h('article', {className: ['reading'], id: reading.id, lang: reading.lang}, [readingHeader(pack, reading, rank), ...flow.children, ...slots])
    )
    const noteFrom = takeNotes(body, reading)
    addPrintUrls(body)
    addXrefPageSlots(body, wordsFor(reading.lang).pageAbbreviation)
    hyphenateTree(body, reading.lang)
    markForPdf(body, 'Sect', reading.id, reading.lang === pack.lang ? undefined : reading.lang)
    markReading(body)
    chapter(body, pack.single ? authorsLine(body) : pack.title, reading.matter.title, rank, noteFrom)
  }
  for (const entry of pack.entries) {
    if (entry.kind === 'reading') {
      readingChapter(entry, 1)
      continue
    }
    const intro = entry.intro ? (structuredClone(entry.intro).children as ElementContent[]) : []
    const part = numbered(partPage(entry, 1, intro))
    // The introduction's notes go to the foot of its page, as a reading's do.
    const noteFrom = takeNotes(part, entry)
    addPrintUrls(part)
    hyphenateTree(part, pack.lang)
    markForPdf(part, 'Sect', `part-${entry.number}`)
    chapter(part, pack.title, entry.title, 1, noteFrom)
    part.properties['dataOpensRecto'] = ''
    for (const reading of entry.readings) readingChapter(reading, 2)
  }
  const appendix = authorAppendix(pack, 1)
  if (appendix) {
    numberBlocks(appendix)
    hyphenateTree(appendix, pack.lang)
    markForPdf(appendix, 'Sect', 'about-the-authors')
    chapter(appendix, pack.title, words.aboutTheAuthors)
  }

  const galley = h('div', {id: 'galley'}, chapters)
  const noteGalley = h('div', {id: 'note-galley'}, notes)
  const body = h('body', [galley, noteGalley, h('div', {id: 'pages'})])
  inlineImages(body, images)
  const math = mathAssets(body)
  const css = geometryCss(geometry) + math.css + template('css/base.css') + template('css/print.css')
  const head = documentHead(pack, css)
  const html = (from = 0, to = chapters.length): string => {
    const whole = from === 0 && to === chapters.length
    const notesFrom = noteRanges[from]?.[0] ?? 0
    const notesTo = noteRanges[to - 1]?.[1] ?? 0
    const part = whole
      ? body
      : h('body', [
          {...galley, children: chapters.slice(from, to)},
          {...noteGalley, children: [notes[0]!, ...notes.slice(1 + notesFrom, 1 + notesTo)]},
          h('div', {id: 'pages'})
        ])
    const tree: Root = {type: 'root', children: [{type: 'doctype'}, h('html', {lang: pack.lang}, [head, part])]}
    return toHtml(tree)
  }
  // The body's text is its chapters' then its notes' (the third child is empty): each chapter's
  // is taken once, for the faces and for the halves' balance.
  const texts = chapters.map((element) => toString(element))
  const text = texts.join('') + toString(noteGalley)
  return {
    html,
    chapters,
    sizes: texts.map((chapterText) => chapterText.length),
    fonts: [...fontFacesFor(text), ...math.faces],
    described: everyImageDescribed(body)
  }

  function noteElement(reading: WithNotes, note: Note, index: number): Element {
    const children = structuredClone(note.children)
    const label = h('a', {className: ['fn-label'], href: '#' + (note.refIds[0] ?? '')}, String(note.number))
    const first = children[0]
    if (first?.type === 'element' && first.tagName === 'p') first.children.unshift(label, {type: 'text', value: ' '})
    else children.unshift(h('p', [label]))
    const element = h('div', {className: ['fn'], id: note.id, dataNote: String(index), lang: reading.lang}, children)
    markForPdf(element, 'Note', String(index), reading.lang === pack.lang ? undefined : reading.lang)
    markLanguages(element, reading.lang)
    addPrintUrls(element)
    indentParagraphs(element)
    hyphenateTree(element, reading.lang)
    return element
  }
}

/** Images with alternative text (or marked decorative) and drawings with a title or a label. */
function everyImageDescribed(tree: Element): boolean {
  let described = true
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'img' && node.properties['alt'] !== '' && !String(node.properties['alt'] ?? '').trim()) described = false
    if (node.tagName === 'img' && node.properties['alt'] === '' && node.properties['role'] !== 'presentation') described = false
    if (node.tagName === 'svg') {
      const title = node.children.some((child) => child.type === 'element' && child.tagName === 'title' && toString(child).trim())
      if (!title && !String(node.properties['ariaLabel'] ?? '').trim()) described = false
    }
  })
  return described
}

/** Blocks numbered for the page map, before the print edition adds anything of its own. */
function numbered(element: Element): Element {
  numberBlocks(element)
  return element
}

function classes(element: Element): string[] {
  const value = element.properties['className']
  return Array.isArray(value) ? value.map(String) : []
}

/** Tie each note reference to its note's place in the note galley. */
function numberNoteRefs(tree: Element, reading: WithNotes, offset: number): void {
  const index = new Map(reading.notes.map((note, position) => [note.id, offset + position]))
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'a' || !classes(node).includes('noteref')) return
    const target = index.get(String(node.properties['href']).slice(1))
    if (target !== undefined) node.properties['dataNote'] = String(target)
  })
}

/**
 * Book paragraphs: no space between them, the first line of each that follows another
 * indented. A class, not a sibling selector, so a paragraph keeps its indent when a page
 * break separates it from the one before.
 */
function indentParagraphs(tree: Element): void {
  visit(tree, 'element', (node: Element) => {
    let previous: ElementContent | undefined
    for (const child of node.children) {
      if (child.type === 'text' && child.value.trim() === '') continue
      if (child.type === 'element' && child.tagName === 'p' && previous?.type === 'element' && previous.tagName === 'p') {
        child.properties['className'] = [...classes(child), 'indent']
      }
      previous = child
    }
  })
}

/** The byline's names, for running heads of a single reading. */
function authorsLine(article: Element): string {
  let line = ''
  visit(article, 'element', (node: Element) => {
    if (!line && classes(node).includes('byline')) line = toString(node).replace(/^\S+\s/, '')
  })
  return line
}
