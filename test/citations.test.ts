/**
 * Citations against the reference implementation: each case in `test/fixtures/citations/`
 * is built by Folio and compared with what Pandoc 2.17 (`--citeproc`) made of the same
 * Markdown, bibliography and style (`pandoc.json`, made once by
 * `test/helpers/pandoc-reference.ts`). Notes, bibliography entries and paragraphs must read
 * alike, quotes and dashes aside; `output.txt` keeps Folio's own output for review.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {ourView, type CitationView} from './helpers/citations.ts'
import {cases, expectFixture} from './helpers/fixtures.ts'
import {similarity} from './helpers/similarity.ts'

/** How alike each note, entry and paragraph must read (1 is identical). */
const threshold = 0.85

function expectAlike(ours: string[], pandoc: string[]) {
  expect(ours.length).toBe(pandoc.length)
  for (const [index, text] of pandoc.entries()) {
    const score = similarity(ours[index] ?? '', text)
    expect(score, `#${index + 1}\n  ours:   ${ours[index]}\n  pandoc: ${text}`).toBeGreaterThanOrEqual(threshold)
  }
}

for (const {name, folder} of cases('citations')) {
  describe(`citations: ${name}`, () => {
    let ours: Awaited<ReturnType<typeof ourView>>
    let pandoc: CitationView

    beforeAll(async () => {
      ours = await ourView(folder)
      pandoc = JSON.parse(readFileSync(path.join(folder, 'pandoc.json'), 'utf8')) as CitationView
    })

    it('makes as many notes as Pandoc, each reading like its note', () => expectAlike(ours.notes, pandoc.notes))
    it('lists the works cited as Pandoc does', () => expectAlike(ours.bibliography, pandoc.bibliography))
    it('reads like Pandoc in the running text', () => expectAlike(ours.paragraphs, pandoc.paragraphs))
    it('reports no problem', () => expect(ours.messages).toEqual([]))

    it('matches the reviewed output', () => {
      const sections = [
        '--- text ---',
        ...ours.paragraphs,
        '--- notes ---',
        ...ours.notes.map((note, index) => `${index + 1}. ${note}`),
        '--- bibliography ---',
        ...ours.bibliography
      ]
      expectFixture(path.join(folder, 'output.txt'), sections.join('\n') + '\n')
    })
  })
}
