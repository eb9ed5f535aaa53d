/**
 * The EPUB edition as a library, an e-book store and a reader meet it: EPUBCheck and Ace by
 * DAISY find nothing to report, the package says what the book is, notes pop up, and the
 * same input with the same SOURCE_DATE_EPOCH gives the same bytes.
 */
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {
  ace,
  contentDocuments,
  expectEpubcheckPasses,
  epubEntry,
  epubFiles,
  fixturesRoot,
  folio,
  packageDocumentOf,
  temporaryFolder,
  textOf,
  zipMethods
} from './helpers/index.ts'

/** 2023-11-14T22:13:20Z */
const epoch = '1700000000'

function buildEpub(args: string[], env: NodeJS.ProcessEnv = {SOURCE_DATE_EPOCH: epoch}): string {
  const out = temporaryFolder()
  const run = folio([...args, '--out', out, '--format', 'epub'], env)
  if (run.status !== 0) throw new Error(`folio exited ${run.status}: ${run.stderr}`)
  const name = readdirSync(out).find((file) => file.endsWith('.epub'))
  if (!name) throw new Error(`no EPUB in ${out}`)
  return path.join(out, name)
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]
}

describe('EPUB of the default pack', () => {
  let file: string
  let files: Map<string, string>
  let opf: string
  let documents: Map<string, string>

  beforeAll(async () => {
    file = buildEpub([])
    files = await epubFiles(file)
    opf = packageDocumentOf(files)
    documents = contentDocuments(files)
  })

  it('passes EPUBCheck with no fatal, error or warning', () => {
    expectEpubcheckPasses(file)
  })

  it('passes Ace by DAISY with no violation at all', async () => {
    expect((await ace(file)).violations).toEqual([])
  })

  it('is the same bytes when built again with the same SOURCE_DATE_EPOCH', () => {
    expect(readFileSync(buildEpub([])).equals(readFileSync(file))).toBe(true)
  })

  it('dates the package and every zip entry from SOURCE_DATE_EPOCH', async () => {
    expect(opf).toContain('<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>')
    expect(opf).toContain('<dc:date>2025-05</dc:date>')
    const JSZip = (await import('jszip')).default
    const zip = await JSZip.loadAsync(readFileSync(file))
    const names = Object.keys(zip.files)
    expect(names[0]).toBe('mimetype')
    for (const entry of Object.values(zip.files)) expect(entry.date.toISOString()).toBe('2023-11-14T22:13:20.000Z')
  })

  it('without SOURCE_DATE_EPOCH, takes its date from the content, so it is still reproducible', () => {
    const first = buildEpub([], {SOURCE_DATE_EPOCH: ''})
    const second = buildEpub([], {SOURCE_DATE_EPOCH: ''})
    expect(readFileSync(first).equals(readFileSync(second))).toBe(true)
  })

  it('says what the book is: title, creators, language, identifier, description, accessibility', () => {
    expect(opf).toContain('<dc:title id="title">Migration governance under pressure</dc:title>')
    expect(opf).toContain('<dc:title id="subtitle">A sample course pack made with Folio</dc:title>')
    expect(opf).toContain('<dc:language>en-GB</dc:language>')
    for (const name of ['Sabine Dini', 'Shoshana Fine', 'Antoine Pécoud']) expect(opf).toMatch(new RegExp(`<dc:creator id="creator-\\d">${name}</dc:creator>`))
    expect(opf).toMatch(/<dc:identifier id="pub-id">urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/dc:identifier>/)
    expect(opf).toMatch(/<dc:description>Migration governance under pressure: A sample course pack made with Folio\. 2 readings: .+<\/dc:description>/)
    for (const property of ['accessMode', 'accessModeSufficient', 'accessibilityFeature', 'accessibilityHazard', 'accessibilitySummary']) {
      expect(opf).toContain(`<meta property="schema:${property}">`)
    }
    expect(opf).toContain('<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>')
  })

  it('has a cover image, drawn with the title when the pack names none', async () => {
    const item = /<item [^>]*properties="cover-image"[^>]*\/>/.exec(opf)?.[0] ?? ''
    expect(attribute(item, 'media-type')).toBe('image/png')
    const png = await epubEntry(file, `OEBPS/${attribute(item, 'href')}`)
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1600, 2400])
    expect(documents.get('cover.xhtml')).toMatch(
      /<img src="cover\.png" alt="Cover: Migration governance under pressure\. A sample course pack made with Folio\. A seminar on international organisations\. Edited by The Folio editors\." role="doc-cover" epub:type="cover" \/>/
    )
  })

  it('is one document per reading, plus the title page, the contents and the appendix', () => {
    const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((match) => {
      const item = new RegExp(`<item id="${match[1]}" href="([^"]+)"`).exec(opf)
      return item?.[1]
    })
    expect(spine).toEqual([
      'cover.xhtml',
      'title-page.xhtml',
      'contents.xhtml',
      'r001-introduction.xhtml',
      'part-1.xhtml',
      'r002-iom-and-the-trump-administration.xhtml',
      'r002-iom-and-the-trump-administration-references.xhtml',
      'about-the-authors.xhtml'
    ])
    expect(textOf(documents.get('r002-iom-and-the-trump-administration.xhtml')!)).toContain('Whether it can resist doing the dirty work')
    expect(textOf(documents.get('about-the-authors.xhtml')!)).toContain('Institut Convergences Migrations')
  })

  it('sets the language on every document', () => {
    for (const [name, text] of documents)
      expect(text, name).toMatch(
        /<html xmlns="http:\/\/www\.w3\.org\/1999\/xhtml" xmlns:epub="http:\/\/www\.idpf\.org\/2007\/ops" lang="en-GB" xml:lang="en-GB">/
      )
  })

  it('links bylines to the author appendix in its own document', () => {
    const reading = documents.get('r002-iom-and-the-trump-administration.xhtml')!
    const links = [...reading.matchAll(/<a href="about-the-authors\.xhtml#([^"]+)" class="person">([^<]+)<\/a>/g)]
    expect(links.map((link) => link[2])).toEqual(['Sabine Dini', 'Shoshana Fine', 'Antoine Pécoud'])
    for (const link of links) expect(documents.get('about-the-authors.xhtml')).toContain(`id="${link[1]}"`)
  })

  it('has a navigation document with the contents and the landmarks', () => {
    const nav = documents.get('toc.xhtml')!
    expect(opf).toContain('<item id="nav" href="toc.xhtml" media-type="application/xhtml+xml" properties="nav" />')
    expect(nav).toContain('<nav epub:type="toc" role="doc-toc"')
    expect(nav).toContain(
      '<a href="r002-iom-and-the-trump-administration.xhtml">The IOM and the Trump administration: a turning point in the organization’s history?</a>'
    )
    for (const landmark of ['cover', 'titlepage', 'toc', 'bodymatter', 'backmatter'])
      expect(nav).toMatch(new RegExp(`<a epub:type="${landmark}" href="[^"]+\\.xhtml">`))
  })

  it('embeds the fonts it uses as WOFF2 and leaves out the code face, which it does not use', () => {
    const fonts = [...opf.matchAll(/href="(fonts\/[^"]+)" media-type="font\/woff2"/g)].map((match) => match[1])
    expect(fonts).toContain('fonts/source-serif-4-latin-400-normal.woff2')
    expect(fonts.some((font) => font?.includes('source-code-pro'))).toBe(false)
    const css = files.get('OEBPS/style.css')!
    for (const font of fonts) expect(css).toContain(`url(${font})`)
    expect(css).not.toContain('var(--')
    // Compressed already, so stored; the text is deflated, the `mimetype` stored first.
    const methods = zipMethods(file)
    for (const font of fonts) expect(methods.get(`OEBPS/${font}`), font).toBe(0)
    expect(methods.get('OEBPS/style.css')).toBe(8)
    expect([...methods][0]).toEqual(['mimetype', 0])
  })
})

