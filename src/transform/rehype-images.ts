/**
 * rehypeImages: check each image against the pack and rewrite its `src` to a path relative
 * to the pack's root, listing the files in `file.data.images` for the renderers to embed.
 *
 * Rendering never fetches from the network nor reads outside the pack, so a remote image or
 * a path that leaves the pack is replaced by its alternative text, with a warning.
 */
import path from 'node:path'
import type {Element, ElementContent, Root, RootContent} from 'hast'
import {visit} from '../util/visit.ts'
import type {VFile} from 'vfile'
import {isInside, safeDecode} from '../util/paths.ts'

export interface RehypeImagesOptions {
  /** Absolute path of the pack's folder: images must be inside it. */
  root: string
  /**
   * Why the image file at an absolute path (written `src`) cannot be used, or `undefined`:
   * it is read through the pack's gate and checked by its bytes (`PackImages.check`),
   * injected so the transform stays free of I/O.
   */
  checkImage: (absolutePath: string, src: string) => string | undefined
}

/** Image types every edition can embed (EPUB 3 core media types). */
export const imageTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml'
}

export function rehypeImages(options: RehypeImagesOptions) {
  return function (tree: Root, file: VFile) {
    const images = new Set<string>()
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'img' || !parent || index === undefined) return
      // Markdown percent-encodes what it reads (`100%.png` arrives as `100%25.png`).
      const src = safeDecode(String(node.properties['src'] ?? ''))
      const absolute = path.resolve(file.dirname ?? options.root, src)
      const problem = check(src, absolute, options)
      if (problem) {
        file.message(problem, {place: node.position, ruleId: 'image', source: 'folio'})
        parent.children[index] = missingImage(String(node.properties['alt'] ?? ''))
        return
      }
      node.properties['src'] = path.relative(options.root, absolute).split(path.sep).join('/')
      images.add(absolute)
      if (markDecorative(node, parent.children[index + 1])) return
      if (!String(node.properties['alt'] ?? '').trim()) {
        file.message('Unexpected image without alternative text, expected a description (`![what it shows](' + src + ')`) or `{.decorative}` after it', {
          place: node.position,
          ruleId: 'image-alt',
          source: 'folio'
        })
      }
    })
    file.data.images = [...images]
  }
}

/**
 * `![](ornament.png){.decorative}`: an image that says nothing, which assistive technology
 * skips (empty `alt`, `role="presentation"`) and the PDF makes an artifact. CommonMark has
 * no attributes, so the `{.decorative}` arrives as the text after the image.
 */
function markDecorative(node: Element, next: RootContent | ElementContent | undefined): boolean {
  if (next?.type !== 'text' || !next.value.startsWith(decorative)) return false
  next.value = next.value.slice(decorative.length)
  node.properties['alt'] = ''
  node.properties['role'] = 'presentation'
  return true
}

const decorative = '{.decorative}'

/** What stands in for an image that cannot be shown: its alternative text, marked. */
export function missingImage(alt: string): Element {
  return {type: 'element', tagName: 'span', properties: {className: ['missing-image']}, children: alt ? [{type: 'text', value: `[${alt}]`}] : []}
}

function check(src: string, absolute: string, options: RehypeImagesOptions): string | undefined {
  if (src === '') return 'Unexpected image without a source, expected a path to a file in the pack'
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
    return `Unexpected remote image \`${src}\`, expected a file in the pack (rendering does not use the network)`
  }
  if (!isInside(options.root, absolute)) {
    return `Unexpected image \`${src}\` outside the pack, expected a file in the pack's folder`
  }
  if (!(path.extname(absolute).toLowerCase() in imageTypes)) {
    return `Unexpected image type \`${path.extname(absolute) || src}\`, expected one of ${Object.keys(imageTypes).join(', ')}`
  }
  return options.checkImage(absolute, src)
}
