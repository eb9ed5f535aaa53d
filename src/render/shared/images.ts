/**
 * Images inside editions that are one file (the web page, the print document): each local
 * image becomes a data URI. `src` values are paths relative to the pack's root, as
 * `rehypeImages` left them.
 */
import path from 'node:path'
import type {Element} from 'hast'
import {visit} from '../../util/visit.ts'
import {imageTypes} from '../../transform/rehype-images.ts'

/** Reads an image of the pack by its path relative to the pack's root. */
export type ImageSource = (relativePath: string) => Buffer

export function inlineImages(tree: Element, read: ImageSource): void {
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'img' || typeof node.properties['src'] !== 'string') return
    const src = node.properties['src']
    if (src.startsWith('data:')) return
    node.properties['src'] = imageDataUri(src, read(src))
  })
}

/** An image of the pack as a data URI, typed by its name (its bytes were checked against it). */
export function imageDataUri(src: string, bytes: Buffer): string {
  const type = imageTypes[path.extname(src).toLowerCase()] ?? 'application/octet-stream'
  return `data:${type};base64,${bytes.toString('base64')}`
}
