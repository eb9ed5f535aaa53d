/**
 * `epub:type` beside each DPUB-ARIA role. Reading systems act on `epub:type` (a `noteref`
 * opens its `footnote` as a pop-up; `cover` and `toc` feed their menus) while assistive
 * technology reads the role; Ace reports one without the other.
 */
import type {Element, Root} from 'hast'
import {visit} from '../../util/visit.ts'

/** Roles `doc-X` whose `X` is also a term of the EPUB Structural Semantics Vocabulary. */
const terms = new Set([
  'abstract',
  'acknowledgments',
  'afterword',
  'appendix',
  'backlink',
  'biblioentry',
  'bibliography',
  'biblioref',
  'chapter',
  'colophon',
  'conclusion',
  'cover',
  'credit',
  'credits',
  'dedication',
  'endnotes',
  'epigraph',
  'epilogue',
  'errata',
  'footnote',
  'foreword',
  'glossary',
  'glossref',
  'index',
  'introduction',
  'noteref',
  'notice',
  'pagebreak',
  'part',
  'preface',
  'prologue',
  'pullquote',
  'qna',
  'subtitle',
  'tip',
  'toc'
])

export function addEpubTypes(tree: Root | Element): void {
  visit(tree, 'element', (node: Element) => {
    const role = node.properties['role']
    if (typeof role !== 'string' || !role.startsWith('doc-')) return
    const term = role.slice(4)
    if (terms.has(term) && node.properties['epub:type'] === undefined) node.properties['epub:type'] = term
  })
}
