/**
 * The navigation document, the reading system's own contents menu: readings, each with its
 * sections nested by rank, then the appendix; and the landmarks (cover, title page, contents,
 * start of the text, bibliography, back matter). Also the same contents as an NCX, for
 * EPUB 2 reading systems still in use.
 */
import type {ElementContent} from 'hast'
import {h} from 'hastscript'
import {x} from 'xastscript'
import type {Element as XmlElement} from 'xast'
import type {Pack} from '../../pack/model.ts'
import {wordsFor} from '../../words.ts'
import type {BookDocument, TocEntry} from './documents.ts'
import type {Resolve} from './links.ts'
import type {PageMap} from '../../pack/page-map.ts'
import {xmlDocument} from './xhtml.ts'

export interface ResolvedEntry {
  label: string
  href: string
  children: ResolvedEntry[]
}

/** The contents with every target resolved; entries whose target vanished are left out. */
export function tocEntries(documents: BookDocument[], resolve: Resolve): ResolvedEntry[] {
  const convert = (entry: TocEntry): ResolvedEntry[] => {
    const href = resolve(entry.target)
    const children = entry.children.flatMap(convert)
    return href ? [{label: entry.label, href, children}] : children
  }
  return documents.flatMap((document) => (document.toc ? convert(document.toc) : []))
}

/** A print page in the page list: its number and where it starts in the book. */
export interface PageEntry {
  label: string
  href: string
}

/** The print pages whose start is in the book, resolved. */
export function pageEntries(pageMap: PageMap | undefined, resolve: Resolve): PageEntry[] {
  return (pageMap?.pages ?? []).flatMap((page) => {
    const href = resolve(`page-${page.label}`)
    return href ? [{label: page.label, href}] : []
  })
}

export function navDocument(pack: Pack, documents: BookDocument[], entries: ResolvedEntry[], pages: PageEntry[] = []): {title: string; body: ElementContent[]} {
  const words = wordsFor(pack.lang)
  const list = (items: ResolvedEntry[]): ElementContent =>
    h(
      'ol',
      items.map((item) => h('li', [h('a', {href: item.href}, item.label), ...(item.children.length > 0 ? [list(item.children)] : [])]))
    )
  const landmarks = documents.filter((document) => document.landmark)
  return {
    title: words.contents,
    body: [
      h('nav', {'epub:type': 'toc', role: 'doc-toc', id: 'toc', ariaLabelledby: 'toc-title'}, [h('h1', {id: 'toc-title'}, words.contents), list(entries)]),
      h('nav', {'epub:type': 'landmarks', id: 'landmarks', hidden: true, ariaLabelledby: 'landmarks-title'}, [
        h('h2', {id: 'landmarks-title'}, words.landmarks),
        h(
          'ol',
          landmarks.map((document) =>
            h('li', [h('a', {'epub:type': document.landmark ?? '', href: document.filename}, document.landmark === 'cover' ? words.cover : document.title)])
          )
        )
      ]),
      // The print edition's pages, so a reader can go to "page 37" (EPUB 3.3, 7.4.3 page-list).
      ...(pages.length > 0
        ? [
            h('nav', {'epub:type': 'page-list', role: 'doc-pagelist', id: 'page-list', hidden: true, ariaLabelledby: 'page-list-title'}, [
              h('h2', {id: 'page-list-title'}, words.pages),
              h(
                'ol',
                pages.map((page) => h('li', [h('a', {href: page.href}, page.label)]))
              )
            ])
          ]
        : [])
    ]
  }
}

/** The NCX: the same tree, numbered in reading order (one number per target). */
export function ncxDocument(identifier: string, title: string, entries: ResolvedEntry[]): string {
  const order = new Map<string, number>()
  let depth = 0
  let count = 0
  const points = (items: ResolvedEntry[], level: number): XmlElement[] => {
    if (items.length > 0) depth = Math.max(depth, level)
    return items.map((item) => {
      if (!order.has(item.href)) order.set(item.href, order.size + 1)
      const number = order.get(item.href)!
      return x('navPoint', {id: `point-${++count}`, playOrder: String(number)}, [
        x('navLabel', [x('text', item.label)]),
        x('content', {src: item.href}),
        ...points(item.children, level + 1)
      ])
    })
  }
  const navMap = x('navMap', points(entries, 1))
  return xmlDocument(
    x(null, [
      x('ncx', {xmlns: 'http://www.daisy.org/z3986/2005/ncx/', version: '2005-1'}, [
        x('head', [
          x('meta', {name: 'dtb:uid', content: identifier}),
          x('meta', {name: 'dtb:depth', content: String(depth)}),
          x('meta', {name: 'dtb:totalPageCount', content: '0'}),
          x('meta', {name: 'dtb:maxPageNumber', content: '0'})
        ]),
        x('docTitle', [x('text', title)]),
        navMap
      ])
    ]),
    {voidOnly: false}
  )
}
