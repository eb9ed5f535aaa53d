/**
 * The print edition is finished in a worker thread (`file/finish.ts`), which is sent each part
 * as it is printed or taken from the cache, in whatever order that is. Checked: the worker's
 * file is the one this thread makes from the same parts; parts sent out of order make the
 * same file as parts in order; the text of every part is in it, in the book's order; and a
 * part that never comes, or one that is no PDF, ends in an error that says so, not a build
 * that waits for ever.
 */
import {execFileSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {BrowserSession} from '../src/browser/session.ts'
import {Finisher, type FinishJob} from '../src/render/pdf/file/finish.ts'
import {FinishThread} from '../src/render/pdf/file/finish-thread.ts'
import {papers} from '../src/render/pdf/geometry.ts'
import {temporaryFolder} from './helpers/index.ts'
import {printHtml} from './helpers/make-pdf.ts'

const partHtml = (words: string) =>
  `<!doctype html><html lang="en"><body style="font: 14px serif"><h1 id="${words}">Part ${words}</h1><p>The words of part ${words}.</p></body></html>`

const job = (parts: number): FinishJob => ({
  parts,
  structure: {tags: [], links: []},
  placements: [],
  geometry: papers.a4,
  headings: [{title: 'Part one', level: 1, page: 1, top: 0}],
  metadata: {title: 'Parts', authors: ['A. Author'], subject: '', keywords: [], lang: 'en', date: new Date(Date.UTC(2024, 0, 1)), described: true},
  store: undefined
})

let session: BrowserSession
let parts: Uint8Array[]

beforeAll(async () => {
  session = new BrowserSession()
  parts = await Promise.all(['one', 'two', 'three'].map((words) => printHtml(session, partHtml(words), {format: 'a4'})))
}, 120_000)

afterAll(async () => {
  await session.close()
})

async function inThisThread(order: number[]): Promise<Uint8Array> {
  const finisher = new Finisher()
  for (const index of order) void finisher.part(index, parts[index]!)
  return (await finisher.finish(job(parts.length))).file
}

describe('finishing the PDF in a worker', () => {
  it('makes the file this thread makes, with every part’s text in order, whatever order the parts come in', async () => {
    const thread = new FinishThread()
    try {
      for (const index of [2, 0, 1]) thread.part(index, parts[index]!)
      const finished = await thread.finish(job(parts.length))
      expect(Buffer.from(finished.file).equals(Buffer.from(await inThisThread([0, 1, 2])))).toBe(true)
      expect(Buffer.from(await inThisThread([1, 2, 0])).equals(Buffer.from(finished.file))).toBe(true)
      expect(finished.outline).toEqual(job(3).headings)
      const file = path.join(temporaryFolder(), 'finished.pdf')
      writeFileSync(file, finished.file)
      const text = execFileSync('pdftotext', ['-layout', file, '-'], {encoding: 'utf8'})
      expect(
        text
          .split('\f')
          .slice(0, 3)
          .map((page) => /The words of part (\w+)/.exec(page)?.[1])
      ).toEqual(['one', 'two', 'three'])
      expect(execFileSync('qpdf', ['--check', file], {encoding: 'utf8'})).toMatch(/No syntax or stream encoding errors/)
    } finally {
      await thread.close()
    }
  })

  it('says which parts never came, rather than wait for them', async () => {
    const thread = new FinishThread()
    try {
      thread.part(0, parts[0]!)
      thread.part(2, parts[2]!)
      await expect(thread.finish(job(3))).rejects.toThrow(/Parts 2 to 3 of the book never came to be joined/)
    } finally {
      await thread.close()
    }
  })

  it('fails with the worker’s reason when a part is not a PDF', async () => {
    const thread = new FinishThread()
    try {
      thread.part(0, new TextEncoder().encode('not a PDF at all'))
      await expect(thread.finish(job(1))).rejects.toThrow(/Finishing the PDF failed in its worker/)
    } finally {
      await thread.close()
    }
  })
})
