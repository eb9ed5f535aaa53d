/**
 * A reading's own PDF, cut from the pack's finished file rather than laid out again: the
 * same pages, so "page 37" is page 37 in both (the folios are on the pages, and the page
 * labels say so to viewers), still tagged (the pack's structure for those pages comes
 * along), with the pack's bookmarks into them.
 */
import {createHash} from 'node:crypto'
import {PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber} from 'pdf-lib'
import {setMetadata, type PdfMetadata} from './finalize.ts'
import {appendStructure, graftPages} from './graft.ts'
import {settleIds} from './ids.ts'
import {addOutline, type OutlineEntry} from './outline.ts'

export interface CutRange {
  /** 1-based pages of the pack, inclusive. */
  first: number
  last: number
  metadata: PdfMetadata
}

/** One file per range, from the pack's finished PDF (loaded once) and its bookmarks. */
export async function cutPdfs(pack: Uint8Array, outline: OutlineEntry[], ranges: CutRange[]): Promise<Uint8Array[]> {
  const source = await PDFDocument.load(pack, {updateMetadata: false, parseSpeed: Number.POSITIVE_INFINITY})
  const lang = source.catalog.get(PDFName.of('Lang'))
  const packDigest = createHash('md5').update(pack).digest('hex')
  const files: Uint8Array[] = []
  for (const range of ranges) {
    const document = await PDFDocument.create({updateMetadata: false})
    const indices = Array.from({length: range.last - range.first + 1}, (_value, index) => range.first - 1 + index)
    const grafted = graftPages(source, document, indices)
    for (const page of grafted.pages) document.addPage(page)
    appendStructure(document, undefined, grafted.elements)
    settleIds(document)
    if (lang) document.catalog.set(PDFName.of('Lang'), lang)
    // Viewers show the pack's page numbers: the first page is labelled `first`, in arabic numerals.
    document.catalog.set(PDFName.of('PageLabels'), document.context.obj({Nums: [0, document.context.obj({S: 'D', St: PDFNumber.of(range.first)}) as PDFDict]}))
    setMetadata(document, range.metadata)
    const inside = outline.filter((entry) => entry.page >= range.first && entry.page <= range.last)
    const top = Math.min(...inside.map((entry) => entry.level))
    addOutline(
      document,
      inside.map((entry) => ({...entry, page: entry.page - range.first + 1, level: entry.level - top + 1}))
    )
    // Same pack, same range: same bytes (the id is a digest, not a clock).
    const id = PDFHexString.of(createHash('md5').update(`${packDigest} ${range.first}-${range.last}`).digest('hex'))
    document.context.trailerInfo.ID = document.context.obj([id, id])
    files.push(await document.save({useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY}))
  }
  return files
}
