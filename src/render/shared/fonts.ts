/**
 * The project's typefaces, shipped as npm packages (Fontsource, SIL Open Font License):
 * Source Serif 4 for text, Source Sans 3 for headings and furniture, Source Code Pro for
 * code. Editions embed only the Unicode subsets their text uses, so a French pack does not
 * carry Cyrillic and every edition renders the same on a machine with no fonts at all.
 */
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)

export interface FontFace {
  family: string
  weight: number
  style: 'normal' | 'italic'
  /** Fontsource subset name (`latin`, `latin-ext`, …). */
  subset: string
  /** CSS `unicode-range` of the subset. */
  unicodeRange: string
  /** Absolute path of the WOFF2 file. */
  file: string
}

interface Family {
  name: string
  packageName: string
  variants: Array<[weight: number, style: 'normal' | 'italic']>
}

export const serif = 'Source Serif 4'
export const sans = 'Source Sans 3'
export const mono = 'Source Code Pro'

const families: Family[] = [
  {
    name: serif,
    packageName: '@fontsource/source-serif-4',
    variants: [
      [400, 'normal'],
      [400, 'italic'],
      [600, 'normal'],
      [600, 'italic'],
      [700, 'normal'],
      [700, 'italic']
    ]
  },
  {
    name: sans,
    packageName: '@fontsource/source-sans-3',
    variants: [
      [400, 'normal'],
      [400, 'italic'],
      [600, 'normal'],
      [700, 'normal']
    ]
  },
  {
    name: mono,
    packageName: '@fontsource/source-code-pro',
    variants: [
      [400, 'normal'],
      [400, 'italic'],
      [700, 'normal']
    ]
  }
]

const subsets = ['latin', 'latin-ext', 'greek', 'cyrillic', 'cyrillic-ext', 'vietnamese']

/** Every face of every family in every subset the package has. */
export function allFontFaces(): FontFace[] {
  return families.flatMap((family) => {
    const folder = path.dirname(require.resolve(`${family.packageName}/package.json`))
    const ranges = require(`${family.packageName}/unicode.json`) as Record<string, string>
    return subsets
      .filter((subset) => subset in ranges)
      .flatMap((subset) =>
        family.variants.map(([weight, style]) => ({
          family: family.name,
          weight,
          style,
          subset,
          unicodeRange: ranges[subset] ?? '',
          file: path.join(folder, 'files', `${path.basename(family.packageName)}-${subset}-${weight}-${style}.woff2`)
        }))
      )
  })
}

/** The faces whose subsets cover at least one character of `text` (always Latin). */
export function fontFacesFor(text: string): FontFace[] {
  // Only characters beyond ASCII choose a subset (Latin, always in, has ASCII): a book's text is
  // megabytes of mostly ASCII, skipped a code unit at a time.
  const codePoints = new Set<number>()
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) < 0x80) continue
    const point = text.codePointAt(index)!
    if (point > 0xffff) index++
    codePoints.add(point)
  }
  return allFontFaces().filter((face) => face.subset === 'latin' || rangeIncludesAny(face.unicodeRange, codePoints))
}

function rangeIncludesAny(unicodeRange: string, codePoints: Set<number>): boolean {
  const ranges = unicodeRange.split(',').map((part) => {
    const [start = '0', end] = part.trim().replace(/^U\+/i, '').split('-')
    return [Number.parseInt(start, 16), Number.parseInt(end ?? start, 16)] as const
  })
  for (const point of codePoints) {
    if (ranges.some(([start, end]) => point >= start && point <= end)) return true
  }
  return false
}

/** `@font-face` rules for `faces`, each `src` given by `url` (a data URI, a path in the EPUB). */
export function fontFaceCss(faces: FontFace[], url: (face: FontFace) => string): string {
  return faces
    .map(
      (face) =>
        `@font-face{font-family:'${face.family}';font-style:${face.style};font-weight:${face.weight};font-display:block;` +
        `src:url(${url(face)}) format('woff2');unicode-range:${face.unicodeRange}}`
    )
    .join('\n')
}

/**
 * KaTeX's own faces (SIL Open Font License, shipped in the `katex` package), which its HTML
 * output is measured against: the web page and the PDF embed them when a reading has math.
 * Read from KaTeX's style sheet, so they follow the installed version.
 */
export function mathFontFaces(): FontFace[] {
  const folder = path.join(path.dirname(require.resolve('katex/package.json')), 'dist')
  const css = katexCssSource()
  return [...css.matchAll(/@font-face\{([^}]*)\}/g)].flatMap(([, body = '']) => {
    const family = /font-family:([^;]+)/.exec(body)?.[1]?.trim()
    const file = /url\(([^)]+\.woff2)\)/.exec(body)?.[1]
    if (!family || !file) return []
    return [
      {
        family,
        weight: Number(/font-weight:(\d+)/.exec(body)?.[1] ?? 400),
        style: /font-style:italic/.test(body) ? 'italic' : 'normal',
        subset: 'math',
        unicodeRange: 'U+0-10FFFF',
        file: path.join(folder, file)
      } satisfies FontFace
    ]
  })
}

/** The family of the EPUB's math face (`epubMathFace`). */
export const epubMathFamily = 'Noto Sans Math'

/**
 * The face the EPUB's MathML is drawn with: Noto Sans Math (Fontsource, SIL Open Font
 * License), an OpenType math font (it has the MATH table that MathML layout reads: stretchy
 * delimiters, radicals, script sizes). Without one a reading system draws MathML with
 * whatever font it has, often one without the symbols. Fontsource calls its one file `latin`,
 * but the file is the whole font (3,033 code points, Greek and the mathematical alphanumerics
 * included), so its range is all of Unicode: it is only ever asked for in `math`.
 */
export function epubMathFace(): FontFace {
  const packageName = '@fontsource/noto-sans-math'
  const folder = path.dirname(require.resolve(`${packageName}/package.json`))
  return {
    family: epubMathFamily,
    weight: 400,
    style: 'normal',
    subset: 'math',
    unicodeRange: 'U+0-10FFFF',
    file: path.join(folder, 'files', 'noto-sans-math-latin-400-normal.woff2')
  }
}

let katexCss: string | undefined

/** KaTeX's style sheet as shipped (with its `@font-face` rules). */
export function katexCssSource(): string {
  katexCss ??= readFileSync(require.resolve('katex/dist/katex.min.css'), 'utf8')
  return katexCss
}

/** KaTeX's layout rules without its `@font-face` rules, which editions write themselves. */
export function katexLayoutCss(): string {
  return katexCssSource().replace(/@font-face\{[^}]*\}/g, '')
}
