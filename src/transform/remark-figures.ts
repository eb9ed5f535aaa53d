/**
 * Figures and table captions as Pandoc writes them.
 *
 * - remarkFigures: an image alone in its paragraph, with alternative text, is a figure with
 *   that text as its caption (Pandoc's implicit figures). Attributes in braces right after an
 *   image, `![A map](map.png){#fig-map width=60%}`, give the figure its id (a label for
 *   cross-references) and the image its width (`%`, `px`, `em`, `cm`, `mm` or `in`). A
 *   paragraph `: Caption {#tbl-x}` (or `Table: Caption`) right after or before a table is
 *   that table's caption, and the label goes on the table.
 * - rehypeFigures (after sanitizing, which drops `style`): set those widths, and move each
 *   caption into its table.
 */
import type {Element, Root as HastRoot} from 'hast'
import type {Image, Paragraph, Parent, PhrasingContent, Root, RootContent, Text} from 'mdast'
import {visit} from '../util/visit.ts'
import type {VFile} from 'vfile'

/** Attributes in braces: `{#id .class key=value}`. */
const attributeBlock = /^\{([^{}]*)\}/
const widthValue = /^\d+(?:\.\d+)?(?:%|px|em|cm|mm|in)$/
const tableCaption = /^(?:Table)?:[ \t]+/

/** Which side of a caption its table is on (a class: sanitizing keeps classes, not data). */
const captionOfPrevious = 'caption-of-previous'
const captionOfNext = 'caption-of-next'

/** Widths for the images of a file, by the image's offset in the source. */
const widths = new WeakMap<VFile, Map<number, string>>()

interface Attributes {
  id: string | undefined
  width: string | undefined
}

export function remarkFigures() {
  return function (tree: Root, file: VFile) {
    const found = new Map<number, string>()
    widths.set(file, found)
    visit(tree, 'image', (image: Image, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return
      const attributes = takeAttributes(parent, index, file)
      if (attributes?.width && image.position?.start.offset !== undefined) found.set(image.position.start.offset, attributes.width)
      const figure = parent.type === 'paragraph' && onlyChild(parent as Paragraph, image)
      if (figure && image.alt) makeFigure(parent as Paragraph, image, attributes?.id)
      else if (attributes?.id) image.data = {...image.data, hProperties: {...image.data?.hProperties, id: attributes.id}}
    })
    captionTables(tree)
  }
}

/** Read and remove `{…}` right after the image at `index`; `undefined` when there is none. */
function takeAttributes(parent: Parent, index: number, file: VFile): Attributes | undefined {
  const next = parent.children[index + 1]
  if (next?.type !== 'text') return undefined
  const match = attributeBlock.exec(next.value)
  if (!match) return undefined
  next.value = next.value.slice(match[0].length)
  if (next.value === '') parent.children.splice(index + 1, 1)
  const attributes: Attributes = {id: undefined, width: undefined}
  for (const part of (match[1] ?? '').trim().split(/\s+/).filter(Boolean)) {
    if (part.startsWith('#')) attributes.id = part.slice(1)
    else if (part.startsWith('width=')) {
      const value = part.slice('width='.length).replace(/^["']|["']$/g, '')
      if (widthValue.test(value)) attributes.width = value
      else
        file.message(`Unexpected width \`${value}\`, expected a number with a unit (\`60%\`, \`8cm\`, \`300px\`)`, {
          place: next.position?.start,
          ruleId: 'figure-width',
          source: 'folio'
        })
    }
  }
  return attributes
}

function onlyChild(paragraph: Paragraph, image: Image): boolean {
  return paragraph.children.every((child) => child === image || (child.type === 'text' && child.value.trim() === ''))
}

function makeFigure(paragraph: Paragraph, image: Image, id: string | undefined): void {
  const caption: PhrasingContent = {type: 'emphasis', data: {hName: 'figcaption'}, children: [{type: 'text', value: image.alt ?? ''}]}
  paragraph.children = [image, caption]
  paragraph.data = {...paragraph.data, hName: 'figure', hProperties: id ? {id} : {}}
}

/** Caption paragraphs beside tables: marked `caption` (with the label as id) for rehypeFigures. */
function captionTables(tree: Root): void {
  visit(tree, (node) => {
    if (!('children' in node)) return
    const children = (node as Parent).children as RootContent[]
    for (const [index, child] of children.entries()) {
      if (child.type !== 'paragraph' || !isCaption(child)) continue
      if (children[index - 1]?.type !== 'table' && children[index + 1]?.type !== 'table') continue
      const first = child.children[0] as Text
      first.value = first.value.replace(tableCaption, '')
      const id = takeTrailingLabel(child)
      child.data = {
        ...child.data,
        hName: 'caption',
        hProperties: {...(id ? {id} : {}), className: [children[index - 1]?.type === 'table' ? captionOfPrevious : captionOfNext]}
      }
    }
  })
}

function isCaption(paragraph: Paragraph): boolean {
  const first = paragraph.children[0]
  return first?.type === 'text' && tableCaption.test(first.value)
}

/** `{#tbl-x}` at the end of a caption: removed, and returned. */
function takeTrailingLabel(paragraph: Paragraph): string | undefined {
  const last = paragraph.children.at(-1)
  if (last?.type !== 'text') return undefined
  const match = /\s*\{#([^\s{}]+)\}\s*$/.exec(last.value)
  if (!match) return undefined
  last.value = last.value.slice(0, match.index)
  return match[1]
}

export function rehypeFigures() {
  return function (tree: HastRoot, file: VFile) {
    const found = widths.get(file)
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName === 'img' && found) {
        const offset = node.position?.start.offset
        const width = offset === undefined ? undefined : found.get(offset)
        if (width) node.properties['style'] = `width:${width}`
      }
      if (node.tagName !== 'caption' || !parent || index === undefined) return undefined
      const siblings = parent.children
      const marks = Array.isArray(node.properties['className']) ? node.properties['className'] : []
      if (!marks.includes(captionOfPrevious) && !marks.includes(captionOfNext)) return undefined
      const direction = marks.includes(captionOfPrevious) ? -1 : 1
      let at = index + direction
      while (siblings[at]?.type === 'text') at += direction
      const table = siblings[at]
      if (table?.type !== 'element' || table.tagName !== 'table') return undefined
      siblings.splice(index, 1)
      delete node.properties['className']
      // The label names the table: its caption is only part of it.
      const id = node.properties['id']
      delete node.properties['id']
      if (id !== undefined) table.properties['id'] = id
      table.children.unshift(node)
      return index
    })
  }
}
