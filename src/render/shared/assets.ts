/**
 * The project's own files that editions embed: style sheets from `templates/` and font
 * files. Read once per process and cached; the only disk access in the render stage.
 */
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {fontFaceCss, fontFacesFor, type FontFace} from './fonts.ts'

const templates = fileURLToPath(new URL('../../../templates/', import.meta.url))
const cache = new Map<string, Buffer>()

function read(file: string): Buffer {
  let data = cache.get(file)
  if (!data) {
    data = readFileSync(file)
    cache.set(file, data)
  }
  return data
}

/** A file under `templates/`, as text. */
export function template(name: string): string {
  return read(templates + name).toString('utf8')
}

/** A font file's bytes. */
export function fontData(face: FontFace): Buffer {
  return read(face.file)
}

/** `@font-face` rules with the fonts inlined as data URIs, for the subsets `text` needs. */
export function inlineFontCss(text: string, extra: FontFace[] = []): string {
  return fontFaceCss([...fontFacesFor(text), ...extra], (face) => `data:font/woff2;base64,${fontData(face).toString('base64')}`)
}
