/**
 * Page-break markers as a reader meets them in the EPUB and on the web page: each print
 * page's number and the words that follow its marker, to find on that page of the PDF.
 */
import {decodeHTML} from 'entities'
import {squash} from './run.ts'

export interface MarkedPage {
  label: string
  /** The document it is in. */
  document: string
  /** The text after the marker, up to the next one (squashed, at most `length` characters). */
  following: string
}

/** Markers in document order: `<span … id="page-N" …>`, in any edition. */
export function markedPages(documents: Array<[name: string, html: string]>, length = 40): MarkedPage[] {
  const found: MarkedPage[] = []
  for (const [name, html] of documents) {
    const body = html.replace(/^[\s\S]*?<body[^>]*>/, '')
    const markers = [...body.matchAll(/<span [^>]*id="page-(\d+)"[^>]*>(?:<!---->|\d+)?<\/span>/g)]
    for (const [index, marker] of markers.entries()) {
      const end = markers[index + 1]?.index ?? body.length
      const after = body.slice(marker.index + marker[0].length, end)
      const text = decodeHTML(after.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' '))
      found.push({label: marker[1]!, document: name, following: squash(text).slice(0, length)})
    }
  }
  return found
}