describe('EPUB of an article with notes', () => {
  let file: string
  let reading: string
  let opf: string

  beforeAll(async () => {
    file = buildEpub([path.join(fixturesRoot, 'epub/notes/article.md')])
    const files = await epubFiles(file)
    opf = packageDocumentOf(files)
    reading = [...contentDocuments(files)].find(([name]) => name.startsWith('r001-'))![1]
  })

  it('passes EPUBCheck', () => {
    expectEpubcheckPasses(file)
  })

  it('takes the language from the front matter', () => {
    expect(opf).toContain('<dc:language>en-GB</dc:language>')
    expect(opf).toContain('<dc:date>2025-03-14</dc:date>')
    expect(opf).toContain('<dc:description>A short article whose ten notes test how an EPUB shows them.</dc:description>')
    expect(opf).toContain('<dc:subject>notes</dc:subject>')
  })

  it('marks every reference as a noteref and every note as a footnote, with a way back', () => {
    const references = [...reading.matchAll(/<a href="#([^"]+)" id="([^"]+)" role="doc-noteref" class="noteref" epub:type="noteref">(\d+)<\/a>/g)]
    expect(references.map((match) => match[3])).toEqual(['1', '2', '3', '4', '4', '5', '6', '7', '8', '9', '10'])
    const notes = [
      ...reading.matchAll(/<aside id="([^"]+)" role="doc-footnote" class="footnote" aria-label="Note (\d+)" epub:type="footnote">([\s\S]*?)<\/aside>/g)
    ]
    expect(notes.map((match) => match[2])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'])
    for (const reference of references) expect(notes.some((note) => note[1] === reference[1])).toBe(true)
    for (const note of notes) {
      const back = /<a href="#([^"]+)" role="doc-backlink" aria-label="Back to text" class="backlink" epub:type="backlink">/.exec(note[3]!)
      expect(back, `note ${note[2]}`).not.toBeNull()
      expect(references.some((reference) => reference[2] === back![1])).toBe(true)
    }
  })

  it('puts the notes after the text of the reading', () => {
    expect(reading.indexOf('<aside')).toBeGreaterThan(reading.indexOf('and the last one.'))
  })

  it('nests the reading’s sections in the navigation', async () => {
    const nav = contentDocuments(await epubFiles(file)).get('toc.xhtml')!
    expect(nav).toMatch(
      /<li><a href="r001-[^"]+\.xhtml">Ten notes on one page<\/a><ol><li><a href="r001-[^"]+\.xhtml#r1-notes-with-more-in-them">Notes with more in them<\/a><\/li><li><a href="[^"]+#r1-the-rest">The rest<\/a><\/li><\/ol><\/li>/
    )
  })
})

