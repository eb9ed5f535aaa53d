/**
 * The package document (`content.opf`): the book's metadata, every file in the package with
 * its media type and properties, and the reading order.
 */
import {x} from 'xastscript'
import type {Element as XmlElement} from 'xast'
import type {AccessibilityMetadata} from './accessibility.ts'
import type {BookMetadata, Contributor} from './metadata.ts'
import {xmlDocument} from './xhtml.ts'

export interface ManifestItem {
  id: string
  href: string
  mediaType: string
  /** `nav`, `cover-image`, `svg` (a document with inline SVG). */
  properties?: string[]
}

export interface PackageDocument {
  metadata: BookMetadata
  accessibility: AccessibilityMetadata
  /** Every file of the package except `mimetype`, `META-INF/` and the package document. */
  manifest: ManifestItem[]
  /** Ids of the manifest's documents, in reading order. */
  spine: string[]
  /** Who checked the book's accessibility, named when it claims conformance. */
  certifiedBy: string
  /** The print edition its page-break markers and page list follow, when it has them. */
  pageSource?: string | undefined
}

const opfNamespace = 'http://www.idpf.org/2007/opf'
const dcNamespace = 'http://purl.org/dc/elements/1.1/'

/** Apple Books shows embedded fonts by default only when asked to. */
const ibooksPrefix = 'ibooks: http://vocabulary.itunes.apple.com/rdf/ibooks/vocabulary-extensions-1.0/'

/** The incubating page-source vocabulary (W3C, "EPUB Page Source Identification"). */
const pageSourcePrefix = 'pbs'
const pageSourceVocabulary = `${pageSourcePrefix}: https://www.w3.org/publishing/a11y/page-source-id/#`

export function packageDocument(book: PackageDocument): string {
  const {metadata: meta, accessibility: a11y} = book
  const property = (name: string, value: string, attributes: Record<string, string> = {}) => x('meta', {property: name, ...attributes}, value)
  const cover = book.manifest.find((item) => item.properties?.includes('cover-image'))

  const metadata = x('metadata', {'xmlns:dc': dcNamespace}, [
    x('dc:identifier', {id: 'pub-id'}, meta.identifier),
    x('dc:title', {id: 'title'}, meta.title),
    property('title-type', 'main', {refines: '#title'}),
    ...(meta.subtitle ? [x('dc:title', {id: 'subtitle'}, meta.subtitle), property('title-type', 'subtitle', {refines: '#subtitle'})] : []),
    x('dc:language', meta.lang),
    ...people('dc:creator', 'creator', meta.creators),
    ...people('dc:contributor', 'contributor', meta.contributors),
    ...(meta.publisher ? [x('dc:publisher', meta.publisher)] : []),
    ...meta.rights.map((rights) => x('dc:rights', rights)),
    x('dc:description', meta.description),
    ...meta.subjects.map((subject) => x('dc:subject', subject)),
    // The edition the page list follows: `dc:source` refined by `source-of pagination` (EPUB
    // 3.2, which EPUBCheck 4.2.6 knows), and `pageBreakSource`, which replaces it after EPUB
    // 3.3. EPUBCheck 4.2.6 rejects that name in the default vocabulary, so it is declared
    // with its draft's own URL as a prefix.
    ...(book.pageSource
      ? [
          x('dc:source', {id: 'page-source'}, book.pageSource),
          property('source-of', 'pagination', {refines: '#page-source'}),
          property(`${pageSourcePrefix}:pageBreakSource`, book.pageSource)
        ]
      : []),
    x('dc:date', meta.date),
    property('dcterms:modified', meta.modified),
    ...a11y.accessModes.map((mode) => property('schema:accessMode', mode)),
    ...a11y.accessModesSufficient.map((modes) => property('schema:accessModeSufficient', modes)),
    ...a11y.features.map((feature) => property('schema:accessibilityFeature', feature)),
    ...a11y.hazards.map((hazard) => property('schema:accessibilityHazard', hazard)),
    // The summary is written in English whatever the book's language.
    property('schema:accessibilitySummary', a11y.summary, meta.lang.toLowerCase().startsWith('en') ? {} : {'xml:lang': 'en'}),
    ...(a11y.conformsTo ? [property('dcterms:conformsTo', a11y.conformsTo), property('a11y:certifiedBy', book.certifiedBy)] : []),
    // EPUB 2 reading systems find the cover through this.
    ...(cover ? [x('meta', {name: 'cover', content: cover.id})] : []),
    property('ibooks:specified-fonts', 'true')
  ])

  const manifest = x(
    'manifest',
    book.manifest.map((item) =>
      x('item', {id: item.id, href: item.href, 'media-type': item.mediaType, ...(item.properties?.length ? {properties: item.properties.join(' ')} : {})})
    )
  )
  const ncx = book.manifest.find((item) => item.mediaType === 'application/x-dtbncx+xml')
  const spine = x(
    'spine',
    ncx ? {toc: ncx.id} : {},
    book.spine.map((idref) => x('itemref', {idref}))
  )

  return xmlDocument(
    x(null, [
      x(
        'package',
        {
          xmlns: opfNamespace,
          version: '3.0',
          'unique-identifier': 'pub-id',
          'xml:lang': meta.lang,
          prefix: book.pageSource ? `${pageSourceVocabulary} ${ibooksPrefix}` : ibooksPrefix
        },
        [metadata, manifest, spine]
      )
    ]),
    {voidOnly: false}
  )
}

function people(element: string, idPrefix: string, list: Contributor[]): XmlElement[] {
  return list.flatMap((person, index) => {
    const id = `${idPrefix}-${index + 1}`
    return [x(element, {id}, person.name), ...person.roles.map((role) => x('meta', {refines: `#${id}`, property: 'role', scheme: 'marc:relators'}, role))]
  })
}
