/**
 * Math in the EPUB: MathML, which EPUB 3 reading systems draw (and read aloud) themselves,
 * instead of KaTeX's HTML, whose fonts and absolute layout reading systems restyle at will.
 * Each `<math>` gets the MathML namespace and `alttext` with its TeX, so a reading system
 * that cannot draw MathML still has the source; documents with math carry the `mathml`
 * property in the package (`render/epub/index.ts`).
 */
import type {Element, ElementContent} from 'hast'
import {toString} from 'hast-util-to-string'
import {SKIP, visit} from '../../util/visit.ts'
import {mathClass} from '../../transform/rehype-math.ts'

export const mathmlNamespace = 'http://www.w3.org/1998/Math/MathML'

/** MathML's token elements, which hold text (and only these elements). */
const tokenElements = new Set(['mi', 'mo', 'mn', 'mtext', 'ms'])
const tokenContent = new Set(['mglyph', 'malignmark'])

/** Replace KaTeX's HTML under `root` by its MathML. */
export function mathAsMathml(root: Element): void {
  visit(root, 'element', (node: Element) => {
    const classes = node.properties['className']
    if (!Array.isArray(classes) || !classes.includes(mathClass)) return undefined
    const math = findMath(node)
    if (!math) return SKIP
    const annotation = findAnnotation(math)
    math.properties = {...math.properties, xmlns: mathmlNamespace, alttext: annotation ? toString(annotation).trim() : toString(math)}
    // KaTeX sets a numbered equation as a table with percentage widths, which MathML 3 (the
    // EPUB's schema) does not allow on cells: the number then simply follows the equation.
    visit(math, 'element', (element: Element) => {
      if (element.tagName === 'mtd' || element.tagName === 'mtable') delete element.properties['width']
      // KaTeX wraps some constructs (`\overset`, `\mathrel{…}`, `\bmod`) in a token element,
      // `<mo><mover>…</mover></mo>`, which MathML 3 forbids: a row holds them instead.
      if (tokenElements.has(element.tagName) && element.children.some((child) => child.type === 'element' && !tokenContent.has(child.tagName))) {
        element.tagName = 'mrow'
        element.properties = {}
      }
    })
    node.children = [math]
    return SKIP
  })
}

function findMath(node: Element): Element | undefined {
  let found: Element | undefined
  visit(node, 'element', (element: Element) => {
    if (element.tagName !== 'math') return undefined
    found = element
    return false
  })
  return found
}

function findAnnotation(math: Element): ElementContent | undefined {
  let found: Element | undefined
  visit(math, 'element', (element: Element) => {
    if (element.tagName === 'annotation' && element.properties['encoding'] === 'application/x-tex') found = element
  })
  return found
}
