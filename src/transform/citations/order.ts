/**
 * The citations of a reading in reading order, each with the note it sits in. A note's
 * content is read where its first reference stands, which is also how GFM numbers notes; in
 * a note style, each citation in the text opens a note of its own, numbered among the
 * author's notes. citeproc-js needs these numbers for ibid, short forms and "(n 3)".
 */
import type {FootnoteDefinition, Nodes, Root} from 'mdast'
import type {Cite} from './cite.ts'

export interface PlacedCite {
  cite: Cite
  /** The note's number (0 for a citation in the text of an author-date style). */
  noteIndex: number
  /** In the running text, or inside one of the author's own notes. */
  where: 'text' | 'note'
}

export function orderCitations(tree: Root, noteStyle: boolean): PlacedCite[] {
  const definitions = new Map<string, FootnoteDefinition>()
  for (const node of tree.children) if (node.type === 'footnoteDefinition') definitions.set(node.identifier, node)
  const numbers = new Map<string, number>()
  const placed: PlacedCite[] = []
  let count = 0

  function walk(node: Nodes, note: number | undefined): void {
    if (node.type === 'cite') {
      if (note !== undefined) placed.push({cite: node, noteIndex: note, where: 'note'})
      else placed.push({cite: node, noteIndex: noteStyle ? ++count : 0, where: 'text'})
      return
    }
    if (node.type === 'footnoteReference') {
      if (numbers.has(node.identifier)) return
      numbers.set(node.identifier, ++count)
      const definition = definitions.get(node.identifier)
      if (definition) walk(definition, count)
      return
    }
    if (!('children' in node)) return
    for (const child of node.children) {
      // Definitions are read where they are referenced; unreferenced ones are not printed.
      if (child.type !== 'footnoteDefinition' || note !== undefined) walk(child, note)
    }
  }

  walk(tree, undefined)
  return placed
}
