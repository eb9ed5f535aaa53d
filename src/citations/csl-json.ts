/**
 * CSL-JSON and CSL-YAML bibliographies: a list of records (or Pandoc's `references:` around
 * one), each normalized as `records.ts` says.
 */
import {LineCounter, parseDocument} from 'yaml'
import {aliasProblem, yamlToJsOptions, yamlTooDeep} from '../util/yaml-limits.ts'
import {isRecord, normalizeRecord, type ParsedBibliography} from './records.ts'

export function parseCslJson(text: string): ParsedBibliography {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    const offset = Number(/position (\d+)/.exec(String(error))?.[1] ?? 0)
    return {items: [], problems: [{place: placeAt(text, offset), reason: `Unexpected JSON (${(error as Error).message}), expected a list of CSL-JSON records`}]}
  }
  return readRecords(data, (id) => placeAt(text, id === undefined ? 0 : Math.max(0, text.indexOf(JSON.stringify(id)))))
}

export function parseCslYaml(text: string): ParsedBibliography {
  const unusable = (offset: number, reason: string): ParsedBibliography => ({
    items: [],
    problems: [{place: placeAt(text, offset), reason: `Unexpected YAML (${reason}), expected a list of CSL-YAML records`}]
  })
  // Nesting and aliases that would exhaust the parser are refused before it runs.
  const deep = yamlTooDeep(text)
  if (deep) return unusable(deep.offset, deep.reason)
  const lineCounter = new LineCounter()
  const document = parseDocument(text, {lineCounter})
  const error = document.errors[0]
  if (error) return unusable(error.pos[0], error.message.split('\n')[0] ?? '')
  let data: unknown
  try {
    data = document.toJS(yamlToJsOptions)
  } catch (error) {
    return unusable(0, aliasProblem(error) ?? String((error as Error).message))
  }
  return readRecords(data, (id) => {
    const offset = id === undefined ? 0 : text.search(new RegExp(`\\bid:\\s*['"]?${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
    const {line, col} = lineCounter.linePos(Math.max(0, offset))
    return {line, column: col}
  })
}

/** A list of records, or Pandoc's `references:` mapping around one. */
function readRecords(data: unknown, placeOf: (id: string | undefined) => {line: number; column: number}): ParsedBibliography {
  const list = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data['references']) ? data['references'] : undefined
  if (!list)
    return {
      items: [],
      problems: [{place: placeOf(undefined), reason: 'Unexpected bibliography shape, expected a list of CSL records (or `references:` with one)'}]
    }
  const result: ParsedBibliography = {items: [], problems: []}
  for (const [index, record] of list.entries()) {
    const item = normalizeRecord(record)
    if (typeof item === 'string')
      result.problems.push({
        place: placeOf(isRecord(record) && record['id'] !== undefined ? String(record['id']) : undefined),
        reason: `Unexpected record ${index + 1}: ${item}`
      })
    else result.items.push(item)
  }
  return result
}

function placeAt(text: string, offset: number): {line: number; column: number} {
  const before = text.slice(0, offset).split('\n')
  return {line: before.length, column: (before.at(-1)?.length ?? 0) + 1}
}
