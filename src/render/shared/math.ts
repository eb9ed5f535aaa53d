/**
 * What the web page and the PDF add when a reading has typeset math: KaTeX's layout rules
 * and its fonts (the EPUB carries MathML instead, see `render/epub/math.ts`).
 */
import type {Element, Root} from 'hast'
import {visit, EXIT} from '../../util/visit.ts'
import {mathClass} from '../../transform/rehype-math.ts'
import {katexLayoutCss, mathFontFaces, type FontFace} from './fonts.ts'

export function hasMath(tree: Root | Element): boolean {
  let found = false
  visit(tree, 'element', (node: Element) => {
    const value = node.properties['className']
    if (Array.isArray(value) && value.includes(mathClass)) {
      found = true
      return EXIT
    }
    return undefined
  })
  return found
}

/** KaTeX's faces and rules when `tree` has math, else nothing. */
export function mathAssets(tree: Root | Element): {faces: FontFace[]; css: string} {
  return hasMath(tree) ? {faces: mathFontFaces(), css: katexLayoutCss()} : {faces: [], css: ''}
}
