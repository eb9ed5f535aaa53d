/**
 * Where each id lives in the EPUB. Ids and links are settled for every edition before any
 * renders (`pack/links.ts`): ids are unique XML names and a reading's links point at ids.
 * On the web page every id sits in one document; here a byline points into the appendix's
 * file, a note reference into its reading's, a link to another reading into that reading's,
 * so each `#id` becomes `file.xhtml#id`. EPUBCheck rejects a link whose target does not
 * exist, and id references (ARIA, `url(#…)`) must stay inside their document, so whatever
 * points elsewhere stops being a link or a reference.
 */
import type {Element, Properties} from 'hast'
import {visit} from '../../util/visit.ts'
import {idListProperties, unlink} from '../../pack/links.ts'
import type {BookDocument} from './documents.ts'

/** Where a target (an id in the book, or a document's file name) is, as an href from any document. */
export type Resolve = (target: string) => string | undefined

export function linkDocuments(documents: BookDocument[]): Resolve {
  const home = new Map<string, string>()
  const files = new Set(documents.map((document) => document.filename))

  for (const document of documents) {
    for (const node of elements(document)) {
      const id = node.properties['id']
      if (typeof id === 'string' && id !== '' && !home.has(id)) home.set(id, document.filename)
    }
  }

  for (const document of documents) {
    const here = document.filename
    for (const node of elements(document)) {
      const href = node.properties['href']
      if (typeof href === 'string' && node.tagName === 'a') {
        // Protocol-relative URLs would resolve inside the package.
        if (href.startsWith('//')) node.properties['href'] = 'https:' + href
        else if (/^[a-z][a-z\d+.-]*:/i.test(href)) continue
        else {
          const file = href.startsWith('#') ? home.get(href.slice(1)) : undefined
          if (file === undefined) unlink(node)
          else node.properties['href'] = file === here ? href : file + href
        }
      }
      for (const key of idListProperties) {
        const value = node.properties[key]
        if (value === undefined || value === null) continue
        const kept = tokens(value).filter((id) => home.get(id) === here)
        if (kept.length > 0) node.properties[key] = kept
        else delete node.properties[key]
      }
      for (const [key, value] of Object.entries(node.properties)) {
        if (typeof value !== 'string' || !value.includes('url(#')) continue
        node.properties[key] = value.replace(/url\(#([^)]+)\)/g, (whole, id: string) => (home.get(id) === here ? whole : 'none'))
      }
    }
  }

  return (target) => {
    if (files.has(target)) return target
    const file = home.get(target)
    return file ? `${file}#${target}` : undefined
  }
}

function tokens(value: Properties[string]): string[] {
  if (Array.isArray(value)) return value.map(String)
  return String(value).split(/\s+/).filter(Boolean)
}

function elements(document: BookDocument): Element[] {
  const found: Element[] = []
  for (const child of document.body) {
    visit(child, 'element', (node: Element) => {
      found.push(node)
    })
  }
  return found
}
