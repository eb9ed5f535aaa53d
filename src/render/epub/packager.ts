/**
 * The EPUB container, made by epub-gen-memory (the packager by design) and closed around its
 * gaps:
 *
 * - its chapter pipeline re-parses HTML through an attribute whitelist that drops `data-*`,
 *   `width`, `height`, `start`, `value` and lowercases SVG's `viewBox`, so each chapter's
 *   template just prints the finished XHTML we hand it (`<%- xhtml %>`), with empty content;
 * - its package document, nav and NCX templates write a random id, "now" as the dates, an
 *   empty `dc:description` (an EPUBCheck error), no `cover-image`, and (for a chapter `url`)
 *   markup inside nav links that EPUBCheck rejects, so those templates print ours instead;
 * - it names images it finds at random and cannot read relative paths, so images go into its
 *   zip by our stable names;
 * - it stamps every zip entry with the current time, so every entry gets the book's date
 *   before the zip is written;
 * - it deflates the fonts, already compressed, so they are stored.
 *
 * What it still does: the `mimetype` entry first and stored, `META-INF/container.xml`, the
 * style sheet, the cover file (from bytes), the fonts (read from the font packages), the
 * chapters and the zip itself.
 */
import {pathToFileURL} from 'node:url'
import {EPub, type Chapter, type Options} from 'epub-gen-memory'

export interface PackageFiles {
  title: string
  lang: string
  /** Complete XHTML documents, flat in the package's folder, in reading order. */
  documents: Array<{filename: string; title: string; xhtml: string}>
  packageDocument: string
  navDocument: string
  ncx: string
  css: string
  /** Font files to embed: their name in `fonts/` and where they are on disk. */
  fonts: Array<{filename: string; path: string}>
  cover: {filename: string; data: Uint8Array}
  /** Other files (images), by path in the package's folder. */
  resources: Array<{href: string; data: Uint8Array}>
  /** Timestamp of every zip entry. */
  date: Date
}

/** The folder epub-gen-memory puts the package in; every href is relative to it. */
export const packageFolder = 'OEBPS'

/** Where epub-gen-memory writes the navigation document (from its `tocXHTML` template). */
export const packagerNavFilename = 'toc.xhtml'
export const packagerNcxFilename = 'toc.ncx'
export const packagerCssFilename = 'style.css'
export const packagerFontFolder = 'fonts'

/** Zip timestamps start in 1980: an earlier `SOURCE_DATE_EPOCH` would wrap around. */
const zipEpoch = Date.UTC(1980, 0, 1, 0, 0, 0)

type FolioChapter = Chapter & {xhtml: string}
type FolioOptions = Options & {packageDocument: string; navDocument: string; ncx: string}

class Packager extends EPub {
  async package(files: PackageFiles): Promise<Uint8Array> {
    await this.render()
    for (const resource of files.resources) this.zip.file(`${packageFolder}/${resource.href}`, resource.data)
    if (!this.zip.file(`${packageFolder}/${files.cover.filename}`)) throw new Error(`The packager wrote no ${files.cover.filename}`)
    const date = new Date(Math.max(files.date.getTime(), zipEpoch))
    for (const entry of Object.values(this.zip.files)) {
      entry.date = date
      // WOFF2 is compressed already (Brotli): deflating it costs time and adds bytes.
      if (/\.woff2$/i.test(entry.name)) entry.options.compression = 'STORE'
    }
    return this.generateAsync({type: 'uint8array', mimeType: 'application/epub+zip', compression: 'DEFLATE', compressionOptions: {level: 9}})
  }
}

export async function packageEpub(files: PackageFiles): Promise<Uint8Array> {
  const options: FolioOptions = {
    title: files.title,
    lang: files.lang,
    css: files.css,
    cover: new File([Buffer.from(files.cover.data)], files.cover.filename),
    fonts: files.fonts.map((font) => ({filename: font.filename, url: pathToFileURL(font.path).href})),
    // Our documents and package files, printed unchanged by its templates.
    chapterXHTML: '<%- xhtml %>',
    contentOPF: '<%- packageDocument %>',
    tocXHTML: '<%- navDocument %>',
    tocNCX: '<%- ncx %>',
    packageDocument: files.packageDocument,
    navDocument: files.navDocument,
    ncx: files.ncx,
    prependChapterTitles: false,
    ignoreFailedDownloads: false,
    verbose: false
  }
  const chapters: FolioChapter[] = files.documents.map((document) => ({title: document.title, filename: document.filename, content: '', xhtml: document.xhtml}))
  return new Packager(options, chapters).package(files)
}
