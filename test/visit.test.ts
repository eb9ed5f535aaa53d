/**
 * Folio's `visit` against `unist-util-visit` on the same trees and visitors: the nodes seen
 * (with index and parent), in order, and the trees left after visitors that skip, stop,
 * remove or insert nodes and go on from an index, forwards and in reverse.
 */
import type {Node, Parent} from 'unist'
import {visit as libraryVisit, SKIP as librarySkip} from 'unist-util-visit'
import {describe, expect, it} from 'vitest'
import {EXIT, SKIP, visit} from '../src/util/visit.ts'

interface TestNode extends Node {
  id: number
  children?: TestNode[]
}

/** A tree of `count` nodes, shaped by a seeded generator: elements with children, texts without. */
function tree(seed: number, count: number): TestNode {
  let state = seed
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  let id = 0
  const root: TestNode = {type: 'root', id: id++, children: []}
  const open: TestNode[] = [root]
  while (id < count) {
    const parent = open[Math.floor(random() * open.length)]!
    const node: TestNode = random() < 0.5 ? {type: 'element', id: id++, children: []} : {type: 'text', id: id++}
    parent.children!.push(node)
    if (node.children) open.push(node)
  }
  return root
}

type Log = Array<[number, number | undefined, number | undefined]>

/** A visitor that does something to some nodes, by their id, and logs what it sees. */
function visitor(log: Log, skip: string, exit: string, reverse: boolean) {
  return (node: Node, index: number | undefined, parent: Parent | undefined) => {
    const {id} = node as TestNode
    log.push([id, index, (parent as TestNode | undefined)?.id])
    if (id % 11 === 3) return skip
    if (id === 173) return exit === 'exit' ? EXIT : false
    if (parent && index !== undefined && id % 13 === 5) {
      // Removed; the walk goes on with the node that took its place.
      parent.children.splice(index, 1)
      return reverse ? index - 1 : index
    }
    if (parent && index !== undefined && id % 17 === 7 && parent.children.length < 40) {
      parent.children.splice(index + 1, 0, {type: 'text', id: 10_000 + id} as TestNode)
      return [true, reverse ? index - 1 : index + 2]
    }
    return undefined
  }
}

describe('visit', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    for (const reverse of [false, true]) {
      for (const test of [undefined, 'element', 'text', (node: Node) => (node as TestNode).id % 2 === 0]) {
        it(`walks tree ${seed} like unist-util-visit (test: ${String(test).slice(0, 20)}, reverse: ${reverse})`, () => {
          const ours = tree(seed, 400)
          const theirs = tree(seed, 400)
          const ourLog: Log = []
          const theirLog: Log = []
          if (test === undefined) {
            visit(ours, visitor(ourLog, SKIP, 'exit', reverse) as never, reverse)
            libraryVisit(theirs, visitor(theirLog, librarySkip, 'false', reverse) as never, reverse)
          } else {
            visit(ours, test as never, visitor(ourLog, SKIP, 'exit', reverse) as never, reverse)
            libraryVisit(theirs, test as never, visitor(theirLog, librarySkip, 'false', reverse) as never, reverse)
          }
          expect(ourLog.length).toBeGreaterThan(10)
          expect(ourLog).toEqual(theirLog)
          expect(ours).toEqual(theirs)
        })
      }
    }
  }
})