describe('EPUB of a pack that names its cover', () => {
  let file: string
  let files: Map<string, string>
  let opf: string

  beforeAll(async () => {
    file = buildEpub([path.join(fixturesRoot, 'epub/own-cover')])
    files = await epubFiles(file)
    opf = packageDocumentOf(files)
  })

  it('passes EPUBCheck', () => {
    expectEpubcheckPasses(file)
  })

  it('uses that image as the cover, unchanged', async () => {
    expect(opf).toContain('<item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image" />')
    expect((await epubEntry(file, 'OEBPS/cover.png')).equals(readFileSync(path.join(fixturesRoot, 'epub/own-cover/cover.png')))).toBe(true)
  })

  it('turns a configured ISBN into the identifier and the pack’s language into every document’s', () => {
    expect(opf).toContain('<dc:identifier id="pub-id">urn:isbn:9783161484100</dc:identifier>')
    expect(opf).toContain('<dc:language>fr</dc:language>')
    expect(contentDocuments(files).get('cover.xhtml')).toContain('alt="Couverture: A pack with its own cover. Bruno Échelle."')
  })

  it('carries a WebP image as PNG, which every EPUB reader can show', async () => {
    expect(opf).toMatch(/<item id="image-1" href="images\/carre\.png" media-type="image\/png" \/>/)
    expect((await epubEntry(file, 'OEBPS/images/carre.png')).subarray(1, 4).toString()).toBe('PNG')
  })
})

