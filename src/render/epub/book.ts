/**
 * The book's documents made ready to serialize, without I/O: built from the shared trees,
 * made valid and accessible XHTML markup, images given their place in the package, links
 * resolved across documents.
 */
import type {Element} from 'hast'
import {visit} from '../../util/visit.ts'
import type {Pack} from '../../pack/model.ts'
import type {PageMap} from '../../pack/page-map.ts'
import {conformAccessibleNames} from './accessible-names.ts'
import {conformAttributes} from './attributes.ts'
import {conformContentModel} from './content-model.ts'
import {bookDocuments, type BookDocument, type CoverPage} from './documents.ts'
import {addEpubTypes} from './epub-types.ts'
import {closeHeadingGaps} from '../shared/heading-levels.ts'
import {mathAsMathml} from './math.ts'
import {placeImages, type PackImage} from './images.ts'
import {linkDocuments, type Resolve} from './links.ts'
import {toXhtml} from './xhtml.ts'

export interface PreparedBook {
  documents: BookDocument[]
  /** The pack's images the documents use, with their place in the package. */
  images: PackImage[]
  /** Where an id or a document is, for the navigation. */
  resolve: Resolve
}

export function prepareBook(pack: Pack, cover: CoverPage, pageMap?: PageMap): PreparedBook {
  const documents = bookDocuments(pack, cover, pageMap)
  for (const document of documents) {
    for (const node of document.body) {
      if (node.type !== 'element') continue
      mathAsMathml(node)
      conformAccessibleNames(node)
      conformContentModel(node)
      conformAttributes(node)
      addEpubTypes(node)
    }
    closeHeadingGaps(document.body)
  }
  const images = placeImages(documents)
  return {documents, images, resolve: linkDocuments(documents)}
}

/** Whether any element of the document passes `test`. */
export function documentHas(document: BookDocument, test: (element: Element) => boolean): boolean {
  let found = false
  for (const node of document.body) {
    if (node.type !== 'element') continue
    visit(node, 'element', (element: Element) => {
      if (test(element)) found = true
    })
  }
  return found
}

/** The document as the XHTML file the package holds. */
export function documentXhtml(document: BookDocument, stylesheets: string[]): string {
  return toXhtml({title: document.title, lang: document.lang, body: document.body, stylesheets, ...(document.bodyClass ? {bodyClass: document.bodyClass} : {})})
}
