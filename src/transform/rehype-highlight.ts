/**
 * rehypeHighlight: fenced code with a language, highlighted at build time with
 * `starry-night` (GitHub's grammars), for every edition at once.
 *
 * starry-night gives hast with classes (`pl-k`, `pl-s`, …), not inline colours: the style
 * sheets colour them (`templates/css/base.css`), so an e-reader's night mode can restyle the
 * code. Each source line becomes a `span.line` of its own, so a line too long for the page
 * wraps with a continuation mark (drawn by CSS, outside the text) and copying gives back the
 * lines as written. A language starry-night does not know is plain text.
 */
import {createRequire} from 'node:module'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {createStarryNight, common} from '@wooorm/starry-night'
import type {Element, ElementContent, Root, RootContent, Text} from 'hast'
import {toString} from 'hast-util-to-string'
import {SKIP, visit} from '../util/visit.ts'

type StarryNight = Awaited<ReturnType<typeof createStarryNight>>

let highlighter: Promise<StarryNight> | undefined

/**
 * One highlighter per process, loaded when a reading first has code in a language: the
 * package's entry imports all of its 600 grammars (three quarters of a second, at every
 * start); its engine and the common grammars' list, loaded from their own files, take a
 * quarter of that.
 */
function starryNight(): Promise<StarryNight> {
  highlighter ??= (async () => {
    const folder = path.dirname(createRequire(import.meta.url).resolve('@wooorm/starry-night'))
    const load = (file: string) => import(pathToFileURL(path.join(folder, file)).href)
    const [engine, list, toml] = await Promise.all([load('lib/index.js'), load('lib/common.js'), load('lang/source.toml.js')])
    const create = (engine as {createStarryNight: typeof createStarryNight}).createStarryNight
    return create([...(list as {grammars: typeof common}).grammars, (toml as {default: (typeof common)[number]}).default])
  })()
  return highlighter
}

export function rehypeHighlight() {
  return async function (tree: Root) {
    const blocks: Array<{code: Element; language: string | undefined}> = []
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'pre') return undefined
      const code = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code')
      if (code) blocks.push({code, language: languageOf(code)})
      return SKIP
    })
    if (blocks.length === 0) return
    const highlight = blocks.some((block) => block.language) ? await starryNight() : undefined
    for (const {code, language} of blocks) {
      const source = toString(code).replace(/\n$/, '')
      const scope = language && highlight ? highlight.flagToScope(language) : undefined
      const tokens: RootContent[] = scope && highlight ? highlight.highlight(source, scope).children : [{type: 'text', value: source}]
      code.children = splitLines(tokens as ElementContent[])
      if (scope) code.properties['className'] = [...classes(code), 'highlighted']
    }
  }
}

function classes(node: Element): string[] {
  const value = node.properties['className']
  return Array.isArray(value) ? value.map(String) : []
}

function languageOf(code: Element): string | undefined {
  return classes(code)
    .find((name) => name.startsWith('language-'))
    ?.slice('language-'.length)
}

/**
 * Cut highlighted tokens into one `span.line` per source line; a token that spans lines (a
 * block comment, a multi-line string) is cut too, each part keeping its classes. The line
 * break stays at the end of each line, so the text is the source as written.
 */
export function splitLines(nodes: ElementContent[]): Element[] {
  const lines: ElementContent[][] = [[]]
  const walk = (node: ElementContent, wrappers: Element[]) => {
    if (node.type === 'text') {
      const parts = node.value.split('\n')
      parts.forEach((part, index) => {
        if (index > 0) lines.push([])
        if (part !== '') append(lines.at(-1)!, {type: 'text', value: part}, wrappers)
      })
    } else if (node.type === 'element') {
      for (const child of node.children) walk(child, [...wrappers, node])
    }
  }
  for (const node of nodes) walk(node, [])
  return lines.map((children, index) => ({
    type: 'element',
    tagName: 'span',
    properties: {className: ['line']},
    children: index < lines.length - 1 ? [...children, {type: 'text', value: '\n'}] : children
  }))
}

/** Which token each copy was made from, to reuse it for the next text of the same token. */
const copies = new WeakMap<Element, Element>()

/** Add `text` to `line` inside copies of `wrappers`, reusing the open ones at the line's end. */
function append(line: ElementContent[], text: Text, wrappers: Element[]): void {
  let children = line
  for (const wrapper of wrappers) {
    const last = children.at(-1)
    if (last?.type === 'element' && copies.get(last) === wrapper) {
      children = last.children
      continue
    }
    const copy: Element = {type: 'element', tagName: wrapper.tagName, properties: {...wrapper.properties}, children: []}
    copies.set(copy, wrapper)
    children.push(copy)
    children = copy.children
  }
  children.push(text)
}
