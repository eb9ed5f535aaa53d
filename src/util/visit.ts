/**
 * `visit` from `unist-util-visit`, with its signature and its semantics (preorder, a test by
 * type or by function, `SKIP`, `EXIT`, an index to go on from, `reverse`), walked without its
 * cost per node: the library makes a closure, a copy of the ancestors and a function name
 * (for its debugging output) for every node it passes, which was a sixth of a 111-reading
 * pack's CPU time in parse, transform and print document (`npm run bench`). Visitor objects
 * (`enter`, `exit`) and other tests go to the library itself; `test/visit.test.ts` walks
 * trees with both and compares.
 */
import {CONTINUE, EXIT, SKIP, visit as libraryVisit} from 'unist-util-visit'

export {CONTINUE, EXIT, SKIP}

interface AnyNode {
  type: string
  children?: AnyNode[]
}

type Visitor = (node: AnyNode, index: number | undefined, parent: AnyNode | undefined) => unknown
type Test = string | ((node: AnyNode, index: number | undefined, parent: AnyNode | undefined) => unknown) | null | undefined

function fastVisit(tree: AnyNode, ...rest: unknown[]): void {
  const [first, second, third] = rest
  const withTest = typeof second === 'function' || (second !== null && typeof second === 'object')
  const test = (withTest ? first : undefined) as Test
  const visitor = (withTest ? second : first) as Visitor
  const reverse = Boolean(withTest ? third : second)
  if (typeof visitor !== 'function' || (test !== undefined && test !== null && typeof test !== 'string' && typeof test !== 'function') || !tree) {
    ;(libraryVisit as (...values: unknown[]) => void)(tree, ...rest)
    return
  }
  const step = reverse ? -1 : 1
  const matches = (node: AnyNode, index: number | undefined, parent: AnyNode | undefined): boolean =>
    test === undefined || test === null
      ? true
      : typeof test === 'string'
        ? node !== null && typeof node === 'object' && node.type === test
        : Boolean(test(node, index, parent))

  // What a node's visit says to its parent: stop (`false`), go on from an index, or go on.
  const walk = (node: AnyNode, index: number | undefined, parent: AnyNode | undefined): false | number | undefined => {
    let action: unknown
    let next: unknown
    if (matches(node, index, parent)) {
      const result = visitor(node, index, parent)
      if (Array.isArray(result)) [action, next] = result as unknown[]
      else if (typeof result === 'number') [action, next] = [CONTINUE, result]
      else action = result
      if (action === EXIT) return false
    }
    const children = action === SKIP ? undefined : node.children
    if (children) {
      let offset = reverse ? children.length - 1 : 0
      while (offset > -1 && offset < children.length) {
        const outcome = walk(children[offset]!, offset, node)
        if (outcome === false) return false
        offset = typeof outcome === 'number' ? outcome : offset + step
      }
    }
    return typeof next === 'number' ? next : undefined
  }
  walk(tree, undefined, undefined)
}

export const visit = fastVisit as unknown as typeof libraryVisit
