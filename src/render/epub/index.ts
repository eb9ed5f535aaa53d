/**
 * The EPUB edition: one XHTML document per reading plus the title page and the author
 * appendix, packaged by epub-gen-memory.
 */
import type {Element} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {visit} from 'unist-util-visit'
import {EPub, type Chapter} from 'epub-gen-memory'
import type {Pack} from '../../pack/model.ts'
import {template} from '../shared/assets.ts'
import {readingBody} from '../shared/body.ts'
import {authorAppendix, readingHeader, titlePage, withBacklink} from '../shared/front-back.ts'
import {packAuthors, packDescription} from '../shared/head.ts'
import {wordsFor} from '../shared/words.ts'

interface Part {
  title: string
  filename: string
  body: Element
  beforeToc?: boolean
}

export async function renderEpub(pack: Pack, options: {date: Date}): Promise<Uint8Array> {
  const parts: Part[] = []
  if (!pack.single) parts.push({title: pack.title, filename: 'title-page.xhtml', body: h('section', [titlePage(pack)]), beforeToc: true})
  for (const reading of pack.readings) {
    const words = wordsFor(reading.lang)
    const notes = reading.notes.map((note) =>
      h('aside', {id: note.id, role: 'doc-footnote', 'epub:type': 'footnote', className: ['footnote']}, [
        h('p', {className: ['note-number']}, `${words.note} ${note.number}`),
        ...withBacklink(note, words.backToText)
      ])
    )
    parts.push({
      title: reading.matter.title,
      filename: `${String(reading.number).padStart(3, '0')}-${reading.slug}.xhtml`,
      body: h('section', {id: reading.id, lang: reading.lang}, [readingHeader(pack, reading, 1), ...readingBody(reading, 1), ...notes])
    })
  }
  const appendix = authorAppendix(pack, 1)
  if (appendix) parts.push({title: wordsFor(pack.lang).aboutTheAuthors, filename: 'about-the-authors.xhtml', body: h('section', [appendix])})

  resolveLinks(parts)
  const chapters: Chapter[] = parts.map((part) => ({
    title: part.title,
    filename: part.filename,
    content: toHtml(part.body, {space: 'html'}),
    ...(part.beforeToc ? {beforeToc: true, excludeFromToc: true} : {})
  }))

  const css = template('css/base.css') + template('css/epub.css')
  const book = new EPub(
    {
      title: pack.title,
      author: packAuthors(pack),
      publisher: pack.publisher ?? 'Folio',
      description: packDescription(pack),
      lang: pack.lang,
      date: options.date.toISOString(),
      css,
      prependChapterTitles: false,
      numberChaptersInTOC: false,
      tocTitle: wordsFor(pack.lang).contents,
      ignoreFailedDownloads: false,
      verbose: false
    },
    chapters
  )
  const output = await book.genEpub()
  return new Uint8Array(output as Buffer)
}

/** Point `#id` links at the document that holds the id. */
function resolveLinks(parts: Part[]): void {
  const home = new Map<string, string>()
  for (const part of parts) {
    visit(part.body, 'element', (node: Element) => {
      if (typeof node.properties['id'] === 'string') home.set(node.properties['id'], part.filename)
    })
  }
  for (const part of parts) {
    visit(part.body, 'element', (node: Element) => {
      const href = node.properties['href']
      if (typeof href !== 'string' || !href.startsWith('#')) return
      const file = home.get(href.slice(1))
      if (file && file !== part.filename) node.properties['href'] = file + href
    })
  }
}
