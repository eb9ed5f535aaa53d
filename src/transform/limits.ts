/**
 * Limits on a reading's shape (`limits` in `util/limits.ts`), checked before the work they
 * would make explode: nesting the Markdown parser pays for with the square of its depth is
 * measured on the text before parsing; the tree's depth, which the tree utilities pay for
 * with the stack, right after parsing; raw HTML's nesting before it is parsed into the tree.
 * A reading over a limit gets an error at the place and an empty body, so nothing after
 * the check sees it.
 */
import type {Root as HastRoot, RootContent as HastContent} from 'hast'
import type {Root, RootContent} from 'mdast'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'
import {limits} from '../util/limits.ts'
import {contentError} from '../util/messages.ts'

type Place = {line: number; column: number}

/**
 * Where the Markdown text nests deeper than the parser can be trusted with: block quotes
 * and list items opened on one line (`> > -`, or a list marker indented by two columns per
 * level), and `[` left open across a paragraph (label brackets stay on the parser's stack).
 */
export function markdownTooDeep(text: string): {place: Place; reason: string} | undefined {
  let line = 1
  let brackets = 0
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    const prefix = /^[ \t>]*/.exec(text.slice(start, Math.min(end, start + 4 * limits.markdownContainers + 64)))![0]
    const quotes = prefix.split('>').length - 1
    const rest = text.slice(start + prefix.length, start + prefix.length + 3)
    const indent = prefix.replace(/>/g, '').replace(/\t/g, '    ').length
    const containers = quotes + (/^([-+*]|\d{1,9}[.)])(\s|$)/.test(rest) ? Math.floor(indent / 2) + 1 : 0)
    if (containers > limits.markdownContainers)
      return {place: {line, column: 1}, reason: `more than ${limits.markdownContainers} block quotes and list items nested on one line`}
    if (start + prefix.length === end) brackets = 0
    for (let index = start; index < end; index++) {
      const character = text.charCodeAt(index)
      if (character === 0x5b) {
        brackets++
        if (brackets > limits.treeDepth)
          return {place: {line, column: index - start + 1}, reason: `more than ${limits.treeDepth} \`[\` open at once in one paragraph`}
      } else if (character === 0x5d && brackets > 0) brackets--
    }
    start = end + 1
  }
  return undefined
}

/** Wraps the processor's parser so that text over the Markdown limits is never parsed. */
export function remarkLimits(this: Processor) {
  const self = this as unknown as {parser: (document: string, file: VFile) => Root}
  const parse = self.parser
  self.parser = (document, file) => {
    const deep = markdownTooDeep(document)
    if (!deep) return parse(document, file)
    refuse(file, `Unexpected Markdown with ${deep.reason}, expected shallower nesting`, deep.place, 'nesting-limit')
    return {type: 'root', children: []}
  }
  return function (tree: Root, file: VFile) {
    const problem = treeProblem(tree)
    if (!problem) return
    refuse(file, problem.reason, problem.place, problem.ruleId)
    tree.children = []
  }
}

/** Raw HTML's nesting, counted on its tags before parse5 turns it into (deep) tree nodes. */
export function rawHtmlTooDeep(tree: HastRoot, file: VFile): boolean {
  let depth = 0
  const stack: Array<{node: HastContent | HastRoot; depth: number}> = [{node: tree, depth: 0}]
  // Document order, with each node's depth in the tree around the raw HTML.
  const raws: Array<{value: string; depth: number; place: Place | undefined}> = []
  while (stack.length > 0) {
    const {node, depth: level} = stack.pop()!
    if (node.type === 'raw') raws.push({value: node.value, depth: level, place: node.position?.start})
    if ('children' in node) for (let index = node.children.length - 1; index >= 0; index--) stack.push({node: node.children[index]!, depth: level + 1})
  }
  for (const raw of raws) {
    for (const match of raw.value.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g)) {
      const name = match[2]!.toLowerCase()
      if (match[3] || voidOrOptional.has(name)) continue
      depth = match[1] ? Math.max(0, depth - 1) : depth + 1
      if (depth + raw.depth > limits.treeDepth) {
        refuse(
          file,
          `Unexpected raw HTML nested more than ${limits.treeDepth} elements deep, expected shallower nesting`,
          raw.place ?? {line: 1, column: 1},
          'nesting-limit'
        )
        tree.children = []
        return true
      }
    }
  }
  return false
}

/** Elements that never nest (void) or close themselves (optional end tags): not counted. */
const voidOrOptional = new Set([
  ...['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'],
  ...['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'colgroup', 'rp', 'rt', 'caption']
])

/** What counts towards the blocks of a reading. */
const blockTypes = new Set<string>(['paragraph', 'heading', 'listItem', 'code', 'table', 'math'])

/** The first limit the parsed tree breaks: its depth, its number of notes or blocks, a paragraph's length. */
function treeProblem(tree: Root): {reason: string; place: Place; ruleId: string} | undefined {
  const stack: Array<{node: Root | RootContent; depth: number}> = [{node: tree, depth: 0}]
  let blocks = 0
  let definitions = 0
  let references = 0
  while (stack.length > 0) {
    const {node, depth} = stack.pop()!
    const place = node.position?.start ?? {line: 1, column: 1}
    if (depth > limits.treeDepth)
      return {reason: `Unexpected Markdown nested more than ${limits.treeDepth} levels deep, expected shallower nesting`, place, ruleId: 'nesting-limit'}
    if (blockTypes.has(node.type) && ++blocks > limits.blocks)
      return {reason: `Unexpected block beyond the ${limits.blocks} a reading may have, expected a shorter reading`, place, ruleId: 'blocks-limit'}
    if (
      (node.type === 'paragraph' || node.type === 'heading') &&
      (node.position?.end.offset ?? 0) - (node.position?.start.offset ?? 0) > limits.blockCharacters
    )
      return {
        reason: `Unexpected paragraph of more than ${limits.blockCharacters} characters, expected shorter paragraphs`,
        place,
        ruleId: 'paragraph-limit'
      }
    if (node.type === 'footnoteDefinition') definitions++
    if (node.type === 'footnoteReference') references++
    if (definitions > limits.notes || references > limits.notes)
      return {reason: `Unexpected note beyond the ${limits.notes} a reading may have, expected fewer notes`, place, ruleId: 'notes-limit'}
    if ('children' in node) for (const child of node.children) stack.push({node: child, depth: depth + 1})
  }
  return undefined
}

function refuse(file: VFile, reason: string, place: Place, ruleId: string): void {
  contentError(file, reason, {place, ruleId, source: 'folio'})
}
