/**
 * A PDF reading's file, read once when the pack is loaded: is it a PDF that can be placed
 * (not encrypted, not broken, not empty), which of its pages are used, whether it is tagged,
 * and its text page by page. The text is what the e-reader and web editions print for a
 * PDF reading; pages without any are scans without OCR, which the editor is warned about.
 *
 * Text comes from pdf.js (`pdfjs-dist`, pure JavaScript): poppler's pdftotext is not on
 * every machine Folio runs on, and pdf.js reads the same files browsers show.
 */
import type {PDFDocument} from 'pdf-lib'

export interface PdfSource {
  /** The file's bytes, for the print edition. */
  bytes: Uint8Array
  /** Pages in the file. */
  pageCount: number
  /** 0-based pages used, in order. */
  pages: number[]
  /** The file has a structure tree (and says its content is marked). */
  tagged: boolean
  /** Each used page's text, as paragraphs; empty for a page without text. */
  text: string[][]
  /** 1-based pages of the file, among those used, that have no text at all. */
  textless: number[]
}

/** A problem with the file, worded for a message at the entry's place in `pack.yaml`. */
export class PdfSourceError extends Error {}

/**
 * Read a PDF reading's file. `range` is the `pages` key: `3-12`, `5`, `1-3, 7` (1-based,
 * inclusive); all pages when absent.
 */
export async function readPdfSource(bytes: Uint8Array, range: string | number | undefined): Promise<PdfSource> {
  const encrypted = new PdfSourceError('Unexpected encrypted PDF, expected a file without a password or restrictions')
  // pdf-lib is a quarter of a second to load: only for packs that have PDF readings.
  const {PDFDocument, PDFName} = await import('pdf-lib')
  let document: PDFDocument
  let pageCount: number
  try {
    // Loaded even when encrypted, to say so: pdf-lib cannot decrypt, so such a file is refused.
    document = await PDFDocument.load(bytes, {updateMetadata: false, ignoreEncryption: true, parseSpeed: Number.POSITIVE_INFINITY})
    pageCount = document.isEncrypted ? 0 : document.getPageCount()
  } catch (error) {
    throw unreadable(error)
  }
  if (document.isEncrypted) throw encrypted
  if (pageCount === 0) throw new PdfSourceError('Unexpected PDF without pages, expected at least one page')
  const pages = parseRange(range, pageCount)

  const {getDocument} = await import('pdfjs-dist/legacy/build/pdf.mjs')
  let text: string[][]
  try {
    // pdf.js transfers the buffer it is given to its worker: it gets a copy.
    const reader = await getDocument({data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, stopAtErrors: true}).promise
    if (reader.numPages !== pageCount) throw new Error(`${reader.numPages} pages found where the page tree says ${pageCount}`)
    text = []
    for (const index of pages) text.push(paragraphs((await (await reader.getPage(index + 1)).getTextContent()).items))
    await reader.destroy()
  } catch (error) {
    throw error instanceof Error && error.name === 'PasswordException' ? encrypted : unreadable(error)
  }

  const root = document.catalog.get(PDFName.of('StructTreeRoot'))
  return {
    bytes,
    pageCount,
    pages,
    tagged: root !== undefined,
    text,
    textless: pages.filter((_page, index) => text[index]!.length === 0).map((page) => page + 1)
  }
}

/** 0-based page indices from a 1-based range such as `3-12` or `1-3, 7`. */
export function parseRange(range: string | number | undefined, pageCount: number): number[] {
  if (range === undefined) return Array.from({length: pageCount}, (_value, index) => index)
  const pages: number[] = []
  for (const part of String(range).split(',')) {
    const match = /^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$/.exec(part)
    if (!match) throw new PdfSourceError(`Unexpected page range \`${range}\`, expected pages such as \`3-12\` or \`1-3, 7\``)
    const from = Number(match[1])
    const to = match[2] === undefined ? from : Number(match[2])
    if (from < 1 || to < from) throw new PdfSourceError(`Unexpected page range \`${part.trim()}\`, expected a first page from 1 and a last page not before it`)
    if (to > pageCount) {
      throw new PdfSourceError(
        `Unexpected page range \`${part.trim()}\` in a PDF of ${pageCount} page${pageCount === 1 ? '' : 's'}, expected pages from 1 to ${pageCount}`
      )
    }
    for (let page = from; page <= to; page++) pages.push(page - 1)
  }
  return pages
}

interface TextItem {
  str: string
  hasEOL: boolean
  transform: number[]
  height: number
}

/**
 * Lines joined into paragraphs: a new paragraph where the gap between two lines is clearly
 * larger than the usual line spacing of the page, or where the text moves up (a new column).
 */
function paragraphs(items: ReadonlyArray<object>): string[] {
  const lines: Array<{text: string; y: number; size: number}> = []
  let current = ''
  let y: number | undefined
  let size = 0
  const end = () => {
    if (current.trim()) lines.push({text: current.replace(/\s+/g, ' ').trim(), y: y ?? 0, size})
    current = ''
    y = undefined
    size = 0
  }
  for (const item of items as TextItem[]) {
    if (typeof item.str !== 'string') continue
    const itemY = item.transform[5] ?? 0
    if (y !== undefined && Math.abs(itemY - y) > Math.max(item.height, size) * 0.5) end()
    if (item.str) {
      y ??= itemY
      size = Math.max(size, item.height)
      current += item.str
    }
    if (item.hasEOL) {
      if (current && !current.endsWith(' ')) current += ' '
      if (current.trim()) end()
    }
  }
  end()
  if (lines.length === 0) return []
  const gaps = lines.slice(1).map((line, index) => lines[index]!.y - line.y)
  const usual = median(gaps.filter((gap) => gap > 0)) ?? 0
  const result: string[] = []
  let paragraph = lines[0]!.text
  for (let index = 1; index < lines.length; index++) {
    const gap = gaps[index - 1]!
    const line = lines[index]!
    const previous = lines[index - 1]!
    if (gap <= 0 || gap > usual * 1.4 || Math.abs(line.size - previous.size) > 1) {
      result.push(paragraph)
      paragraph = line.text
    } else paragraph = paragraph.endsWith('-') ? paragraph + line.text : `${paragraph} ${line.text}`
  }
  result.push(paragraph)
  return result
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function unreadable(error: unknown): PdfSourceError {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 120)
  return new PdfSourceError(`Unexpected file that is not a readable PDF (${reason}), expected a PDF file`)
}
