/**
 * rehypeSafeUrls: after sanitizing, every place in a reading's tree that could make a reader
 * fetch something holds only a same-document fragment or a file of the pack. The sanitizer
 * decides which elements and attributes exist; this decides what their values may point at,
 * in one place for the web page, the print document and the EPUB (they all render this tree).
 *
 * - `url(…)` in any attribute (SVG paint servers `fill`, `stroke`, `filter`, `clip-path`,
 *   `mask`, `marker-*`, and `style`, `cursor`, `background`): only `url(#id)`;
 * - `href` and `xlink:href` on anything but a link, `poster`, `srcset`, `longdesc`, `ping`,
 *   `action`, `formaction`, `background`, `data`, `manifest`, `codebase`: removed unless a
 *   fragment (links, `<a href>`, are navigation, not requests: they keep their address);
 * - `src` on anything but an image (images are checked by `rehypeImages`): removed.
 *
 * Each removal is a warning at its place, so the author learns why a drawing lost its paint.
 */
import type {Element, Root} from 'hast'
import {visit} from '../util/visit.ts'
import type {VFile} from 'vfile'

/** Attributes (hast property names) whose value is a URL the browser would fetch or follow on its own. */
const fetchingProperties = new Set([
  'poster',
  'srcSet',
  'longDesc',
  'ping',
  'action',
  'formAction',
  'background',
  'data',
  'manifest',
  'codeBase',
  'xLinkHref',
  'href',
  'src',
  'cite',
  'itemType'
])

export function rehypeSafeUrls() {
  return function (tree: Root, file: VFile) {
    visit(tree, 'element', (node: Element) => {
      for (const [name, value] of Object.entries(node.properties)) {
        if (value === undefined || value === null || value === false) continue
        const text = Array.isArray(value) ? value.join(' ') : String(value)
        if (allowed(node, name, text)) continue
        delete node.properties[name]
        file.message(
          `Unexpected reference \`${text.length > 60 ? text.slice(0, 57) + '…' : text}\` in \`${name}\` of \`<${node.tagName}>\`, expected a fragment (\`#id\`) or a file of the pack`,
          {
            place: node.position?.start,
            ruleId: 'url',
            source: 'folio'
          }
        )
      }
    })
  }
}

function allowed(node: Element, name: string, value: string): boolean {
  // Links are followed by the reader, not fetched; the sanitizer keeps them to safe schemes.
  if (name === 'href' && node.tagName === 'a') return true
  // Images are the pack's files, checked (and made relative to the pack) by `rehypeImages`.
  if (name === 'src' && node.tagName === 'img') return true
  // Quotations' sources and words meant for the reader are never fetched.
  if (name === 'cite' || textProperties.has(name)) return true
  if (/url\s*\(|image-set\s*\(|@import|\\/i.test(value)) return onlyFragments(value)
  return !fetchingProperties.has(name) || value.startsWith('#')
}

/** CSS-like values: every `url(…)` points into the document; no `image-set()`, `@import` or escapes (`\75 rl(` is `url(`). */
function onlyFragments(value: string): boolean {
  if (/image-set\s*\(|@import|\\/i.test(value)) return false
  return [...value.matchAll(/url\s*\(\s*(['"]?)([^)]*?)\1\s*\)/gi)].every((match) => match[2]!.startsWith('#')) && !/url\s*\((?![^)]*\))/i.test(value)
}

/** Attributes that hold words for the reader, whatever they say. */
const textProperties = new Set(['alt', 'title', 'ariaLabel', 'label', 'summary', 'abbr', 'value', 'placeholder'])
