/**
 * The printed file's identifier (`contentDigest`) leaves out what Chromium's clock and its
 * renderer's counters put in the file; it is found by scanning the bytes, and must digest
 * exactly what the regular expressions it replaced left of the file as a string.
 */
import {createHash, randomBytes} from 'node:crypto'
import {describe, expect, it} from 'vitest'
import {contentDigest} from '../src/render/pdf/file/finalize.ts'

const metadata = {title: 'T', authors: ['A'], subject: '', keywords: [], lang: 'en', date: new Date(0), described: true}

/** The identifier as it was defined: the file as a latin1 string, with the clock and the names taken out by regular expressions. */
function byRegex(printed: Uint8Array): string {
  const timeless = Buffer.from(printed)
    .toString('latin1')
    .replace(/\/(CreationDate|ModDate) \(D:[^)]*\)/g, '')
    .replace(/\/ID \[<[0-9a-fA-F]*> ?<[0-9a-fA-F]*>\]/g, '')
    .replace(/\(node\d+\)/g, '()')
  return createHash('md5')
    .update(timeless, 'latin1')
    .update(JSON.stringify({metadata, outline: []}))
    .digest('hex')
}

const file = (...pieces: Array<string | Buffer>) =>
  new Uint8Array(Buffer.concat(pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece, 'latin1') : piece))))

describe('contentDigest', () => {
  it('digests the file without its dates, its id and its header cells’ names, as the regular expressions did', () => {
    const printed = file(
      '(node7) %PDF-1.7\n',
      randomBytes(5000),
      "<< /CreationDate (D:20261204210000+00'00') /ModDate (D:20261204210001+00'00') >>",
      randomBytes(3000),
      '/TH /Headers [(node12) (node345)] (node) (nodeX) /ID [<0A1B> <2c3d>] /ID [<AB><CD>] /ID [<zz> <00>]',
      randomBytes(7000),
      'trailer << /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>] >> (node99)'
    )
    expect(contentDigest(printed, metadata, [])).toBe(byRegex(printed))
  })

  it('changes with what is left in, and not with what is left out', () => {
    const at = (date: string, node: string, body: string) => file(`/CreationDate (D:${date}) /A [(node${node})] ${body}`)
    expect(contentDigest(at('2026', '1', 'text'), metadata, [])).toBe(contentDigest(at('1999', '42', 'text'), metadata, []))
    expect(contentDigest(at('2026', '1', 'text'), metadata, [])).not.toBe(contentDigest(at('2026', '1', 'texts'), metadata, []))
  })

  it('takes a file with a date that never closes as it is', () => {
    const printed = file('/CreationDate (D:2026 and no parenthesis after it')
    expect(contentDigest(printed, metadata, [])).toBe(byRegex(printed))
  })
})
