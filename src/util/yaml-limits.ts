/**
 * YAML that would exhaust the parser before it could say anything: collections nested
 * thousands deep (the `yaml` package runs out of memory compiling its indentation patterns)
 * and aliases that expand to billions of nodes. Depth is measured on the text, before
 * parsing, from flow brackets and from the column where a line's content starts (after its
 * indentation and `- ` indicators); aliases are capped by `yaml` itself (`maxAliasCount`).
 */
import {limits} from './limits.ts'

/** Options for `yaml`'s `toJS`: a document may resolve this many aliases, no more. */
export const yamlToJsOptions = {maxAliasCount: limits.yamlAliases} as const

/** Where YAML text nests deeper than Folio reads, and why (`undefined` when it does not). */
export function yamlTooDeep(source: string): {offset: number; reason: string} | undefined {
  const maxColumn = limits.yamlDepth * 2
  let depth = 0
  let quote: string | undefined
  let lineStart = true
  let column = 0
  for (let offset = 0; offset < source.length; offset++) {
    const character = source[offset]!
    if (character === '\n') {
      lineStart = true
      column = 0
      quote = quote === "'" || quote === '"' ? quote : undefined
      continue
    }
    if (lineStart) {
      if (character === ' ' || character === '-' || character === '?' || character === '\t') {
        column++
        if (column > maxColumn) return {offset, reason: `more than ${maxColumn} columns of indentation`}
        continue
      }
      lineStart = false
      if (character === '#') {
        // A comment line: skip to its end.
        const end = source.indexOf('\n', offset)
        offset = (end === -1 ? source.length : end) - 1
        continue
      }
    }
    if (quote) {
      if (character === quote) quote = undefined
      continue
    }
    if (character === '"' || character === "'") quote = character
    else if (character === '[' || character === '{') {
      depth++
      if (depth > limits.yamlDepth) return {offset, reason: `collections nested more than ${limits.yamlDepth} deep`}
    } else if ((character === ']' || character === '}') && depth > 0) depth--
  }
  return undefined
}

/** A `yaml` error from resolving too many aliases, in our words (or `undefined` for any other error). */
export function aliasProblem(error: unknown): string | undefined {
  return /alias/i.test(String((error as Error | undefined)?.message)) ? `more than ${limits.yamlAliases} aliases to resolve (an alias bomb)` : undefined
}
