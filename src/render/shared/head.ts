/**
 * The `<head>` of an HTML document for the pack: title, metadata (which the PDF also reads)
 * and the inlined style sheet.
 */
import type {Element} from 'hast'
import {h} from 'hastscript'
import type {Pack} from '../../pack/model.ts'

/** Everyone who wrote a reading, once each, in order. */
export function packAuthors(pack: Pack): string[] {
  const ids = new Set(pack.readings.flatMap((reading) => reading.authorIds))
  return pack.people.filter((person) => ids.has(person.id)).map((person) => person.name)
}

/** What the pack is about, in one line: its abstract, else its subtitle or title. */
export function packDescription(pack: Pack): string {
  return pack.abstract ?? pack.subtitle ?? pack.title
}

export function documentHead(pack: Pack, css: string): Element {
  return h('head', [
    h('meta', {charSet: 'utf-8'}),
    h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
    h('title', pack.title),
    h('meta', {name: 'author', content: packAuthors(pack).join(', ')}),
    h('meta', {name: 'description', content: packDescription(pack)}),
    ...(pack.keywords.length > 0 ? [h('meta', {name: 'keywords', content: pack.keywords.join(', ')})] : []),
    h('meta', {name: 'generator', content: 'Folio'}),
    h('style', css)
  ])
}
