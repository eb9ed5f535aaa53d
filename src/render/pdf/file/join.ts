/**
 * The book's parts, printed apart (`browser/parts.ts`), joined into the one file a single
 * print would have made: the first part's file takes the other parts' pages with their
 * structure (`graft.ts`), under its own `Document` element, so the structure tree is the
 * whole book's for the rewrite that follows (`structure.ts`), and each link that crossed
 * parts (printed as an address under `partLinkPrefix`) becomes a link to its target's place.
 */
import {PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFDocument} from 'pdf-lib'
import {partLinkPrefix} from '../model.ts'
import {loadPrinted} from './finalize.ts'
import {appendStructure, destinationsByName, graftPages, structTreeRoot} from './graft.ts'
import {arrayOf, name, textOf} from './objects.ts'

export async function joinParts(files: Uint8Array[]): Promise<PDFDocument> {
  const joiner = new PartJoiner()
  for (const file of files) await joiner.add(file)
  return joiner.finish()
}

/**
 * The parts joined one after another as they come, in the book's order: the parts kept from
 * an earlier build join while the browser prints the others.
 */
export class PartJoiner {
  #book: PDFDocument | undefined
  #documentElement: PDFRef | undefined
  /** Where each id is, as a destination array of the joined file. */
  readonly #places = new Map<string, PDFArray>()
  #parts = 0

  /** The next part's file. */
  async add(file: Uint8Array): Promise<void> {
    const index = this.#parts++
    if (!this.#book) {
      const book = (this.#book = await loadPrinted(file))
      this.#documentElement = arrayOf(book.context, structTreeRoot(book).get(name('K'))).find(
        (kid): kid is PDFRef => kid instanceof PDFRef && book.context.lookup(kid, PDFDict).get(name('S')) === name('Document')
      )
      for (const [id, destination] of destinationsByName(book)) this.#places.set(id, destination.array)
      return
    }
    const book = this.#book
    const part = await loadPrinted(file)
    // Each part's renderer named its header cells on its own: the names stay apart (`ids.ts`).
    const grafted = graftPages(
      part,
      book,
      part.getPages().map((_page, pageIndex) => pageIndex),
      `part-${index}/`
    )
    const copiedPage = new Map(part.getPages().map((page, pageIndex) => [page.ref.toString(), grafted.pages[pageIndex]!.ref]))
    for (const page of grafted.pages) book.addPage(page)
    appendStructure(book, this.#documentElement, grafted.elements)
    for (const [id, destination] of destinationsByName(part)) {
      const page = copiedPage.get(destination.page.toString())
      if (!page) continue
      const rest = destination.array
        .asArray()
        .slice(1)
        .map((item) => (item instanceof PDFNumber || item instanceof PDFName ? item : PDFNumber.of(0)))
      this.#places.set(id, book.context.obj([page, ...rest]))
    }
  }

  /** The joined book; a book printed whole is its file as it was printed. */
  finish(): PDFDocument {
    if (!this.#book) throw new Error('No part to join')
    if (this.#parts > 1) relinkParts(this.#book, this.#places)
    return this.#book
  }
}

/** Links printed as addresses to another part, made links to the place of their target. */
function relinkParts(book: PDFDocument, places: Map<string, PDFArray>): void {
  const {context} = book
  for (const page of book.getPages()) {
    for (const ref of arrayOf(context, page.node.get(name('Annots')))) {
      const annotation = context.lookup(ref)
      if (!(annotation instanceof PDFDict) || annotation.get(name('Subtype')) !== name('Link')) continue
      const action = context.lookup(annotation.get(name('A')))
      const address = action instanceof PDFDict ? textOf(context.lookup(action.get(name('URI')))) : undefined
      if (!address?.startsWith(partLinkPrefix)) continue
      const place = places.get(decodeURIComponent(address.slice(partLinkPrefix.length)))
      annotation.delete(name('A'))
      if (place) annotation.set(name('Dest'), place)
      else annotation.set(name('F'), PDFNumber.of(2)) // Hidden: its target did not print.
    }
  }
}
