/**
 * Paths the content names: whether one stays inside the pack, and reading percent-encoded
 * ones without ever throwing on a stray `%` ("100%.png").
 */
import path from 'node:path'

export function isInside(root: string, absolute: string): boolean {
  const relative = path.relative(root, absolute)
  return !relative.startsWith('..') && !path.isAbsolute(relative)
}

/** `decodeURIComponent`, or the text as it is when it is not valid percent-encoding. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
