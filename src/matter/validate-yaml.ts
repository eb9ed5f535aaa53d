/**
 * Parse YAML and validate it against a schema, reporting every problem as a message on the
 * file with the line and column of the offending value.
 */
import leven from 'leven'
import {isMap, isNode, isScalar, LineCounter, parseDocument, type Node as YamlNode} from 'yaml'
import type {VFile} from 'vfile'
import type {z} from 'zod'
import {contentError} from '../util/messages.ts'
import {aliasProblem, yamlToJsOptions, yamlTooDeep} from '../util/yaml-limits.ts'

export interface YamlPlace {
  /** 1-based line of the YAML's first line in the file. */
  line: number
  /** 1-based column of the YAML's first character on that line. */
  column: number
}

export interface ValidateYamlOptions {
  /** Where the YAML starts in the file (front matter starts after `---`). */
  start?: YamlPlace
  /** Keys the schema knows: unknown keys close to one of them get a warning. */
  knownKeys?: readonly string[]
  /** What is being read, for messages: `front matter`, `pack manifest`. */
  what: string
}

/** The schema's output, and where each value was written. */
export interface ValidatedYaml<Output> {
  data: Output
  /** Line and column in the file of the value at `path` (of its closest ancestor when missing). */
  placeOf(path: Array<string | number>): YamlPlace
}

/**
 * Returns the schema's output, or `undefined` when the YAML is unusable; problems are
 * attached to `file` (`fatal: true` for errors).
 */
export function validateYaml<Schema extends z.ZodType>(
  file: VFile,
  source: string,
  schema: Schema,
  options: ValidateYamlOptions
): ValidatedYaml<z.output<Schema>> | undefined {
  const start = options.start ?? {line: 1, column: 1}
  const lineCounter = new LineCounter()
  const deep = yamlTooDeep(source)
  const document = parseDocument(deep ? '' : source, {lineCounter, prettyErrors: false, uniqueKeys: true})
  const placeOf = (offset: number) => {
    const {line, col} = deep ? linePos(source, offset) : lineCounter.linePos(offset)
    return {line: line + start.line - 1, column: line === 1 ? col + start.column - 1 : col}
  }
  if (deep) {
    fail(file, `Unexpected YAML in ${options.what} with ${deep.reason}, expected shallower YAML`, placeOf(deep.offset), 'yaml-limit')
    return undefined
  }

  for (const error of document.errors) {
    fail(file, `Unexpected YAML in ${options.what}: ${error.message.split('\n')[0]}`, placeOf(error.pos[0]), 'yaml-syntax')
  }
  if (document.errors.length > 0) return undefined

  let data: unknown
  try {
    data = document.toJS(yamlToJsOptions)
  } catch (error) {
    fail(file, `Unexpected YAML in ${options.what} with ${aliasProblem(error) ?? (error as Error).message}, expected plain values`, placeOf(0), 'yaml-limit')
    return undefined
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    fail(file, `Unexpected ${describe(data)} as ${options.what}, expected a mapping of keys to values`, placeOf(0), 'yaml-shape')
    return undefined
  }

  if (options.knownKeys && isMap(document.contents)) {
    for (const pair of document.contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined
      if (key === undefined || options.knownKeys.includes(key)) continue
      const close = options.knownKeys.find((known) => leven(known, key) <= Math.max(1, Math.floor(key.length / 4)))
      if (close) {
        file.message(`Unexpected key \`${key}\` in ${options.what}, expected \`${close}\``, {
          place: placeOf((pair.key as YamlNode).range?.[0] ?? 0),
          ruleId: 'unknown-key',
          source: 'folio'
        })
      }
    }
  }

  const result = schema.safeParse(data)
  if (result.success) return {data: result.data, placeOf: (path) => placeOf(nearestNode(document, path)?.range?.[0] ?? 0)}

  for (const reported of result.error.issues) {
    const {issue, path} = mostSpecific(reported, [])
    const node = nearestNode(document, path)
    const found = document.getIn(path)
    const value: unknown = isNode(found) ? found.toJSON() : found
    const where = path.length > 0 ? `\`${formatPath(path)}\`` : options.what
    const reason =
      value === undefined
        ? `Missing ${where} in ${options.what}, expected ${expectation(issue)}`
        : `Unexpected ${describe(value)} for ${where}, expected ${expectation(issue)}`
    fail(file, reason, placeOf(node?.range?.[0] ?? 0), 'invalid-value')
  }
  return undefined
}

/** Line and column of the value at `path` in a YAML text (or of its closest ancestor). */
export function yamlPlace(source: string, path: Array<string | number>): {line: number; column: number} {
  const lineCounter = new LineCounter()
  const document = parseDocument(yamlTooDeep(source) ? '' : source, {lineCounter})
  const {line, col} = lineCounter.linePos(nearestNode(document, path)?.range?.[0] ?? 0)
  return {line, column: col}
}

/** 1-based line and column of an offset, for text `yaml` did not parse. */
function linePos(source: string, offset: number): {line: number; col: number} {
  const before = source.slice(0, offset).split('\n')
  return {line: before.length, col: (before.at(-1)?.length ?? 0) + 1}
}

function fail(file: VFile, reason: string, place: {line: number; column: number}, ruleId: string) {
  contentError(file, reason, {place, ruleId, source: 'folio'})
}

/** The YAML node at `path`, or its closest ancestor that exists (for missing keys). */
function nearestNode(document: ReturnType<typeof parseDocument>, path: Array<string | number>): YamlNode | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node: unknown = length === 0 ? document.contents : document.getIn(path.slice(0, length), true)
    if (node && typeof node === 'object' && 'range' in node) return node as YamlNode
  }
  return undefined
}

function formatPath(path: Array<string | number>): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('')
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'empty value'
  if (Array.isArray(value)) return 'list'
  if (typeof value === 'object') return 'mapping'
  if (typeof value === 'string') return `\`${value.length > 40 ? value.slice(0, 37) + '…' : value}\``
  return `${typeof value} \`${String(value)}\``
}

/**
 * A union (`author` may be a string, a person or a list) fails with one issue per branch:
 * report the branch that got furthest into the value, with its full path.
 */
function mostSpecific(issue: z.core.$ZodIssue, base: Array<string | number>): {issue: z.core.$ZodIssue; path: Array<string | number>} {
  const path = [...base, ...issue.path.filter((part): part is string | number => typeof part !== 'symbol')]
  if (issue.code !== 'invalid_union') return {issue, path}
  const deepest = issue.errors.flat().sort((a, b) => b.path.length - a.path.length)[0]
  return deepest && deepest.path.length > 0 ? mostSpecific(deepest, path) : {issue, path}
}

/** What the schema wanted, in words: our own wording where we gave one, else zod's. */
function expectation(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return issue.expected === 'array' ? 'a list' : `a ${issue.expected}`
  if (issue.code === 'invalid_union') {
    const wanted = new Set(issue.errors.flat().map((branch) => (branch.code === 'invalid_type' ? branch.expected : 'other')))
    return [...wanted].every((type) => type === 'string' || type === 'number' || type === 'boolean') ? 'text' : 'text, a mapping or a list'
  }
  if (issue.code === 'too_small' && issue.origin === 'array') return `at least ${String(issue.minimum)} item(s)`
  return issue.message.replace(/^Invalid input: /, '')
}
