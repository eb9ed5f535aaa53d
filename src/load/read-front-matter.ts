/**
 * A reading's YAML front matter, read and validated once, here, into
 * `file.data.frontMatter` with the places of its values; problems are messages at the line
 * and column of the value. What citations need from it (the files it names, its inline
 * `references`) is read from the validated values.
 */
import path from 'node:path'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import type {CslItem} from '../citations/citeproc.ts'
import {normalizeRecord} from '../citations/records.ts'
import {frontMatterSchema, type FrontMatter} from '../matter/front-matter.ts'
import {readingKeys} from '../matter/schema.ts'
import {validateYaml} from '../matter/validate-yaml.ts'

/**
 * The block `remark-frontmatter` reads as `yaml`: `---` on the first line, the YAML, `---`
 * on a line of its own (spaces and tabs may follow either fence). A byte-order mark before it
 * is skipped, as the Markdown parser skips it.
 */
const block = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?=\r?\n|$)/

export function readFrontMatter(file: VFile): FrontMatter {
  const match = block.exec(String(file.value))
  if (!match) {
    file.data.frontMatter = {values: {}, position: undefined, placeOf: () => ({line: 1, column: 1})}
    return file.data.frontMatter
  }
  const lines = match[0].split(/\r?\n/)
  const position: Position = {start: {line: 1, column: 1, offset: 0}, end: {line: lines.length, column: lines.at(-1)!.length + 1, offset: match[0].length}}
  const validated = validateYaml(file, match[1] ?? '', frontMatterSchema, {what: 'front matter', knownKeys: readingKeys, start: {line: 2, column: 1}})
  const placeOf = (keys: Array<string | number>): Point => validated?.placeOf(keys) ?? position.start
  if (!validated) {
    file.data.frontMatter = {values: undefined, position, placeOf}
    return file.data.frontMatter
  }
  const {authors, ...values} = validated.data
  if (authors) {
    if (values.author) {
      file.message('Unexpected both `author` and `authors` in front matter, expected one of them', {place: position, ruleId: 'duplicate-key', source: 'folio'})
    }
    values.author = [...(values.author ?? []), ...authors]
  }
  file.data.frontMatter = {values, position, placeOf}
  return file.data.frontMatter
}

/** A value of `bibliography` or `csl`, where it was written and what it is relative to. */
export interface Named {
  value: string
  file: VFile
  place: Point
  folder: string
}

/** The files front matter names under `key`, each with its place. */
export function namedFiles(file: VFile, key: 'bibliography' | 'csl'): Named[] {
  const front = file.data.frontMatter
  const value = front?.values?.[key]
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value]
  const folder = path.dirname(file.path)
  return list.filter((entry) => entry !== '').map((entry, index) => ({value: entry, file, place: front!.placeOf([key, index]), folder}))
}

/** The records of `references` in front matter; broken ones are warnings at their place. */
export function frontMatterReferences(file: VFile): CslItem[] {
  const front = file.data.frontMatter
  const items: CslItem[] = []
  for (const [index, record] of (front?.values?.references ?? []).entries()) {
    const item = normalizeRecord(record)
    if (typeof item === 'string')
      file.message(`Unexpected record in \`references\`: ${item}`, {
        place: front!.placeOf(['references', index]),
        ruleId: 'bibliography-entry',
        source: 'folio'
      })
    else items.push(item)
  }
  return items
}
