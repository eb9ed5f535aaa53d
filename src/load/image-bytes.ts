/**
 * Images are what their bytes say, not their names: the header must be a PNG, JPEG, GIF,
 * WebP or SVG as the extension promises, with dimensions under the pixel limit (a small file
 * that unpacks to gigapixels is refused before any decoder sees it). SVG must be well-formed
 * XML with an `<svg>` root and no DOCTYPE that declares entities (nothing is expanded).
 */
import {imageSize} from 'image-size'
import {limits} from '../util/limits.ts'
import {decodeUtf8} from '../util/text.ts'
import {parseXmlSafely} from './xml.ts'

/** What the header says an extension's files are (image-size's type names). */
const headerTypes: Record<string, string> = {'.png': 'png', '.jpg': 'jpg', '.jpeg': 'jpg', '.gif': 'gif', '.webp': 'webp', '.svg': 'svg'}

const typeNames: Record<string, string> = {png: 'PNG', jpg: 'JPEG', gif: 'GIF', webp: 'WebP', svg: 'SVG'}

export interface ImageFacts {
  width: number
  height: number
}

/** The image's size, or why it cannot go into an edition (a reason to word as "Unexpected image `x` …"). */
export function checkImageBytes(bytes: Uint8Array, extension: string): {ok: true; facts: ImageFacts} | {ok: false; problem: string} {
  const expected = headerTypes[extension.toLowerCase()]
  if (!expected) return {ok: false, problem: `of type \`${extension}\`, expected one of ${Object.keys(headerTypes).join(', ')}`}
  if (bytes.length === 0) return {ok: false, problem: 'that is empty, expected an image'}
  if (expected === 'svg') {
    const decoded = decodeUtf8(bytes)
    if (decoded.invalid) return {ok: false, problem: `with bytes that are not UTF-8 at ${decoded.invalid.line}:${decoded.invalid.column}, expected SVG text`}
    const parsed = parseXmlSafely(decoded.text)
    if (!parsed.ok) return {ok: false, problem: `with ${parsed.problem}${parsed.place ? ` at ${parsed.place.line}:${parsed.place.column}` : ''}`}
    const root = parsed.tree.children.find((node) => node.type === 'element')
    if (!root || root.name.slice(root.name.indexOf(':') + 1) !== 'svg') return {ok: false, problem: 'without an `<svg>` root element, expected an SVG file'}
    // Vector images have no pixels to count; the browser draws them at the size of the page.
    return {ok: true, facts: {width: 0, height: 0}}
  }
  let found: {type?: string | undefined; width?: number | undefined; height?: number | undefined}
  try {
    found = imageSize(bytes)
  } catch {
    return {ok: false, problem: `that cannot be read as ${typeNames[expected]}, expected a ${typeNames[expected]} file`}
  }
  if (found.type !== expected) {
    const actual = found.type && typeNames[found.type] ? `a ${typeNames[found.type]} file` : 'another kind of file'
    return {ok: false, problem: `that is ${actual}, expected ${typeNames[expected]} as its name says`}
  }
  const width = found.width ?? 0
  const height = found.height ?? 0
  // SVG may leave its size to the page (no width and height, or percentages).
  if (expected !== 'svg' && (width <= 0 || height <= 0)) return {ok: false, problem: `of ${width} × ${height} pixels, expected an image with pixels`}
  if (width > limits.imageSide || height > limits.imageSide || width * height > limits.imagePixels) {
    return {
      ok: false,
      problem: `of ${width} × ${height} pixels, expected at most ${limits.imagePixels / 1e6} million pixels and ${limits.imageSide} on a side`
    }
  }
  return {ok: true, facts: {width, height}}
}
