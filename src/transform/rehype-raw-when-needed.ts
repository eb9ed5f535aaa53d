/**
 * rehype-raw, only for trees that hold raw HTML: it re-parses the whole tree through parse5,
 * which costs a tenth of a reading's processing even when there is nothing to parse.
 */
import type {Root} from 'hast'
import rehypeRaw from 'rehype-raw'
import type {Transformer} from 'unified'
import {visit, EXIT} from '../util/visit.ts'
import type {VFile} from 'vfile'
import {rawHtmlTooDeep} from './limits.ts'

export function rehypeRawWhenNeeded(): Transformer<Root, Root> {
  const raw = rehypeRaw() as unknown as (tree: Root, file: VFile) => Root
  return function (tree, file) {
    let found = false
    visit(tree, 'raw', () => {
      found = true
      return EXIT
    })
    // Too deep: refused at its place (the tree is left empty) rather than overflow the stack.
    return found && !rawHtmlTooDeep(tree, file) ? raw(tree, file) : tree
  }
}
