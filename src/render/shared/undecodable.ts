/**
 * Images whose header is sound but whose pixels no browser can decode (a file cut off, a
 * body that is not what its header says): the loader checks headers and sizes only
 * (`load/image-bytes.ts`), and a web page or PDF would show a broken-image mark where the
 * image should be. Before any edition is rendered, the build's browser decodes each raster
 * image the pack shows, once; an image it cannot decode gives way to its text alternative in
 * every edition, as a missing image does, with a warning where it is first shown.
 */
import path from 'node:path'
import type {Element, ElementContent, Root} from 'hast'
import type {VFile} from 'vfile'
import type {BrowserSession} from '../../browser/session.ts'
import {digest, type Store} from '../../cache/store.ts'
import type {Pack, Reading, WithNotes} from '../../pack/model.ts'
import {imageTypes, missingImage} from '../../transform/rehype-images.ts'
import {visit} from '../../util/visit.ts'
import {imageDataUri, type ImageSource} from './images.ts'

/** A tree that shows images, and the file its images are told about in. */
interface Shown {
  trees: Array<Root | Element>
  file: VFile | undefined
}

/**
 * The pack's trees with images in the order every edition shows them: each reading's (with
 * its notes), a part's introduction before its readings.
 */
function shownIn(pack: Pack): Shown[] {
  // A note's content, under a parent of its own that is the note's list of children.
  const notes = (of: WithNotes) => of.notes.map((note): Element => ({type: 'element', tagName: 'div', properties: {}, children: note.children}))
  const reading = (entry: Reading): Shown => ({trees: [entry.tree, ...notes(entry)], file: entry.file})
  return pack.entries.flatMap((entry) =>
    entry.kind === 'reading'
      ? [reading(entry)]
      : [...(entry.intro ? [{trees: [entry.intro, ...notes(entry)], file: entry.introFile}] : []), ...entry.readings.map(reading)]
  )
}

/** Images decoded at once in the browser's page. */
const decodeBatch = 4

/** Raster images only: SVG is checked as XML when it is loaded, and the EPUB cleans it. */
function rasterSource(node: Element): string | undefined {
  const src = node.properties['src']
  if (node.tagName !== 'img' || typeof src !== 'string' || src.startsWith('data:')) return undefined
  const type = imageTypes[path.extname(src).toLowerCase()]
  return type && type !== 'image/svg+xml' ? src : undefined
}

/**
 * Decode every raster image `pack` shows; replace those the browser cannot decode by their
 * text alternative, in place, and warn at each one's first use. A verdict is kept in `store`
 * by the image's bytes, so a rebuild of the same images starts no browser for them. Returns
 * the paths (relative to the pack's root) it replaced.
 */
export async function dropUndecodable(pack: Pack, session: BrowserSession, read: ImageSource, store: Store): Promise<Set<string>> {
  const shown = shownIn(pack)
  const sources = new Set<string>()
  for (const {trees} of shown) {
    for (const tree of trees) {
      visit(tree, 'element', (node: Element) => {
        const src = rasterSource(node)
        if (src) sources.add(src)
      })
    }
  }
  const broken = new Set<string>()
  const unknown: Array<{src: string; bytes: Buffer; key: string}> = []
  for (const src of sources) {
    const bytes = read(src)
    const key = digest('decodable image', path.extname(src).toLowerCase(), bytes)
    const kept = store.get('decodable', key)?.toString()
    if (kept === 'no') broken.add(src)
    else if (kept !== 'yes') unknown.push({src, bytes, key})
  }
  const page = unknown.length > 0 ? await session.page() : undefined
  try {
    // A few at a time: each decoded bitmap is held until its batch is done.
    for (let from = 0; page && from < unknown.length; from += decodeBatch) {
      const batch = unknown.slice(from, from + decodeBatch)
      const verdicts = await page.evaluate(
        (urls: string[]) =>
          Promise.all(
            urls.map(async (url) => {
              const image = new Image()
              image.src = url
              try {
                await image.decode()
                return image.naturalWidth > 0 ? 'yes' : 'no'
              } catch (error) {
                // Only a decoder's refusal says the bytes are bad; anything else says nothing.
                return error instanceof DOMException && error.name === 'EncodingError' ? 'no' : 'unknown'
              }
            })
          ),
        batch.map(({src, bytes}) => imageDataUri(src, bytes))
      )
      for (const [index, verdict] of verdicts.entries()) {
        const {src, key} = batch[index]!
        if (verdict === 'unknown') continue
        if (verdict === 'no') broken.add(src)
        store.set('decodable', key, verdict)
      }
    }
  } finally {
    await page?.close()
  }
  if (broken.size === 0) return broken
  const told = new Set<string>()
  for (const {trees, file} of shown) {
    for (const tree of trees) {
      visit(tree, 'element', (node: Element, index, parent) => {
        const src = rasterSource(node)
        if (!src || !broken.has(src) || !parent || index === undefined) return
        if (!told.has(src)) {
          told.add(src)
          file?.message(
            `Unexpected image \`${src}\` that the browser cannot decode, expected a readable image; every edition shows its text alternative instead`,
            {
              ...(node.position ? {place: node.position} : {}),
              ruleId: 'image',
              source: 'folio'
            }
          )
        }
        ;(parent.children as ElementContent[])[index] = missingImage(String(node.properties['alt'] ?? ''))
      })
    }
  }
  return broken
}
