/**
 * Small PDFs made for tests the way real ones are made: an HTML page printed by Chromium,
 * tagged (a structure tree, marked content, link annotations) and with bookmarks, on the
 * paper asked for; or a page that is only an image, as a scanner without OCR makes it.
 */
import {crc32, deflateSync} from 'node:zlib'
import {PDFDocument} from 'pdf-lib'
import type {BrowserSession} from '../../src/browser/session.ts'

export interface PrintOptions {
  format: 'a4' | 'letter'
  /** Tags and bookmarks; off makes an untagged file. Default: on. */
  tagged?: boolean
}

export async function printHtml(session: BrowserSession, html: string, options: PrintOptions): Promise<Uint8Array> {
  const page = await session.page()
  try {
    await page.setContent(html, {waitUntil: 'load'})
    const tagged = options.tagged ?? true
    return await page.pdf({format: options.format, tagged, outline: tagged, printBackground: true})
  } finally {
    await page.close()
  }
}

/** A PDF of `count` pages, each only an image (grey bars standing for lines of print): no text layer. */
export async function scannedPdf(count: number): Promise<Uint8Array> {
  const document = await PDFDocument.create()
  const image = await document.embedPng(stripesPng())
  for (let index = 0; index < count; index++) {
    const page = document.addPage([595.28, 841.89])
    page.drawImage(image, {x: 0, y: 0, width: 595.28, height: 841.89})
  }
  return document.save()
}

/** A 60 × 85 greyscale PNG: white with dark rows, like lines of text seen from afar. */
function stripesPng(): Uint8Array {
  const width = 60
  const height = 85
  const rows: number[] = []
  for (let y = 0; y < height; y++) {
    rows.push(0)
    for (let x = 0; x < width; x++) rows.push(y > 8 && y < 78 && y % 3 === 0 && x > 6 && x < 54 ? 60 : 250)
  }
  return png(width, height, Buffer.from(rows))
}

function png(width: number, height: number, raw: Buffer): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body) >>> 0)
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8
  header[9] = 0
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}
