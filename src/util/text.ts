/**
 * Bytes to text, strictly: UTF-8 that is not valid is reported at its place (the first bad
 * byte's line and column) instead of being replaced without a word.
 */

export interface DecodedText {
  /** The text, with U+FFFD for invalid bytes, so the rest can still be read and checked. */
  text: string
  /** Where the first invalid byte is (1-based), when there is one. */
  invalid: {line: number; column: number} | undefined
}

export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return {text: new TextDecoder('utf-8', {fatal: true}).decode(bytes), invalid: undefined}
  } catch {
    return {text: new TextDecoder('utf-8').decode(bytes), invalid: placeOf(bytes, firstInvalid(bytes))}
  }
}

/** The offset of the first byte that cannot start or continue valid UTF-8 (binary search on prefixes). */
function firstInvalid(bytes: Uint8Array): number {
  // A prefix decodes in streaming mode unless it holds an error (an unfinished last
  // character is kept for later), so "the prefix is fine" is monotonic in its length.
  const fine = (length: number) => {
    try {
      new TextDecoder('utf-8', {fatal: true}).decode(bytes.subarray(0, length), {stream: true})
      return true
    } catch {
      return false
    }
  }
  let low = 0
  let high = bytes.length
  while (low < high) {
    const middle = Math.floor((low + high + 1) / 2)
    if (fine(middle)) low = middle
    else high = middle - 1
  }
  // `low` bytes are fine, the next one is not: the bad character starts there, or earlier
  // when those bytes end with a character that was never finished.
  try {
    new TextDecoder('utf-8', {fatal: true}).decode(bytes.subarray(0, low))
    return low
  } catch {
    let start = low - 1
    while (start > 0 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start--
    return start
  }
}

function placeOf(bytes: Uint8Array, offset: number): {line: number; column: number} {
  let line = 1
  let lineStart = 0
  for (let index = 0; index < offset; index++) {
    if (bytes[index] === 0x0a) {
      line++
      lineStart = index + 1
    }
  }
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset))
  // Columns count UTF-16 code units, as vfile's do.
  return {line, column: before.length + 1}
}
