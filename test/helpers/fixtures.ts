/**
 * Fixture cases: `test/fixtures/<suite>/<case>/` holds an input and the expected output side
 * by side. `UPDATE=1 npm test` rewrites the expectations; review them in the diff.
 */
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {expect} from 'vitest'

export const fixturesRoot = fileURLToPath(new URL('../fixtures/', import.meta.url))

export function cases(suite: string): Array<{name: string; folder: string}> {
  const folder = path.join(fixturesRoot, suite)
  return readdirSync(folder, {withFileTypes: true})
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({name: entry.name, folder: path.join(folder, entry.name)}))
}

/** Compare `actual` with the expectation file, or write it when `UPDATE` is set. */
export function expectFixture(file: string, actual: string): void {
  if (process.env['UPDATE'] || !existsSync(file)) {
    writeFileSync(file, actual)
    if (!process.env['UPDATE']) throw new Error(`Wrote missing expectation ${file}; review it and run again`)
    return
  }
  expect(actual).toBe(readFileSync(file, 'utf8'))
}
