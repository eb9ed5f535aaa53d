/**
 * The EPUB edition: an EPUB 3 that EPUBCheck and Ace by DAISY pass, the same bytes for the
 * same pack and `SOURCE_DATE_EPOCH`.
 *
 * documents (hast) → valid XHTML markup → images placed → links resolved → nav, package
 * document → epub-gen-memory packs the zip.
 */
import path from 'node:path'
import {toString} from 'hast-util-to-string'
import type {Pack} from '../../pack/model.ts'
import type {RenderContext, RenderProblem} from '../context.ts'
import {imageTypes} from '../../transform/rehype-images.ts'
import {epubMathFace, fontFacesFor} from '../shared/fonts.ts'
import {accessibilityFacts, accessibilityMetadata} from './accessibility.ts'
import {documentHas, documentXhtml, prepareBook} from './book.ts'
import {digest} from '../../cache/store.ts'
import {coverAlt, coverPage, renderCover, type CoverImage} from './cover.ts'
import type {BookDocument} from './documents.ts'
import {imageFiles, toPng} from './image-files.ts'
import {dropImages} from './images.ts'
import {bookMetadata} from './metadata.ts'
import {navDocument, ncxDocument, pageEntries, tocEntries} from './nav.ts'
import {packageDocument, type ManifestItem} from './opf.ts'
import {packageEpub, packagerCssFilename, packagerFontFolder, packagerNavFilename, packagerNcxFilename} from './packager.ts'
import {embeddedFaces, epubStylesheet, fontFilename} from './stylesheet.ts'
import {toXhtml} from './xhtml.ts'

/** The EPUB uses the build's browser to draw the cover and convert images EPUB cannot carry. */
export type EpubOptions = RenderContext

/** Elements set in the code face: without them its files stay out of the book. */
const codeElements = new Set(['code', 'pre', 'kbd', 'samp'])

/** Media types of cover images, with the extension the packager gives the cover file. */
const coverExtensions: Record<string, string> = {'image/png': 'png', 'image/jpeg': 'jpeg', 'image/gif': 'gif'}

/** Covers being drawn beside the other editions (`prepareEpub`), by pack, for `renderEpub`. */
const covers = new WeakMap<Pack, Promise<Cover>>()

/** A cover, and the problem with the pack's own when the drawn one stands in for it: `renderEpub` reports it each time it takes the cover. */
interface Cover {
  image: CoverImage
  problem?: RenderProblem
}

/**
 * Start what the EPUB of `pack` needs of the browser (its cover, in a page of its own) while
 * the editions made before it are made; `renderEpub` takes it, or reports its failure.
 */
export function prepareEpub(pack: Pack, options: EpubOptions): void {
  if (covers.has(pack)) return
  const drawing = coverImage(pack, options)
  // A cover the browser failed to draw is drawn again when the editions are made again.
  drawing.catch(() => {
    if (covers.get(pack) === drawing) covers.delete(pack)
  })
  covers.set(pack, drawing)
}

