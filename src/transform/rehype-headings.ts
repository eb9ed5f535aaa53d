/**
 * rehypeHeadings: give the reading's headings ranks below its title and ids, and list them
 * in `file.data.headings` for contents, bookmarks and the EPUB's navigation.
 *
 * The title comes from front matter and is rank 1; the body's highest heading becomes rank 2
 * whatever level the author used (Pandoc writers use `#`, others `##`), and the rest keep
 * their distance from it.
 */
import type {Element, Root} from 'hast'
import {headingRank} from 'hast-util-heading-rank'
import {toString} from 'hast-util-to-string'
import GithubSlugger from 'github-slugger'
import {visit} from '../util/visit.ts'
import type {VFile} from 'vfile'
import type {Heading} from './vfile-data.ts'

export function rehypeHeadings() {
  return function (tree: Root, file: VFile) {
    file.data.headings = normalizeHeadings(tree)
  }
}

export function normalizeHeadings(tree: Root): Heading[] {
  const found: Array<{node: Element; rank: number}> = []
  visit(tree, 'element', (node: Element) => {
    const rank = headingRank(node)
    if (rank) found.push({node, rank})
  })
  const top = Math.min(...found.map((heading) => heading.rank))
  const slugger = new GithubSlugger()
  const taken = new Set<string>()
  visit(tree, 'element', (node: Element) => {
    if (typeof node.properties['id'] === 'string') taken.add(node.properties['id'])
  })

  return found.map(({node, rank}) => {
    const normalized = Math.min(6, rank - top + 2)
    node.tagName = `h${normalized}`
    const text = headingText(node)
    let id = node.properties['id']
    if (typeof id !== 'string') {
      id = slugger.slug(text) || 'section'
      while (taken.has(id)) id = slugger.slug(text || 'section')
      taken.add(id)
      node.properties['id'] = id
    }
    return {id, rank: normalized, text}
  })
}

/** A heading's text as the contents and bookmarks give it. */
export function headingText(node: Element): string {
  return toString(node).trim()
}
