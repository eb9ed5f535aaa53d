/**
 * The e-reader style sheet: `@font-face` rules for the embedded fonts, the typography every
 * edition shares, and the e-reader layer (`templates/css/epub.css`).
 *
 * Custom properties are written out: Adobe's reader engine (RMSDK) and older Kindle and Kobo
 * firmware drop every declaration that uses `var()`.
 */
import path from 'node:path'
import {epubMathFamily, fontFaceCss, mono, type FontFace} from '../shared/fonts.ts'
import {template} from '../shared/assets.ts'
import {packagerFontFolder} from './packager.ts'

/** File name of an embedded font in the package. */
export function fontFilename(face: FontFace): string {
  return path.basename(face.file)
}

/** The faces to embed: those whose subsets the text uses; the code face only when there is code. */
export function embeddedFaces(faces: FontFace[], hasCode: boolean): FontFace[] {
  return faces.filter((face) => hasCode || face.family !== mono)
}

export function epubStylesheet(faces: FontFace[]): string {
  // MathML in the math face when the book carries it (only books with math do), then in the
  // reading system's own math font.
  const math = faces.some((face) => face.family === epubMathFamily) ? `math{font-family:'${epubMathFamily}',math}` : ''
  const css = [fontFaceCss(faces, (face) => `${packagerFontFolder}/${fontFilename(face)}`), template('css/base.css'), template('css/epub.css'), math]
    .filter(Boolean)
    .join('\n')
  return resolveCustomProperties(css)
}

/** Replace `var(--name)` with the value `:root` gives it, and drop the declarations. */
export function resolveCustomProperties(css: string): string {
  const values = new Map<string, string>()
  const withoutRoot = css.replace(/:root\s*\{([^}]*)\}/g, (_whole, body: string) => {
    for (const match of body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);?/g)) values.set(match[1]!, match[2]!.trim())
    return ''
  })
  return withoutRoot.replace(
    /var\((--[\w-]+)(?:\s*,\s*([^)]+))?\)/g,
    (whole, name: string, fallback: string | undefined) => values.get(name) ?? fallback?.trim() ?? whole
  )
}
