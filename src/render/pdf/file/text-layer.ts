/**
 * The text a reader copies or searches must not contain soft hyphens. Chromium draws soft
 * hyphens that do not end a line as nothing, but tags each as a marked-content span whose
 * ActualText is U+00AD (or holds it, inside a ligature: "f­fi"), so text extraction, search
 * and screen readers see "gov­ern­ment". The soft hyphens leave the ActualText; one left
 * empty says "this glyph stands for no text" (ISO 32000-1, 14.9.4).
 */
import {promisify} from 'node:util'
import {deflate as deflateCallback, inflate as inflateCallback} from 'node:zlib'
import {PDFArray, PDFName, PDFRawStream, PDFRef, type PDFDocument} from 'pdf-lib'

/** An ActualText in UTF-16 (hex) that holds a soft hyphen: alone, or inside a ligature ("f­fi"). */
const actualText = /\/ActualText <feff((?:[0-9a-f]{4})*?00ad(?:[0-9a-f]{4})*)>/gi

const inflate = promisify(inflateCallback)
const deflate = promisify(deflateCallback)

/**
 * Page streams are rewritten a few at a time (zlib runs on libuv's threads, four by default,
 * so more at once would only hold more of the book in memory: a 700-page book has some 75 MB
 * of page content, inflated to text and copied when cleaned) and recompressed at level 3,
 * which takes a fraction of the default level's time for a file a fifth larger.
 */
export async function dropSoftHyphens(document: PDFDocument): Promise<void> {
  const streams: Array<[PDFRef, PDFRawStream]> = []
  for (const page of document.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'))
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents]
    for (const ref of refs) {
      if (!(ref instanceof PDFRef)) continue
      const stream = document.context.lookup(ref)
      if (stream instanceof PDFRawStream && stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode')) streams.push([ref, stream])
    }
  }
  let next = 0
  const worker = async () => {
    while (next < streams.length) {
      const [ref, stream] = streams[next++]!
      const text = (await inflate(stream.getContents())).toString('latin1')
      const cleaned = text.replace(actualText, (_whole, hex: string) => {
        const kept = hex
          .match(/.{4}/g)!
          .filter((unit) => unit.toLowerCase() !== '00ad')
          .join('')
        return kept ? `/ActualText <FEFF${kept}>` : '/ActualText ()'
      })
      if (cleaned !== text) document.context.assign(ref, PDFRawStream.of(stream.dict, await deflate(Buffer.from(cleaned, 'latin1'), {level: 3})))
    }
  }
  await Promise.all(Array.from({length: 4}, worker))
}
