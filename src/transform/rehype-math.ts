/**
 * rehypeMath: typeset TeX math at build time with KaTeX, for every edition at once.
 *
 * Each expression becomes KaTeX's HTML (drawn with KaTeX's fonts, which the web page and the
 * PDF embed) beside its MathML with the TeX as an annotation; the EPUB keeps only the MathML
 * (`render/epub/math.ts`). Display math is a `div.math-display.keep`, which the paginator
 * never splits. An expression KaTeX cannot parse is a warning at its line and column and
 * stays in the text as its source, marked; the build goes on.
 *
 * Runs after sanitizing: KaTeX's output carries the inline styles its layout needs.
 */
import type {Element, ElementContent, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toString} from 'hast-util-to-string'
import katex from 'katex'
import {SKIP, visit} from '../util/visit.ts'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'

/** The class of elements that hold typeset math, for renderers. */
export const mathClass = 'math'

export function rehypeMath() {
  return function (tree: Root, file: VFile) {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!parent || index === undefined) return undefined
      const code = node.tagName === 'pre' ? onlyMathCode(node) : node.tagName === 'code' && isMath(node) ? node : undefined
      if (!code) return undefined
      const display = node.tagName === 'pre' || classes(code).includes('math-display')
      const block = node.tagName === 'pre'
      const tex = toString(code)
      const id = node.properties['id'] ?? code.properties['id']
      parent.children[index] = typeset(tex, {display, block, id: typeof id === 'string' ? id : undefined, node, file})
      return SKIP
    })
  }
}

function classes(node: Element): string[] {
  const value = node.properties['className']
  return Array.isArray(value) ? value.map(String) : []
}

function isMath(node: Element): boolean {
  return classes(node).includes('language-math')
}

function onlyMathCode(pre: Element): Element | undefined {
  const [code, ...rest] = pre.children.filter((child) => child.type !== 'text' || child.value.trim() !== '')
  return code?.type === 'element' && code.tagName === 'code' && isMath(code) && rest.length === 0 ? code : undefined
}

interface Typeset {
  display: boolean
  /** A block of its own (not `$$…$$` inside a sentence). */
  block: boolean
  id: string | undefined
  node: Element
  file: VFile
}

function typeset(tex: string, {display, block, id, node, file}: Typeset): Element {
  const tag = block ? 'div' : 'span'
  const className = [mathClass, display ? 'math-display' : 'math-inline', ...(block ? ['keep'] : [])]
  let html: string
  try {
    html = katex.renderToString(tex, {displayMode: display, output: 'htmlAndMathml', throwOnError: true, strict: 'ignore', trust: false})
  } catch (error) {
    if (!(error instanceof katex.ParseError)) throw error
    warn(file, node, tex, error)
    const delimiter = display ? '$$' : '$'
    const source: ElementContent = {type: 'element', tagName: 'code', properties: {}, children: [{type: 'text', value: delimiter + tex + delimiter}]}
    return {type: 'element', tagName: tag, properties: {className: [...className, 'math-error'], ...(id ? {id} : {})}, children: [source]}
  }
  const children = fromHtml(html, {fragment: true}).children as ElementContent[]
  return {type: 'element', tagName: tag, properties: {className, ...(id ? {id} : {})}, children}
}

/** The parse error at its place in the file: KaTeX counts from the start of the expression. */
function warn(file: VFile, node: Element, tex: string, error: katex.ParseError): void {
  const start = node.position?.start.offset
  const source = String(file.value)
  const at = start === undefined ? -1 : source.indexOf(tex, start)
  const offset = at < 0 ? start : at + (error.position ?? 0)
  const place = offset === undefined ? node.position?.start : location(file).toPoint(offset)
  file.message(`Unexpected TeX \`${tex.trim()}\` (${error.rawMessage}), expected math KaTeX can typeset`, {
    ...(place ? {place} : {}),
    ruleId: 'math',
    source: 'folio'
  })
}
