/**
 * The landing page, `dist/index.html`: what a course website or a CI job publishes beside
 * the editions. The pack's cover, title and course, what it is about, a download link for
 * each file the build wrote (with its size, and the page count of PDFs), and how to cite the
 * pack. Links are relative, so the folder can be served from anywhere.
 */
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {toString} from 'hast-util-to-string'
import {inlineFontCss, template} from '../shared/assets.ts'

/** One file the build wrote. */
export interface SiteFile {
  format: 'html' | 'pdf' | 'epub'
  /** Path relative to the landing page, with `/` separators. */
  href: string
  bytes: number
  /** Pages, for a PDF. */
  pages?: number
}

/** What the landing page says about the pack; the build gathers it from the pack model. */
export interface SitePack {
  title: string
  subtitle: string | undefined
  lang: string
  /** Who made the pack: editors, or the readings' authors. */
  people: {role: string | undefined; names: string}
  /** The course line(s): code and title, term, institution, instructors. */
  course: string[]
  courseUrl: string | undefined
  description: string | undefined
  /** The pack's cover image as a data URL, when it has one; else a cover is drawn. */
  cover: string | undefined
  /** "How to cite this pack", in the pack's style. */
  howToCite: ElementContent[]
}

export interface SiteReading {
  title: string
  files: SiteFile[]
}

/** Words of the landing page, by the pack's language (English for others). */
export interface SiteWords {
  download: string
  readings: string
  howToCitePack: string
  formats: Record<SiteFile['format'], string>
  pages: (count: number) => string
}

export function renderSite(pack: SitePack, editions: SiteFile[], readings: SiteReading[], words: SiteWords): string {
  const cover: Element = pack.cover
    ? h('img', {className: ['cover'], src: pack.cover, alt: ''})
    : h('div', {className: ['cover', 'drawn'], ariaHidden: 'true'}, [
        h('div', {className: ['band']}),
        h('p', {className: ['cover-title']}, pack.title),
        ...(pack.people.names ? [h('p', {className: ['cover-people']}, pack.people.names)] : [])
      ])
  const header = h('header', {className: ['site-header']}, [
    ...(pack.course.length > 0
      ? [h('p', {className: ['course']}, pack.courseUrl ? h('a', {href: pack.courseUrl}, pack.course.join(' · ')) : pack.course.join(' · '))]
      : []),
    h('h1', pack.title),
    ...(pack.subtitle ? [h('p', {className: ['subtitle']}, pack.subtitle)] : []),
    ...(pack.people.names ? [h('p', {className: ['people']}, [pack.people.role ? `${pack.people.role} ` : '', pack.people.names])] : [])
  ])

  const link = (file: SiteFile, label: string): Element =>
    h('a', {href: encodeURI(file.href), type: mediaTypes[file.format], ...(file.format === 'html' ? {} : {download: ''})}, [
      label,
      h('span', {className: ['size']}, ` (${[file.pages ? words.pages(file.pages) : undefined, size(file.bytes)].filter(Boolean).join(', ')})`)
    ])
  const main: ElementContent[] = [
    h('div', {className: ['intro']}, [cover, h('div', [header, ...(pack.description ? [h('p', {className: ['description']}, pack.description)] : [])])]),
    h('section', {ariaLabelledby: 'download'}, [
      h('h2', {id: 'download'}, words.download),
      h(
        'ul',
        {className: ['editions']},
        editions.map((file) => h('li', [link(file, words.formats[file.format])]))
      )
    ])
  ]
  if (readings.length > 0) {
    main.push(
      h('section', {ariaLabelledby: 'readings'}, [
        h('h2', {id: 'readings'}, words.readings),
        h(
          'ol',
          {className: ['reading-files']},
          readings.map((reading) =>
            h('li', [
              h('span', {className: ['reading-title']}, reading.title),
              ' ',
              h(
                'span',
                {className: ['reading-links']},
                reading.files.flatMap((file, index) => [...(index > 0 ? [' · '] : []), link(file, file.format.toUpperCase())])
              )
            ])
          )
        )
      ])
    )
  }
  if (pack.howToCite.length > 0) {
    main.push(h('section', {ariaLabelledby: 'cite'}, [h('h2', {id: 'cite'}, words.howToCitePack), h('p', {className: ['how-to-cite']}, pack.howToCite)]))
  }

  const body = h('body', [h('main', {className: ['site']}, main)])
  const css = inlineFontCss(toString(body)) + template('css/base.css') + template('css/site.css')
  const tree: Root = {
    type: 'root',
    children: [
      {type: 'doctype'},
      h('html', {lang: pack.lang}, [
        h('head', [
          h('meta', {charSet: 'utf-8'}),
          h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
          h('title', pack.title),
          ...(pack.description ? [h('meta', {name: 'description', content: pack.description})] : []),
          h('meta', {name: 'generator', content: 'Folio'}),
          h('style', css)
        ]),
        body
      ])
    ]
  }
  return toHtml(tree)
}

const mediaTypes: Record<SiteFile['format'], string> = {html: 'text/html', pdf: 'application/pdf', epub: 'application/epub+zip'}

/** Sizes as people read them: 840 KB, 1.2 MB (decimal units, as file managers show). */
function size(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`
  return `${(bytes / 1_000_000).toFixed(1)} MB`
}
