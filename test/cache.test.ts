/**
 * The cache never changes what a build makes: a build from the cache, with nothing changed or
 * after one reading changed, gives the same bytes as a build with no cache at all; and a
 * corrupt cache is only a slower build.
 */
import {cpSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {folio, pdfPages, projectRoot, squash, temporaryFolder} from './helpers/index.ts'

const env = {SOURCE_DATE_EPOCH: '1700000000'}

/** Every edition in a folder, by extension. */
function editions(folder: string): Map<string, Buffer> {
  return new Map(readdirSync(folder).map((name) => [path.extname(name), readFileSync(path.join(folder, name))]))
}

function built(pack: string, cache: string[], formats = 'html,pdf,epub'): string {
  const out = temporaryFolder()
  const run = folio([pack, '--out', out, '--format', formats, '--quiet', ...cache], env)
  expect(run.status, run.stderr).toBe(0)
  return out
}

function expectSame(actual: string, expected: string): void {
  const a = editions(actual)
  const b = editions(expected)
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort())
  for (const [extension, data] of b) expect(a.get(extension)!.equals(data), `${extension} differs`).toBe(true)
}

function allFiles(folder: string): string[] {
  return readdirSync(folder, {withFileTypes: true, recursive: true})
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
}

describe('cache', () => {
  it('gives the bytes of a cold build, unchanged, after a reading changed, and when corrupt', {timeout: 900_000}, () => {
    const pack = path.join(temporaryFolder(), 'pack')
    cpSync(path.join(projectRoot, 'content'), pack, {recursive: true})
    const cache = temporaryFolder('folio-cache-')
    const withCache = ['--cache', cache]

    const cold = built(pack, ['--no-cache'])
    expect(readdirSync(cache)).toEqual([])
    expectSame(built(pack, withCache), cold)
    expect(allFiles(cache).length).toBeGreaterThan(3)
    expectSame(built(pack, withCache), cold)

    const reading = path.join(pack, 'introduction.md')
    writeFileSync(reading, `${readFileSync(reading, 'utf8')}\nA sentence added after the first build.\n`)
    const changed = built(pack, withCache)
    expect(
      squash(
        pdfPages(
          path.join(
            changed,
            readdirSync(changed).find((name) => name.endsWith('.pdf'))!
          )
        ).join('')
      )
    ).toContain(squash('A sentence added after the first build.'))
    expectSame(changed, built(pack, ['--no-cache']))

    // Every entry damaged: each reads as a miss, and the build is still right.
    for (const file of allFiles(cache)) writeFileSync(file, readFileSync(file).subarray(0, 40))
    expectSame(built(pack, withCache, 'html,epub'), built(pack, ['--no-cache'], 'html,epub'))
  })

  it('builds again when an image a reading shows changes', () => {
    const pack = temporaryFolder()
    const reading = path.join(pack, 'reading.md')
    writeFileSync(reading, '---\ntitle: Images\n---\n\n![A square](square.svg)\n')
    const svg = (colour: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="${colour}"/></svg>`
    const cache = ['--cache', temporaryFolder('folio-cache-')]
    writeFileSync(path.join(pack, 'square.svg'), svg('red'))
    const first = readFileSync(path.join(built(reading, cache, 'html'), 'reading.html'))
    writeFileSync(path.join(pack, 'square.svg'), svg('blue'))
    const second = readFileSync(path.join(built(reading, cache, 'html'), 'reading.html'))
    expect(second.equals(first)).toBe(false)
    expect(second.equals(readFileSync(path.join(built(reading, ['--no-cache'], 'html'), 'reading.html')))).toBe(true)
  })
})
