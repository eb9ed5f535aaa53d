/**
 * remarkMathSyntax: TeX math in Markdown as Pandoc reads it, on top of `remark-math`'s parser.
 *
 * - `$…$` is inline math only when the opening `$` has a non-space character right after it,
 *   the closing one a non-space character right before it and no digit right after it
 *   (Pandoc's rule, so "from $5 to $10" stays prices); other pairs go back to text.
 * - `$$…$$` is display math wherever it is written: a paragraph that is only `$$…$$` becomes
 *   a display block, and `$$…$$` inside a sentence is displayed too.
 * - A display equation may carry a label, `{#eq-…}`, after its closing `$$` (on the same line,
 *   as pandoc-crossref writes it): it lands in `data.label` for `remarkCrossref`.
 */
import type {Element} from 'hast'
import type {Paragraph, Parent, PhrasingContent, Root, RootContent} from 'mdast'
import type {InlineMath, Math} from 'mdast-util-math'
import type {Processor} from 'unified'
import {SKIP, visit} from '../util/visit.ts'
import type {VFile} from 'vfile'

declare module 'mdast-util-math' {
  interface MathData {
    /** `eq-…` written after the equation, for `remarkCrossref`. */
    label?: string
  }
}

/** `$$ {#eq-x}` closing a display block: the label, found in the source before parsing. */
const closingWithLabel = /^([ \t]*\$\$)([ \t]*\{#(eq-[^\s}]+)\}[ \t]*)$/gm
const labelAfter = /^\s*\{#(eq-[^\s}]+)\}\s*$/

/** Labels on closing fences by the line they are written on, per file. */
const fenceLabels = new WeakMap<VFile, Map<number, string>>()

export function remarkMathSyntax(this: Processor) {
  // A closing fence followed by text is no fence for micromark, which would run the
  // equation on to the next `$$`: blank the label out (same length, so every place in the
  // file stays where it is) and remember it by line.
  const parse = this.parser
  if (parse) {
    this.parser = (document: string, file: VFile) => {
      const labels = new Map<number, string>()
      const blanked = document.replace(closingWithLabel, (_whole, fence: string, rest: string, label: string, offset: number) => {
        labels.set(document.slice(0, offset).split('\n').length, label)
        return fence + ' '.repeat(rest.length)
      })
      fenceLabels.set(file, labels)
      return parse(blanked, file)
    }
  }

  return function (tree: Root, file: VFile) {
    const source = String(file.value)
    const labels = fenceLabels.get(file)
    visit(tree, (node, index, parent: Parent | undefined) => {
      if (node.type === 'math') {
        const label = node.position ? labels?.get(node.position.end.line) : undefined
        if (label) node.data = {...node.data, label}
        return SKIP
      }
      if (node.type !== 'paragraph' || !parent || index === undefined) return undefined
      const paragraph = node as Paragraph
      paragraph.children = pandocDollars(paragraph.children, source)
      const block = displayParagraph(paragraph, source)
      if (block) parent.children[index] = block as RootContent
      return SKIP
    })
  }
}

/** Whether inline math was written between double dollars. */
function isDouble(node: InlineMath, source: string): boolean {
  const offset = node.position?.start.offset
  return offset !== undefined && source.startsWith('$$', offset)
}

/** Inline math per Pandoc's rules for single dollars (recursively into emphasis, links, …). */
function pandocDollars(children: PhrasingContent[], source: string): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (const child of children) {
    if (child.type === 'inlineMath') {
      if (isDouble(child, source)) {
        const code = child.data?.hChildren?.[0]
        child.data = {...child.data, hProperties: {className: ['language-math', 'math-display']}}
        if (code) child.data.hChildren = [code]
        out.push(child)
        continue
      }
      const end = child.position?.end.offset
      const after = end === undefined ? '' : source.charAt(end)
      if (/^\s|\s$/.test(child.value) || /\d/.test(after) || child.value === '') {
        pushText(out, `$${child.value}$`)
        continue
      }
      out.push(child)
      continue
    }
    if (child.type === 'text') {
      pushText(out, child.value, child)
      continue
    }
    if ('children' in child) child.children = pandocDollars(child.children as PhrasingContent[], source) as typeof child.children
    out.push(child)
  }
  return out
}

function pushText(out: PhrasingContent[], value: string, node?: PhrasingContent): void {
  const last = out.at(-1)
  if (last?.type === 'text') {
    last.value += value
    // A merged text spans more than one source range: keep the start only.
    if (last.position && node?.position) last.position = {start: last.position.start, end: node.position.end}
    else delete last.position
    return
  }
  out.push(node && node.type === 'text' ? node : {type: 'text', value})
}

/** A paragraph holding only `$$…$$` (and maybe `{#eq-…}`) as a display block. */
function displayParagraph(paragraph: Paragraph, source: string): Math | undefined {
  const [first, second, ...rest] = paragraph.children.filter((child) => child.type !== 'text' || child.value.trim() !== '')
  if (rest.length > 0 || first?.type !== 'inlineMath' || !isDouble(first, source)) return undefined
  const label = second === undefined ? undefined : second.type === 'text' ? labelAfter.exec(second.value)?.[1] : undefined
  if (second !== undefined && !label) return undefined
  const code: Element = {
    type: 'element',
    tagName: 'code',
    properties: {className: ['language-math', 'math-display']},
    children: [{type: 'text', value: first.value}]
  }
  return {
    type: 'math',
    value: first.value,
    ...(paragraph.position ? {position: paragraph.position} : {}),
    data: {hName: 'pre', hChildren: [code], ...(label ? {label} : {})}
  }
}
