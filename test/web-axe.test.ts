/**
 * The web edition passes axe-core with no violation of any impact, at a phone's width and
 * a desktop's, on the default pack and on a 111-reading book (which once failed
 * heading-order and landmark-unique), with its print page numbers in place.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {axeViolations} from './helpers/axe.ts'
import {editionIn, folio, temporaryFolder} from './helpers/index.ts'
import {writeSyntheticPack} from './helpers/synthetic-pack.ts'

const pages: Record<string, string> = {}

beforeAll(() => {
  const packs: Array<[string, string[]]> = [
    ['the default pack', []],
    ['a 111-reading book', [writeSyntheticPack(path.join(temporaryFolder(), 'book'), {readings: 111})]]
  ]
  for (const [name, args] of packs) {
    const out = temporaryFolder()
    const run = folio([...args, '--out', out, '--format', 'html', '--quiet'])
    if (run.status !== 0) throw new Error(run.stderr)
    pages[name] = editionIn(out, '.html')
  }
}, 900_000)

describe.each(['the default pack', 'a 111-reading book'])('the web page of %s', (name) => {
  it('has its print page numbers', () => {
    expect(readFileSync(pages[name]!, 'utf8')).toMatch(/<span class="page-break" id="page-2" role="doc-pagebreak" aria-label="Page 2">2<\/span>/)
  })

  it('passes axe-core at 390 and 1400 pixels', async () => {
    expect(await axeViolations(pages[name]!, [390, 1400])).toEqual({390: [], 1400: []})
  }, 600_000)
})
