/**
 * rehypeNotes: take the reading's notes out of the flow into `file.data.notes`, and mark
 * their references with `role="doc-noteref"`.
 *
 * remark-gfm's footnotes (and, through them, note-style citations) arrive as a
 * `section[data-footnotes]` at the end of the tree. Each edition places notes its own way
 * (end of the reading, foot of the page, pop-up asides), so none of them is left in the tree.
 */
import type {Element, ElementContent, Root} from 'hast'
import {toString} from 'hast-util-to-string'
import {SKIP, visit} from '../util/visit.ts'
import type {VFile} from 'vfile'
import type {Note} from './vfile-data.ts'

export function rehypeNotes() {
  return function (tree: Root, file: VFile) {
    file.data.notes = extractNotes(tree)
  }
}

export function extractNotes(tree: Root): Note[] {
  const notes: Note[] = []
  const byId = new Map<string, Note>()

  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'section' || !('dataFootnotes' in node.properties) || !parent || index === undefined) return
    const list = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'ol')
    for (const item of list?.children ?? []) {
      if (item.type !== 'element' || item.tagName !== 'li') continue
      const note: Note = {id: String(item.properties['id']), number: notes.length + 1, refIds: [], children: withoutBackrefs(item.children)}
      notes.push(note)
      byId.set(note.id, note)
    }
    parent.children.splice(index, 1)
    return [SKIP, index]
  })

  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'a' || !('dataFootnoteRef' in node.properties)) return
    const href = String(node.properties['href'] ?? '')
    const note = byId.get(href.slice(1))
    if (!note) return
    note.refIds.push(String(node.properties['id']))
    node.properties = {href, id: node.properties['id'], role: 'doc-noteref', className: ['noteref']}
    node.children = [{type: 'text', value: String(note.number)}]
  })

  separateAdjacentRefs(tree)
  return notes
}

/** A `sup` that holds a note reference. */
function isRefSup(node: ElementContent | undefined): node is Element {
  return (
    node?.type === 'element' &&
    node.tagName === 'sup' &&
    node.children.some((child) => child.type === 'element' && child.tagName === 'a' && child.properties['role'] === 'doc-noteref')
  )
}

/** Notes 9 and 10 referenced side by side read "9,10", not "910". */
function separateAdjacentRefs(tree: Root): void {
  visit(tree, 'element', (node: Element) => {
    for (let index = node.children.length - 1; index > 0; index--) {
      if (isRefSup(node.children[index]) && isRefSup(node.children[index - 1])) {
        node.children.splice(index, 0, {
          type: 'element',
          tagName: 'sup',
          properties: {className: ['noteref-separator']},
          children: [{type: 'text', value: ','}]
        })
      }
    }
  })
}

/** The note's content without GFM's "↩" back links (each edition makes its own). */
function withoutBackrefs(children: ElementContent[]): ElementContent[] {
  const root: Root = {type: 'root', children: structuredClone(children)}
  visit(root, 'element', (node: Element, index, parent) => {
    if (!('dataFootnoteBackref' in node.properties) || !parent || index === undefined) return
    parent.children.splice(index, 1)
    const before = parent.children[index - 1]
    if (before?.type === 'text') before.value = before.value.replace(/\s+$/, '')
    return [SKIP, index]
  })
  return root.children.filter((child): child is ElementContent => child.type !== 'doctype' && !(child.type === 'text' && toString(child).trim() === ''))
}
