/**
 * Every limit Folio puts on its input, in one place (the README's Security section states
 * them). Content above a limit is refused with a message at its place; none of them is near
 * what a course pack needs, all of them keep a build within bounded time, stack and memory.
 */

const mebibyte = 1024 * 1024

export const limits = {
  /** The largest file of each kind Folio reads, in bytes. */
  fileSize: {
    manifest: 1 * mebibyte,
    reading: 8 * mebibyte,
    bibliography: 32 * mebibyte,
    style: 2 * mebibyte,
    image: 32 * mebibyte,
    cover: 32 * mebibyte,
    pdf: 128 * mebibyte
  },
  /**
   * Block quotes and list items open on one line of Markdown. The Markdown parser's work
   * grows with the square of this depth (a 500-deep list takes half a minute).
   */
  markdownContainers: 32,
  /** Nesting of the document's tree (Markdown and raw HTML together); tree utilities recurse. */
  treeDepth: 256,
  /** Nesting of YAML collections (pack.yaml, front matter, CSL-YAML). */
  yamlDepth: 64,
  /** YAML aliases (`*name`) resolved in one document, against "billion laughs" expansion. */
  yamlAliases: 100,
  /** Notes of one reading: footnote definitions, and references to them. */
  notes: 2000,
  /**
   * Blocks of one reading (paragraphs, headings, list items, code blocks, tables): the print
   * edition lays out and numbers every one (a 300-page reading has about 3,000).
   */
  blocks: 20_000,
  /** Characters of one paragraph or heading, as written (one line of 5 MB is no paragraph). */
  blockCharacters: 200_000,
  /** Citations (`[@key]`, `@key`) of one reading. */
  citations: 2000,
  /** Pixels of one image (width × height), against decompression bombs. */
  imagePixels: 50_000_000,
  /** Width or height of one image, in pixels. */
  imageSide: 20_000
} as const
