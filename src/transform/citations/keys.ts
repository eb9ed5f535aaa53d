/**
 * The smallest pieces of Pandoc's citation syntax: a key (`@doe99`, `@Pécoud:2015.ch2`,
 * `@{odd key}`) and whether a character of a text node was escaped in the source (`\@` and
 * `\[` are not citation syntax, but the parser has already dropped the backslash).
 */
import type {Text} from 'mdast'
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'

// Pandoc: a key starts with a letter, digit or `_`, and may hold `:.#$%&-+?<>~/` between
// such characters (and `//` in URLs).
const keyCharacter = String.raw`[\p{L}\p{N}_]`
const simpleKey = String.raw`${keyCharacter}(?:${keyCharacter}|[:.#$%&\-+?<>~/](?=${keyCharacter})|[:/](?=/))*`
const keyPattern = new RegExp(String.raw`(-?)@(?:(${simpleKey})|\{([^{}\s]+)\})`, 'uy')

export interface KeyMatch {
  key: string
  /** `-@key`: the author is left out. */
  suppressAuthor: boolean
  /** Offsets in the text node's value: where `-` or `@` starts, and just past the key. */
  start: number
  end: number
}

/** A citation key starting exactly at `offset` (at `-` or `@`), not after a letter or digit. */
export function keyAt(node: Text, offset: number, file: VFile): KeyMatch | undefined {
  keyPattern.lastIndex = offset
  const match = keyPattern.exec(node.value)
  if (!match) return undefined
  if (/[\p{L}\p{N}]/u.test(node.value.charAt(offset - 1))) return undefined
  const at = offset + match[1]!.length
  if (isEscaped(node, at, file)) return undefined
  return {key: (match[2] ?? match[3])!, suppressAuthor: match[1] === '-', start: offset, end: keyPattern.lastIndex}
}

/** The first key in a text node at or after `from`, if any. */
export function findKey(node: Text, file: VFile, from = 0): KeyMatch | undefined {
  for (let offset = node.value.indexOf('@', from); offset >= 0; offset = node.value.indexOf('@', offset + 1)) {
    const found = (offset > 0 && node.value[offset - 1] === '-' ? keyAt(node, offset - 1, file) : undefined) ?? keyAt(node, offset, file)
    if (found) return found
  }
  return undefined
}

/**
 * Where a character of a text node's value sits in the source. Escapes and character
 * references make the value shorter than its source, so the n-th occurrence of the same
 * character in each is matched.
 */
export function sourceOffset(node: Text, offset: number, file: VFile): number | undefined {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  const raw = String(file.value).slice(start, end)
  if (raw === node.value) return start + offset
  const character = node.value.charAt(offset)
  let nth = 0
  for (let index = node.value.indexOf(character); index >= 0 && index < offset; index = node.value.indexOf(character, index + 1)) nth++
  let found = raw.indexOf(character)
  for (; found >= 0 && nth > 0; nth--) found = raw.indexOf(character, found + 1)
  return found < 0 ? undefined : start + found
}

/** Whether the character at `offset` was written with a backslash before it. */
export function isEscaped(node: Text, offset: number, file: VFile): boolean {
  const at = sourceOffset(node, offset, file)
  if (at === undefined) return false
  const source = String(file.value)
  let backslashes = 0
  while (source[at - 1 - backslashes] === '\\') backslashes++
  return backslashes % 2 === 1
}

const locations = new WeakMap<VFile, ReturnType<typeof location>>()

/** Line, column and offset of a character of a text node (or of the end of its value). */
export function pointAt(node: Text, offset: number, file: VFile): Point | undefined {
  const at = offset >= node.value.length ? node.position?.end.offset : sourceOffset(node, offset, file)
  if (at === undefined) return undefined
  let lines = locations.get(file)
  if (!lines) locations.set(file, (lines = location(file)))
  return lines.toPoint(at)
}
