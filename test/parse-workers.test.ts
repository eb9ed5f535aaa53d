/**
 * Readings parsed in worker threads come out as the build's own thread makes them: the same
 * web page and EPUB, byte for byte, and the same messages at the same places. Run through the
 * command, so the worker is the bundled file `folio` runs (`scripts/compile.js`).
 */
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseWorkerCount} from '../src/transform/parse-workers.ts'
import {folio, temporaryFolder} from './helpers/index.ts'
import {writeSyntheticPack} from './helpers/synthetic-pack.ts'

const env = {SOURCE_DATE_EPOCH: '1700000000'}

/** A reading with something for every kind of message a run gives, at known places. */
const troubled = `---
title: A reading with problems
author:
  - name: Amara Abara
---

Cited with a key the bibliography lacks [@nokey, 4], and one it has [@work1, 7].

![A figure that is not there](missing.png)

$$
e = mc^2
$$

\`\`\`python
print("highlighted")
\`\`\`

A note.[^undefined]
`

function build(pack: string, workers: string) {
  const out = temporaryFolder()
  const run = folio([pack, '--out', out, '--format', 'html,epub', '--reporter', 'json'], {...env, FOLIO_PARSE_WORKERS: workers, FOLIO_TIMINGS: '1'})
  expect(run.status, run.stderr).toBe(0)
  // The step says where the readings were parsed.
  expect(run.stderr).toContain(workers === '0' ? 'parse and transform  ' : `parse and transform, ${workers} workers`)
  const files = new Map(readdirSync(out).map((name) => [name, readFileSync(path.join(out, name))]))
  return {files, messages: (JSON.parse(run.stdout) as {messages: Array<{text: string}>}).messages}
}

describe('parse workers', () => {
  it('give the bytes and the messages of a parse in the build’s own thread', {timeout: 300_000}, () => {
    const pack = path.join(temporaryFolder(), 'pack')
    writeSyntheticPack(pack, {readings: 9, paragraphs: 5, rawHtmlReadings: 3})
    writeFileSync(path.join(pack, 'troubled.md'), troubled)
    const manifest = path.join(pack, 'pack.yaml')
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/(readings:\n)/, '$1  - troubled.md\n'))

    const inThread = build(pack, '0')
    const inWorkers = build(pack, '2')
    expect([...inWorkers.files.keys()].sort()).toEqual([...inThread.files.keys()].sort())
    for (const [name, data] of inThread.files) expect(inWorkers.files.get(name)!.equals(data), `${name} differs`).toBe(true)
    expect(inWorkers.messages).toEqual(inThread.messages)
    // The messages are there to compare: the troubled reading's, at their places.
    expect(inThread.messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({line: 7, column: 42, rule: 'citation-key'}),
        expect.objectContaining({line: 9, column: 1, rule: 'image'})
      ])
    )
  })

  it('start only where they pay: four cores, four readings each, or as told', () => {
    expect(parseWorkerCount(111, {}, 2)).toBe(0)
    expect(parseWorkerCount(111, {}, 8)).toBe(7)
    expect(parseWorkerCount(9, {}, 8)).toBe(2)
    expect(parseWorkerCount(5, {}, 8)).toBe(0)
    expect(parseWorkerCount(111, {FOLIO_PARSE_WORKERS: '3'}, 2)).toBe(3)
    expect(parseWorkerCount(2, {FOLIO_PARSE_WORKERS: '3'}, 2)).toBe(2)
    expect(parseWorkerCount(111, {FOLIO_PARSE_WORKERS: '0'}, 8)).toBe(0)
  })
})
