/**
 * What citations need from a reading's front matter, read ahead of `remarkMatter` (which
 * validates the whole front matter and reports its problems): the files it names, with their
 * places for messages, and its inline `references`.
 */
import path from 'node:path'
import {parseDocument} from 'yaml'
import type {VFile} from 'vfile'
import type {CslItem} from '../citations/citeproc.ts'
import {normalizeRecord} from '../citations/records.ts'
import {yamlPlace} from '../matter/validate-yaml.ts'

type Place = {line: number; column: number}

/** A value of `bibliography` or `csl`, where it was written and what it is relative to. */
export interface Named {
  value: string
  file: VFile
  place: Place
  folder: string
}

export function peekFrontMatter(file: VFile) {
  const match = /^---[ \t]*\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(String(file.value))
  const source = match?.[1] ?? ''
  const document = parseDocument(source)
  const data: unknown = document.errors.length === 0 ? document.toJS() : undefined
  const get = (key: string): unknown => (typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined)
  const placeOf = (keys: Array<string | number>): Place => {
    const place = yamlPlace(source, keys)
    return {line: place.line + 1, column: place.column}
  }
  const folder = path.dirname(file.path)
  return {
    has: (key: string) => get(key) !== undefined,
    text: (key: string): string | undefined => (typeof get(key) === 'string' ? (get(key) as string) : undefined),
    named(key: string): Named[] {
      const value = get(key)
      const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s*,\s*/) : []
      return list
        .filter((entry): entry is string => typeof entry === 'string' && entry !== '')
        .map((entry, index) => ({value: entry, file, place: placeOf(Array.isArray(value) ? [key, index] : [key]), folder}))
    },
    references(): CslItem[] {
      const value = get('references')
      const items: CslItem[] = []
      for (const [index, record] of (Array.isArray(value) ? value : []).entries()) {
        const item = normalizeRecord(record)
        if (typeof item === 'string')
          file.message(`Unexpected record in \`references\`: ${item}`, {place: placeOf(['references', index]), ruleId: 'bibliography-entry', source: 'folio'})
        else items.push(item)
      }
      return items
    }
  }
}
