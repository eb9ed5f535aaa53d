/**
 * The shape of `src/`: no import cycles, counting `import type` too (ESLint's cycle rule
 * skips type-only imports, and a type-only cycle still ties two modules' designs together).
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import {describe, expect, it} from 'vitest'
import {projectRoot} from './helpers/index.ts'

const sourceRoot = path.join(projectRoot, 'src')

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, {withFileTypes: true}).flatMap((entry) => {
    const full = path.join(folder, entry.name)
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : []
  })
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of sourceFiles(sourceRoot)) {
    const {importedFiles} = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    graph.set(
      path.relative(sourceRoot, file),
      importedFiles
        .map(({fileName}) => fileName)
        .filter((name) => name.startsWith('.'))
        .map((name) => path.relative(sourceRoot, path.resolve(path.dirname(file), name)))
    )
  }
  return graph
}

/** Every cycle's modules, found by a depth-first walk (each cycle reported once, from where it closes). */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const walk = (node: string) => {
    state.set(node, 'open')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next) && graph.has(next)) walk(next)
    }
    stack.pop()
    state.set(node, 'done')
  }
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) walk(node)
  return found
}

describe('the modules of src/', () => {
  it('import each other without cycles, type imports included', () => {
    const graph = importGraph()
    expect(graph.size).toBeGreaterThan(50)
    expect(cycles(graph).map((cycle) => cycle.join(' → '))).toEqual([])
  })

  it('finds a cycle when there is one', () => {
    expect(
      cycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', ['a.ts']]
        ])
      )
    ).toEqual([['a.ts', 'b.ts', 'a.ts']])
  })
})
