/**
 * Putting rendered citations in the tree. Inline ones become `span.citation`; in a note
 * style, each citation in the text becomes a GFM footnote, so that the notes the author
 * wrote and those citations make share one numbering, and the note reference moves after
 * the punctuation that follows it, as Pandoc does ("a claim [@a]." → "a claim.¹").
 */
import type {ElementContent} from 'hast'
import type {FootnoteDefinition, FootnoteReference, Parent, PhrasingContent, Root} from 'mdast'
import {SKIP, visit} from '../../util/visit.ts'
import type {RenderedCite} from './render.ts'
import {withoutFinalPeriod} from './render.ts'
import type {Cite} from './cite.ts'

const punctuation = /^[.,;:!?]+/

export function placeCites(tree: Root, rendered: RenderedCite[]): void {
  const byCite = new Map(rendered.map((entry) => [entry.cite, entry]))
  const taken = new Set(tree.children.flatMap((node) => (node.type === 'footnoteDefinition' ? [node.identifier] : [])))
  const definitions: FootnoteDefinition[] = []
  let count = 0

  visit(tree, 'cite', (node: Cite, index, parent: Parent | undefined) => {
    const entry = byCite.get(node)
    if (!entry || !parent || index === undefined) return
    const next = parent.children[index + 1]
    const beforePunctuation = next?.type === 'text' && punctuation.test(next.value)
    setContent(node, entry.where === 'note' && node.inText && beforePunctuation ? withoutFinalPeriod(entry.inline) : entry.inline)
    if (!entry.note) return SKIP

    let identifier: string
    do identifier = `cite-${++count}`
    while (taken.has(identifier))
    const reference: FootnoteReference = {type: 'footnoteReference', identifier, label: identifier}
    const inNote: Cite = {type: 'cite', items: node.items, inText: false}
    setContent(inNote, entry.note)
    definitions.push({type: 'footnoteDefinition', identifier, label: identifier, children: [{type: 'paragraph', children: [inNote]}]})
    const replacement: PhrasingContent[] = entry.inline.length > 0 ? [node, reference] : [reference]
    parent.children.splice(index, 1, ...replacement)
    const at = node.inText ? index + 1 : notesAfterPunctuation(parent, index)
    return [SKIP, at + 1]
  })
  tree.children.push(...definitions)
}

function setContent(node: Cite, content: ElementContent[]): void {
  node.data = {hName: 'span', hProperties: {className: ['citation']}, hChildren: content}
}

/** Move the punctuation after the note reference at `index` before it; returns the reference's new index. */
function notesAfterPunctuation(parent: Parent, index: number): number {
  const children = parent.children as PhrasingContent[]
  const before = children[index - 1]
  if (before?.type === 'text') before.value = before.value.replace(/\s+$/, '')
  const after = children[index + 1]
  const moved = after?.type === 'text' ? punctuation.exec(after.value)?.[0] : undefined
  if (!moved || after?.type !== 'text') return index
  after.value = after.value.slice(moved.length)
  if (after.value === '') children.splice(index + 1, 1)
  if (before?.type === 'text') {
    before.value += moved
    return index
  }
  children.splice(index, 0, {type: 'text', value: moved})
  return index + 1
}
