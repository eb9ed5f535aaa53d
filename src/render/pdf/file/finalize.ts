/**
 * The PDF as a file: document metadata Chromium does not write (author, subject, keywords,
 * our creator), bookmarks, a clean text layer, and one clock. Chromium stamps the time of
 * printing and an id derived from it; with `date` fixed (from `SOURCE_DATE_EPOCH`) the file
 * depends on its content only.
 */
import {createHash} from 'node:crypto'
import {PDFDocument, PDFHexString, PDFName} from 'pdf-lib'
import type {Store} from '../../../cache/store.ts'
import {settleIds} from './ids.ts'
import {addOutline, type OutlineEntry} from './outline.ts'
import {rewriteStructure, type StructureTag} from './structure.ts'
import {rewritePageContent} from './text-layer.ts'
import {setXmp, type PdfMetadata} from './xmp.ts'

export type {PdfMetadata}

/** What the print document says about its structure, for the tree's rewrite (`structure.ts`). */
export interface PrintedStructure {
  tags: StructureTag[]
  links: string[]
}

const creator = 'Folio'
const producer = 'Folio with Chromium (Skia/PDF) and pdf-lib'

export async function finalizePdf(printed: Uint8Array, metadata: PdfMetadata, outline: OutlineEntry[], structure?: PrintedStructure): Promise<Uint8Array> {
  const document = await loadPrinted(printed)
  return saveFinished(document, printed, metadata, outline, structure ? rewritePrinted(document, structure) : undefined)
}

/** pdf-lib yields to the event loop every 100 objects by default: a 500-page book has hundreds of thousands, so parse in one go. */
export function loadPrinted(printed: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(printed, {updateMetadata: false, parseSpeed: Number.POSITIVE_INFINITY})
}

/**
 * The printed structure tree rewritten for PDF/UA (roles, notes, artifacts left out of it);
 * returns the marked content to make artifacts in the page streams, by page.
 */
export function rewritePrinted(document: PDFDocument, structure: PrintedStructure): Map<number, Set<number>> {
  return rewriteStructure(document, structure.tags, structure.links).artifacts
}

/**
 * Metadata (Info and XMP), a clean text layer with its artifacts, bookmarks and the file id,
 * then the bytes. `printed` is what the file was made from (with any other input in
 * `metadata` and `outline`): its digest is the file's identifier. `store` keeps the
 * rewritten page streams for the next build.
 */
export async function saveFinished(
  document: PDFDocument,
  printed: Uint8Array,
  metadata: PdfMetadata,
  outline: OutlineEntry[],
  artifacts?: Map<number, Set<number>>,
  store?: Store
): Promise<Uint8Array> {
  setMetadata(document, metadata)
  await rewritePageContent(document, artifacts, store)
  addOutline(document, outline)
  settleIds(document)

  // The file identifier (ISO 32000 14.4): a digest of the content without Chromium's clock
  // and the names its renderer gave, so identical input gives identical bytes.
  const id = PDFHexString.of(contentDigest(printed, metadata, outline))
  document.context.trailerInfo.ID = document.context.obj([id, id])
  return document.save({useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY})
}

export function setMetadata(document: PDFDocument, metadata: PdfMetadata): void {
  document.setTitle(metadata.title, {showInWindowTitleBar: true})
  document.setAuthor(metadata.authors.join(', '))
  document.setSubject(metadata.subject)
  // pdf-lib joins keywords with spaces, which splits "international law"; commas keep them whole.
  document.setKeywords([metadata.keywords.join(', ')])
  document.setCreator(creator)
  document.setProducer(producer)
  document.setLanguage(metadata.lang)
  document.setCreationDate(metadata.date)
  document.setModificationDate(metadata.date)
  setXmp(document, {...metadata, creator, producer, pdfua: metadata.described})
  document.catalog.set(PDFName.of('ViewerPreferences'), document.context.obj({DisplayDocTitle: true}))
}

export function contentDigest(printed: Uint8Array, metadata: PdfMetadata, outline: OutlineEntry[]): string {
  const bytes = Buffer.from(printed.buffer, printed.byteOffset, printed.byteLength)
  const hash = createHash('md5')
  let from = 0
  for (const [start, end, replacement] of clockAndNames(bytes)) {
    hash.update(bytes.subarray(from, start))
    hash.update(replacement, 'latin1')
    from = end
  }
  return hash.update(bytes.subarray(from)).update(JSON.stringify({metadata, outline})).digest('hex')
}

/**
 * What a printed file's identifier leaves out, as `[start, end, replacement]` in order: the
 * dates and the file id Chromium's clock sets, and the header cells' names, from a counter of
 * the renderer that printed them (`ids.ts`), which become `()`. Found with `indexOf` over the
 * bytes: a 700-page book's 18 MB as a string, through three regular expressions, took a third
 * of a second.
 */
function clockAndNames(bytes: Buffer): Array<[number, number, string]> {
  const found: Array<[number, number, string]> = []
  const each = (prefix: string, pattern: RegExp, replacement: string, window: number) => {
    for (let at = bytes.indexOf(prefix, 0, 'latin1'); at >= 0; at = bytes.indexOf(prefix, at + 1, 'latin1')) {
      const match = pattern.exec(bytes.toString('latin1', at, Math.min(bytes.length, at + window)))
      if (match) found.push([at, at + match[0].length, replacement])
    }
  }
  // A date runs to its closing parenthesis, however far.
  for (const key of ['/CreationDate (D:', '/ModDate (D:']) {
    for (let at = bytes.indexOf(key, 0, 'latin1'); at >= 0; at = bytes.indexOf(key, at + 1, 'latin1')) {
      const close = bytes.indexOf(0x29, at + key.length)
      if (close >= 0) found.push([at, close + 1, ''])
    }
  }
  each('/ID [<', /^\/ID \[<[0-9a-fA-F]*> ?<[0-9a-fA-F]*>\]/, '', 256)
  each('(node', /^\(node\d+\)/, '()', 32)
  found.sort((a, b) => a[0] - b[0])
  // The patterns cannot overlap (each starts with a delimiter the others' insides lack); an
  // overlap in a corrupt file would keep the first.
  return found.filter((span, index) => index === 0 || span[0] >= found[index - 1]![1])
}
