/**
 * Seeded mutations of the default pack (its Markdown, its YAML, and a BibTeX file made
 * from its references) and one in-process build of the web page per case. A case passes
 * when the build ends with a status 0, 1 or 2 (never an exception Folio did not word),
 * within the time allowed, and leaves nothing partial: no `*.tmp`, and no edition at all
 * when the content has errors.
 */
import {cpSync, existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {build} from '../../src/build.ts'
import {InputError} from '../../src/load/load-input.ts'
import {hasErrors} from '../../src/util/messages.ts'
import {MachineFault} from '../../src/util/faults.ts'
import {projectRoot, temporaryFolder} from './run.ts'

/** mulberry32: a small seeded generator, so a failing case can be run again by its seed. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

const tokens = [
  '[',
  ']',
  '*',
  '_',
  '`',
  '---\n',
  '&a ',
  '*a',
  '<div>',
  '</div>',
  '[^1]',
  '[^1]: n\n',
  '@',
  '{',
  '}',
  '\u0000',
  '\n',
  '> ',
  '- ',
  ': ',
  '"',
  "'",
  '!!binary ',
  '%',
  '\t',
  '<svg><rect fill="url(#x)"/></svg>',
  '![i](x.png)',
  '<img src="//h">',
  '&#x0;',
  '\\',
  '|',
  '\r',
  '\ud800',
  '@book{',
  '#'
]

function mutate(text: Buffer, next: () => number): Buffer {
  let bytes = Buffer.from(text)
  const at = () => Math.floor(next() * (bytes.length + 1))
  for (let count = 1 + Math.floor(next() * 3); count > 0; count--) {
    const operation = Math.floor(next() * 6)
    const start = at()
    const end = Math.min(bytes.length, start + Math.floor(next() * 200))
    if (operation === 0) bytes = Buffer.concat([bytes.subarray(0, start), bytes.subarray(end)])
    else if (operation === 1) bytes = Buffer.concat([bytes.subarray(0, end), bytes.subarray(start, end), bytes.subarray(end)])
    else if (operation === 2) bytes = Buffer.concat([bytes.subarray(0, start), Buffer.from(tokens[Math.floor(next() * tokens.length)]!), bytes.subarray(start)])
    else if (operation === 3 && bytes.length > 0) bytes[Math.min(start, bytes.length - 1)] = Math.floor(next() * 256)
    else if (operation === 4)
      bytes = Buffer.concat([
        bytes.subarray(0, start),
        Buffer.from(tokens[Math.floor(next() * tokens.length)]!.repeat(1 + Math.floor(next() * 3000))),
        bytes.subarray(start)
      ])
    else bytes = bytes.subarray(0, start)
  }
  return bytes
}

/** The default pack, with a BibTeX file of its references that the manifest names too. */
function basePack(folder: string): string[] {
  cpSync(path.join(projectRoot, 'content'), folder, {recursive: true})
  // Fuzzing input, not content: one entry per CSL-YAML id, titled as the YAML says.
  const yaml = readFileSync(path.join(folder, 'references.yaml'), 'utf8')
  const ids = [...yaml.matchAll(/id:\s*(\S+)/g)].map((match) => match[1]!)
  writeFileSync(path.join(folder, 'references.bib'), ids.map((id) => `@misc{${id},\n  title = {Entry ${id}},\n  year = {2020}\n}\n`).join('\n'))
  const manifest = readFileSync(path.join(folder, 'pack.yaml'), 'utf8').replace(
    'bibliography: references.yaml',
    'bibliography: [references.yaml, references.bib]'
  )
  writeFileSync(path.join(folder, 'pack.yaml'), manifest)
  return readdirSync(folder).filter((name) => /\.(md|yaml|bib)$/.test(name))
}

export interface FuzzOutcome {
  seed: number
  status: 0 | 1 | 2 | 'crash' | 'partial' | 'slow'
  detail: string
}

export async function fuzzCase(seed: number, limitMs = 60_000): Promise<FuzzOutcome> {
  const next = random(seed)
  const folder = temporaryFolder('folio-fuzz-')
  const pack = path.join(folder, 'pack')
  const names = basePack(pack)
  const target = names[Math.floor(next() * names.length)]!
  writeFileSync(path.join(pack, target), mutate(readFileSync(path.join(pack, target)), next))
  const out = path.join(folder, 'out')
  const started = Date.now()
  let status: 0 | 1 | 2
  let errors = false
  try {
    const result = await build({input: pack, outDir: out, formats: ['html']})
    errors = hasErrors(result.files)
    status = errors ? 1 : 0
  } catch (error) {
    if (error instanceof InputError) status = 1
    else if (error instanceof MachineFault) status = 2
    else return {seed, status: 'crash', detail: `${target}: ${(error as Error).stack?.split('\n').slice(0, 3).join(' | ')}`}
  }
  const milliseconds = Date.now() - started
  const written = existsSync(out) ? readdirSync(out) : []
  if (written.some((name) => name.endsWith('.tmp'))) return {seed, status: 'partial', detail: `${target}: temporary file left`}
  if (status !== 0 && written.length > 0) return {seed, status: 'partial', detail: `${target}: edition written for content with errors`}
  if (milliseconds > limitMs) return {seed, status: 'slow', detail: `${target}: ${milliseconds} ms`}
  return {seed, status, detail: `${target}: ${milliseconds} ms`}
}
