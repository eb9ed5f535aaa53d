/**
 * SVG image files made safe for the package. EPUBCheck validates every SVG in an EPUB, and
 * drawing programs and hand-editing leave what it rejects: a DOCTYPE that names the SVG 1.1
 * DTD (external entities), scripts (the item would have to be declared `scripted`), links
 * and images on the web (remote resources). None of those can show in an image anyway: an
 * `<img>` runs no script and follows no link, and the book may not fetch anything.
 *
 * So the file is parsed as XML and rewritten without them; everything else, Inkscape's and
 * Illustrator's own namespaces included, stays as it was.
 */
import type {Element, Root} from 'xast'
import {fromXml} from 'xast-util-from-xml'
import {toXml} from 'xast-util-to-xml'
import {svgNamespace} from './xhtml.ts'

/** The cleaned file, or `undefined` when it is not well-formed XML with an `<svg>` root. */
export function cleanSvg(source: string): string | undefined {
  let tree: Root
  try {
    tree = fromXml(source)
  } catch {
    return undefined
  }
  tree.children = tree.children.filter((node) => node.type === 'element' || node.type === 'comment' || (node.type === 'instruction' && node.name === 'xml'))
  const root = tree.children.find((node): node is Element => node.type === 'element')
  if (!root || localName(root.name) !== 'svg') return undefined
  if (!Object.entries(root.attributes).some(([name, value]) => (name === 'xmlns' || name.startsWith('xmlns:')) && value === svgNamespace))
    root.attributes['xmlns'] = svgNamespace
  clean(root)
  return toXml(tree, {closeEmptyElements: true, tightClose: true})
}

function clean(node: Element): void {
  for (const name of Object.keys(node.attributes)) {
    const value = node.attributes[name] ?? ''
    if (/^on/i.test(name)) delete node.attributes[name]
    else if (localName(name) === 'href' && !isLocal(value)) delete node.attributes[name]
    else if (name === 'style') node.attributes[name] = cleanCss(value)
    // Paint servers and other references in presentation attributes (`fill="url(…)"`).
    else if (/url\s*\(|image-set\s*\(|\\/i.test(value) && cleanCss(value) !== value) delete node.attributes[name]
  }
  const children: Element['children'] = []
  for (const child of node.children) {
    if (child.type === 'element') {
      const name = localName(child.name)
      if (name === 'script') continue
      clean(child)
      // An image with no file left to show (it was on the web, or beside the SVG).
      if ((name === 'image' || name === 'use' || name === 'feImage') && !hrefOf(child)) continue
      // A link cannot be followed from an image; its content stays.
      if (name === 'a') {
        children.push(...child.children)
        continue
      }
      if (name === 'style')
        child.children = child.children.map((text) => (text.type === 'text' || text.type === 'cdata' ? {...text, value: cleanCss(text.value)} : text))
    }
    children.push(child)
  }
  node.children = children
}

/**
 * Style sheets may not import or point at anything outside the file either: `@import`,
 * `url(…)` and `image-set(…)` that are not fragments or `data:` become `none`. CSS escapes
 * can spell `url(` in disguise, so a style that uses any is dropped whole. EPUBCheck also
 * rejects `direction` and `unicode-bidi` in an EPUB's CSS (the markup says those).
 */
function cleanCss(css: string): string {
  if (css.includes('\\')) return ''
  return css
    .replace(/@import[^;]*;?/gi, '')
    .replace(/image-set\s*\([^)]*\)/gi, 'none')
    .replace(/url\(\s*(['"]?)(?!#|data:)[^)]*\1\s*\)/gi, 'none')
    .replace(/(^|[;{\s])(direction|unicode-bidi)\s*:[^;}]*;?/gi, '$1')
}

function hrefOf(node: Element): string | undefined {
  const entry = Object.entries(node.attributes).find(([name]) => localName(name) === 'href')
  return entry?.[1] ?? undefined
}

/** A reference inside the file (`#id`) or inside the reference (`data:`). */
function isLocal(href: string): boolean {
  return href.startsWith('#') || href.startsWith('data:')
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1)
}
