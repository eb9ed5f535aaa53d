/**
 * The pages' content streams, rewritten once for two things Chromium does not do.
 *
 * Soft hyphens stay out of the text. Chromium draws soft hyphens that do not end a line as
 * nothing, but tags each as a marked-content span whose ActualText is U+00AD (or holds it,
 * inside a ligature: "f­fi"), so text extraction, search and screen readers see
 * "gov­ern­ment". The soft hyphens leave the ActualText; one left empty says "this glyph
 * stands for no text" (ISO 32000-1, 14.9.4).
 *
 * Artifacts are marked (PDF/UA-1, 7.1): the marked content of running heads, page numbers
 * and the like, which the structure rewrite took out of the tree, becomes `/Artifact`; and
 * what Chromium paints outside any marked content (rules, backgrounds, borders) is wrapped
 * in `/Artifact BMC … EMC`, so every mark on the page is either content or an artifact.
 */
import {promisify} from 'node:util'
import {deflate as deflateCallback, inflate as inflateCallback} from 'node:zlib'
import {PDFArray, PDFName, PDFRawStream, PDFRef, type PDFDocument} from 'pdf-lib'
import {digest, type Store} from '../../../cache/store.ts'

/** An ActualText in UTF-16 (hex) that holds a soft hyphen: alone, or inside a ligature ("f­fi"). */
const actualText = /\/ActualText <feff((?:[0-9a-f]{4})*?00ad(?:[0-9a-f]{4})*)>/gi

const inflate = promisify(inflateCallback)
const deflate = promisify(deflateCallback)

/**
 * Page streams are rewritten a few at a time (zlib runs on libuv's threads, four by default,
 * so more at once would only hold more of the book in memory: a 700-page book has some 75 MB
 * of page content, inflated to text and copied when cleaned) and recompressed at level 3,
 * which takes a fraction of the default level's time for a file a fifth larger.
 *
 * With a `store`, each stream's rewrite is kept under the digest of what Chromium printed and
 * of its artifacts: a rebuild whose other pages were printed before (their parts kept,
 * `print-parts.ts`) rewrites only the pages that changed.
 */
export async function rewritePageContent(document: PDFDocument, artifacts: Map<number, Set<number>> = new Map(), store?: Store): Promise<void> {
  const streams: Array<[PDFRef, PDFRawStream, Set<number>]> = []
  for (const page of document.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'))
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents]
    const marked = artifacts.get(page.ref.objectNumber) ?? new Set<number>()
    for (const ref of refs) {
      if (!(ref instanceof PDFRef)) continue
      const stream = document.context.lookup(ref)
      if (stream instanceof PDFRawStream && stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode')) streams.push([ref, stream, marked])
    }
  }
  let next = 0
  const worker = async () => {
    while (next < streams.length) {
      const [ref, stream, marked] = streams[next++]!
      const printed = stream.getContents()
      const key = store?.enabled ? digest(printed, [...marked].sort((a, b) => a - b).join(',')) : undefined
      // An empty entry: the stream needed no change.
      let rewritten = key ? store!.get(keptKind, key) : undefined
      if (!rewritten) {
        const text = (await inflate(printed)).toString('latin1')
        const cleaned = markArtifacts(dropSoftHyphens(text), marked)
        rewritten = cleaned === text ? Buffer.alloc(0) : await deflate(Buffer.from(cleaned, 'latin1'), {level: 3})
        if (key) store!.set(keptKind, key, rewritten)
      }
      if (rewritten.byteLength > 0) document.context.assign(ref, PDFRawStream.of(stream.dict, rewritten))
    }
  }
  await Promise.all(Array.from({length: 4}, worker))
}

/** The store's kind for rewritten page streams. */
const keptKind = 'page content'

export function dropSoftHyphens(text: string): string {
  return text.replace(actualText, (_whole, hex: string) => {
    const kept = hex
      .match(/.{4}/g)!
      .filter((unit) => unit.toLowerCase() !== '00ad')
      .join('')
    return kept ? `/ActualText <FEFF${kept}>` : '/ActualText ()'
  })
}

/** Operators that paint (ISO 32000-1, tables 59 and 87) and that build a path. */
const painting = /(?:^|\s)(?:f\*?|F|S|s|B\*?|b\*?|sh|Do)$/
const pathBuilding = /(?:^|\s)(?:m|l|c|v|y|h|re)$/

/**
 * Skia writes one operator (with its operands) per line, and marked content as
 * `/Tag <</MCID n >>BDC`; the stream is read line by line on that understanding.
 */
export function markArtifacts(text: string, mcids: ReadonlySet<number>): string {
  const lines = text.split('\n')
  const out: string[] = []
  let depth = 0
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    const trimmed = line.trim()
    if (/BDC$|BMC$/.test(trimmed)) {
      const mcid = /^\/\w+\s*<<\s*\/MCID (\d+)\s*>>\s*BDC$/.exec(trimmed)
      out.push(mcid && depth === 0 && mcids.has(Number(mcid[1])) ? '/Artifact BMC' : line)
      depth++
      continue
    }
    if (trimmed === 'EMC') {
      depth = Math.max(0, depth - 1)
      out.push(line)
      continue
    }
    if (depth === 0 && trimmed === 'BT') {
      // Text outside marked content (an image's alternative text drawn in its place): an
      // artifact, unless it holds tagged content of its own.
      let end = index
      while (end < lines.length && lines[end]!.trim() !== 'ET') end++
      const block = lines.slice(index, end + 1)
      if (!block.some((inner) => /MCID/.test(inner))) {
        out.push('/Artifact BMC', ...block, 'EMC')
        index = end
        continue
      }
    }
    if (depth === 0 && painting.test(trimmed)) {
      // The whole path object: from its first path-building operator to the paint.
      let start = out.length
      while (start > 0 && pathBuilding.test(out[start - 1]!.trim())) start--
      out.splice(start, 0, '/Artifact BMC')
      out.push(line, 'EMC')
      continue
    }
    out.push(line)
  }
  return out.join('\n')
}
