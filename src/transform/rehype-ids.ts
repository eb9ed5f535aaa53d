/**
 * rehypeIds: make every id in a reading unique in the pack by prefixing it with the
 * reading's `idPrefix`, and keep the reading's own `#fragment` links and SVG `url(#id)`
 * references pointing at the renamed targets.
 */
import type {Element, Root} from 'hast'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {uniqueName} from '../util/names.ts'
import {safeDecode} from '../util/paths.ts'

/** Properties that may hold an SVG paint reference such as `url(#gradient)`. */
const paintProperties = ['fill', 'stroke'] as const

export function rehypeIds() {
  return function (tree: Root, file: VFile) {
    prefixIds(tree, file.data.idPrefix ?? '')
  }
}

/** Prefix ids and same-document references in `tree`; ids stay unique (`-2`, `-3` on clashes). */
export function prefixIds(tree: Root, prefix: string): void {
  const renamed = new Map<string, string>()
  const taken = new Set<string>()

  visit(tree, 'element', (node: Element) => {
    const id = node.properties['id']
    if (typeof id !== 'string' || id === '') return
    const candidate = uniqueName(prefix + id, taken)
    taken.add(candidate)
    if (!renamed.has(id)) renamed.set(id, candidate)
    node.properties['id'] = candidate
  })

  // GFM footnote ids keep their label percent-encoded (`[^café]` → `fn-caf%C3%A9`), and so
  // do the references to them: try the fragment as written before decoding it.
  const rename = (fragment: string) => renamed.get(fragment) ?? renamed.get(safeDecode(fragment))

  visit(tree, 'element', (node: Element) => {
    const href = node.properties['href']
    if (typeof href === 'string' && href.startsWith('#')) {
      const target = rename(href.slice(1))
      if (target) node.properties['href'] = '#' + target
    }
    for (const key of paintProperties) {
      const value = node.properties[key]
      if (typeof value !== 'string') continue
      node.properties[key] = value.replace(/url\(#([^)]+)\)/g, (whole, id: string) => {
        const target = rename(id)
        return target ? `url(#${target})` : whole
      })
    }
  })
}