export async function renderEpub(pack: Pack, options: EpubOptions): Promise<Uint8Array> {
  const {image: cover, problem} = await (covers.get(pack) ?? coverImage(pack, options))
  if (problem) options.problems.push(problem)
  const coverFilename = `cover.${coverExtensions[cover.mediaType] ?? 'png'}`
  const {documents, images: placed, resolve} = prepareBook(pack, {href: coverFilename, alt: coverAlt(pack)}, options.pageMap)
  const {files: images, unusable} = await imageFiles(placed, options)
  dropImages(documents, unusable)
  for (const image of placed.filter((image) => unusable.has(image.href))) {
    const svg = image.sourceType === 'image/svg+xml'
    options.problems.push({
      edition: 'epub',
      at: image.firstUse ?? {path: []},
      ruleId: 'image',
      reason: svg
        ? `Unexpected SVG image \`${image.source}\` that cannot be parsed, expected well-formed SVG; the EPUB shows its text alternative instead`
        : `Unexpected image \`${image.source}\` that the browser cannot decode, expected a readable image; the EPUB shows its text alternative instead`
    })
  }
  const metadata = bookMetadata(pack, options)
  const accessibility = accessibilityMetadata(accessibilityFacts(documents))

  const text = documents.map((document) => document.body.map((node) => toString(node)).join('\n')).join('\n')
  const hasMath = documents.some((document) => documentHas(document, (element) => element.tagName === 'math'))
  const faces = [
    ...embeddedFaces(
      fontFacesFor(text + pack.title),
      documents.some((document) => documentHas(document, (element) => codeElements.has(element.tagName)))
    ),
    // The math face only in a book with math: it would only make a book without any larger.
    ...(hasMath ? [epubMathFace()] : [])
  ]
  const entries = tocEntries(documents, resolve)
  const pages = pageEntries(options.pageMap, resolve)
  const nav = navDocument(pack, documents, entries, pages)
  const stylesheets = [packagerCssFilename]

  const manifest: ManifestItem[] = [
    {id: 'nav', href: packagerNavFilename, mediaType: 'application/xhtml+xml', properties: ['nav']},
    {id: 'ncx', href: packagerNcxFilename, mediaType: 'application/x-dtbncx+xml'},
    {id: 'css', href: packagerCssFilename, mediaType: 'text/css'},
    {id: 'cover-image', href: coverFilename, mediaType: cover.mediaType, properties: ['cover-image']},
    ...faces.map((face, index) => ({id: `font-${index + 1}`, href: `${packagerFontFolder}/${fontFilename(face)}`, mediaType: 'font/woff2'})),
    ...images.map((image, index) => ({id: `image-${index + 1}`, href: image.href, mediaType: image.mediaType})),
    ...documents.map((document, index) => ({
      id: `doc-${index + 1}`,
      href: document.filename,
      mediaType: 'application/xhtml+xml',
      ...documentProperties(document)
    }))
  ]

  return packageEpub({
    title: pack.title,
    lang: pack.lang,
    documents: documents.map((document) => ({filename: document.filename, title: document.title, xhtml: documentXhtml(document, stylesheets)})),
    packageDocument: packageDocument({
      metadata,
      accessibility,
      manifest,
      pageSource: pages.length > 0 ? options.pageMap?.source : undefined,
      spine: documents.map((_document, index) => `doc-${index + 1}`),
      certifiedBy: 'Folio'
    }),
    navDocument: toXhtml({title: nav.title, lang: pack.lang, body: nav.body, stylesheets}),
    ncx: ncxDocument(metadata.identifier, pack.title, entries),
    css: epubStylesheet(faces),
    fonts: faces.map((face) => ({filename: fontFilename(face), path: face.file})),
    cover: {filename: coverFilename, data: cover.data},
    resources: images.map((image) => ({href: image.href, data: image.data})),
    date: new Date(metadata.modified)
  })
}

/** Manifest properties of a document: `svg` and `mathml` when it holds them inline. */
function documentProperties(document: BookDocument): {properties?: string[]} {
  const properties = (['svg', 'math'] as const)
    .filter((tag) => documentHas(document, (element) => element.tagName === tag))
    .map((tag) => (tag === 'math' ? 'mathml' : tag))
  return properties.length > 0 ? {properties} : {}
}

/** The pack's own cover, when it names one; else one drawn by the browser. */
async function coverImage(pack: Pack, options: EpubOptions): Promise<Cover> {
  if (!pack.cover) {
    // The drawn cover depends on its page alone (title, subtitle, people; the fonts come with
    // Folio's build), so an unchanged one is not drawn again.
    const key = digest('drawn cover', coverPage(pack))
    const kept = options.store?.get('cover', key)
    if (kept) return {image: {data: new Uint8Array(kept), mediaType: 'image/png'}}
    const drawn = await renderCover(pack, options.session)
    options.store?.set('cover', key, drawn.data)
    return {image: drawn}
  }
  const mediaType = imageTypes[path.extname(pack.cover).toLowerCase()] ?? ''
  const data = new Uint8Array(options.images(pack.cover))
  if (mediaType in coverExtensions) return {image: {data, mediaType}}
  // Its header was checked when the pack was read; a body the browser cannot decode still
  // leaves the book a cover, the drawn one.
  const png = await toPng(options.session, data, mediaType)
  if (png) return {image: {data: png, mediaType: 'image/png'}}
  return {
    image: await renderCover(pack, options.session),
    problem: {
      edition: 'epub',
      at: {path: ['cover']},
      ruleId: 'cover',
      reason: `Unexpected cover \`${pack.cover}\` that the browser cannot decode, expected a readable image; the EPUB has a drawn cover`
    }
  }
}