describe('a pack whose cover and image the browser cannot decode', () => {
  it('warns where each is named (again from the cache), draws a cover and shows the text alternative; with --strict writes nothing', async () => {
    const folder = temporaryFolder()
    const own = path.join(fixturesRoot, 'epub/own-cover')
    writeFileSync(path.join(folder, 'lecture.md'), readFileSync(path.join(own, 'lecture.md'), 'utf8').replace('(carre.webp)', '(broken.webp)'))
    writeFileSync(path.join(folder, 'pack.yaml'), readFileSync(path.join(own, 'pack.yaml'), 'utf8').replace('cover: cover.png', 'cover: broken.webp'))
    // A WebP cut off after its header (its size is read when the pack is loaded): no body to decode.
    writeFileSync(path.join(folder, 'broken.webp'), readFileSync(path.join(own, 'carre.webp')).subarray(0, 0x1e))
    const cache = temporaryFolder()
    const warnings = [
      /pack\.yaml:3:8: warning Unexpected cover `broken\.webp` that the browser cannot decode, expected a readable image; the EPUB has a drawn cover/,
      /lecture\.md:6:54: warning Unexpected image `broken\.webp` that the browser cannot decode, expected a readable image; every edition shows its text alternative instead/
    ]
    for (const round of ['cold', 'cached']) {
      const out = temporaryFolder()
      const run = folio([folder, '--out', out, '--format', 'epub', '--cache', cache])
      expect(run.status, round).toBe(0)
      for (const warning of warnings) expect(run.stderr, round).toMatch(warning)
      const epub = path.join(
        out,
        readdirSync(out).find((name) => name.endsWith('.epub'))!
      )
      const files = await epubFiles(epub)
      expect(packageDocumentOf(files), round).toContain('href="cover.png" media-type="image/png" properties="cover-image"')
      expect((await epubEntry(epub, 'OEBPS/cover.png')).subarray(1, 4).toString(), round).toBe('PNG')
      expect(
        [...files.keys()].filter((name) => name.includes('images/')),
        round
      ).toEqual([])
      expect(textOf(contentDocuments(files).get('r001-lecture.xhtml') ?? ''), round).toContain('Un carré')
    }
    const out = temporaryFolder()
    const strict = folio([folder, '--out', out, '--format', 'epub', '--strict', '--no-cache'])
    expect(strict.status).toBe(1)
    for (const warning of warnings) expect(strict.stderr).toMatch(warning)
    expect(readdirSync(out)).toEqual([])
    // An output folder that was not there is not left behind, empty, either.
    const above = temporaryFolder()
    const missing = folio([folder, '--out', path.join(above, 'dist', 'course'), '--format', 'epub', '--strict', '--no-cache'])
    expect(missing.status).toBe(1)
    expect(readdirSync(above)).toEqual([])
  }, 120_000)
})

describe('a part’s introduction showing an image the browser cannot decode', () => {
  it('is warned about at the image in the introduction, which is shown before the part’s readings, not at the top of pack.yaml', () => {
    const folder = temporaryFolder()
    const own = path.join(fixturesRoot, 'epub/own-cover')
    // The part's first reading shows it too; the introduction is shown first.
    writeFileSync(path.join(folder, 'lecture.md'), readFileSync(path.join(own, 'lecture.md'), 'utf8').replace('(carre.webp)', '(broken.webp)'))
    writeFileSync(path.join(folder, 'week.md'), 'The week opens with a square.\n\n  ![A broken square](broken.webp)\n')
    writeFileSync(path.join(folder, 'broken.webp'), readFileSync(path.join(own, 'carre.webp')).subarray(0, 0x1e))
    writeFileSync(
      path.join(folder, 'pack.yaml'),
      ['title: A pack in parts', 'lang: fr', 'readings:', '  - part: Week 1', '    intro: week.md', '    readings:', '      - lecture.md', ''].join('\n')
    )
    const run = folio([folder, '--out', temporaryFolder(), '--format', 'epub', '--no-cache'])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/week\.md:3:3: warning Unexpected image `broken\.webp` that the browser cannot decode/)
    expect(run.stderr).not.toMatch(/pack\.yaml:1:1/)
    expect(run.stderr).not.toMatch(/lecture\.md:\d+:\d+: warning Unexpected image/)
  })
})

describe('a pack whose cover is missing', () => {
  it('is an error at the line of `cover:`, and nothing is written', () => {
    const out = temporaryFolder()
    const run = folio([path.join(fixturesRoot, 'packs/missing-cover'), '--out', out, '--format', 'epub'])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('test/fixtures/packs/missing-cover/pack.yaml:2:8: error Cannot find cover `art/cover.png`')
    expect(readdirSync(out)).toEqual([])
  })
})
