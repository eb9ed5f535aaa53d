/**
 * The pack's images in the package: each local image the documents use gets a file under
 * `images/` with a stable name made from its path (so two builds name it alike), and each
 * `<img>` its new `src`.
 *
 * EPUB 3.2 readers must support PNG, JPEG, GIF and SVG only; anything else (WebP) needs a
 * fallback, so it is converted to PNG, through the browser the build already has.
 */
import path from 'node:path'
import slugify from '@sindresorhus/slugify'
import type {Element} from 'hast'
import {visit} from '../../util/visit.ts'
import {imageTypes, missingImage} from '../../transform/rehype-images.ts'
import {uniqueName} from '../../util/names.ts'
import type {BookDocument} from './documents.ts'

/** Image media types every EPUB 3 reading system supports (EPUB 3.2 core media types). */
export const coreImageTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/svg+xml'])

export interface PackImage {
  /** Path relative to the pack's root, as the pipeline left it in `src`. */
  source: string
  /** Path in the package. */
  href: string
  /** Media type of the file in the package (after any conversion). */
  mediaType: string
  /** Media type of the source file. */
  sourceType: string
  /** Where a reading (or a part's introduction, by the part's id) first shows it, for a problem with it. */
  firstUse: {reading: string; place: {line: number; column: number} | undefined} | undefined
}

/** Give every image a file in the package and point each `<img>` at it. */
export function placeImages(documents: BookDocument[]): PackImage[] {
  const bySource = new Map<string, PackImage>()
  const taken = new Set<string>()
  for (const document of documents) {
    for (const child of document.body) {
      visit(child, 'element', (node: Element) => {
        const src = node.properties['src']
        if (node.tagName !== 'img' || typeof src !== 'string' || document.landmark === 'cover') return
        let image = bySource.get(src)
        if (!image) {
          const extension = path.extname(src).toLowerCase()
          const sourceType = imageTypes[extension] ?? 'application/octet-stream'
          const mediaType = coreImageTypes.has(sourceType) ? sourceType : 'image/png'
          const stem = slugify(src.slice(0, src.length - extension.length)) || 'image'
          const suffix = mediaType === sourceType ? extension.replace('.jpeg', '.jpg') : '.png'
          const name = uniqueName(stem, taken, suffix)
          taken.add(name + suffix)
          const place = node.position?.start
          const shownBy = document.reading?.id ?? document.part?.id
          image = {
            source: src,
            href: `images/${name}${suffix}`,
            mediaType,
            sourceType,
            firstUse: shownBy ? {reading: shownBy, place: place && {line: place.line, column: place.column}} : undefined
          }
          bySource.set(src, image)
        }
        node.properties['src'] = image.href
      })
    }
  }
  return [...bySource.values()]
}

/** Images left out of the package give way to their text alternative, as missing images do in every edition. */
export function dropImages(documents: BookDocument[], hrefs: Set<string>): void {
  if (hrefs.size === 0) return
  for (const document of documents) {
    for (const child of document.body) {
      visit(child, 'element', (node: Element, index, parent) => {
        if (node.tagName !== 'img' || !hrefs.has(String(node.properties['src'])) || !parent || index === undefined) return
        parent.children[index] = missingImage(String(node.properties['alt'] ?? ''))
      })
    }
  }
}
