/**
 * The EPUB of a pack as hostile as real course packs get (see `helpers/synthetic-pack.ts`):
 * raw HTML browsers forgive and XHTML does not, inline SVG, SVG files from drawing programs,
 * every image type, notes with odd labels, three languages. EPUBCheck and Ace must still find
 * nothing, and the reader must still get every word.
 */
import {readdirSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {ace, contentDocuments, expectEpubcheckPasses, epubFiles, folio, packageDocumentOf, temporaryFolder, textOf} from './helpers/index.ts'
import {writeSyntheticPack} from './helpers/synthetic-pack.ts'

let file: string
let files: Map<string, string>
let opf: string
let documents: Map<string, string>
let readings: Array<[string, string]>

beforeAll(async () => {
  const pack = writeSyntheticPack(temporaryFolder('folio-synthetic-'), {readings: 14, paragraphs: 2, hostile: true})
  const out = temporaryFolder()
  const run = folio([pack, '--out', out, '--format', 'epub', '--quiet'], {SOURCE_DATE_EPOCH: '1700000000'})
  if (run.status !== 0) throw new Error(run.stderr)
  file = path.join(
    out,
    readdirSync(out).find((name) => name.endsWith('.epub'))!
  )
  files = await epubFiles(file)
  opf = packageDocumentOf(files)
  documents = contentDocuments(files)
  readings = [...documents].filter(([name]) => /^r\d{3}-/.test(name))
})

describe('EPUB of a hostile 14-reading pack', () => {
  it('passes EPUBCheck with no fatal, error or warning', () => {
    expectEpubcheckPasses(file)
  })

  it('passes Ace by DAISY with no violation', async () => {
    expect((await ace(file)).violations).toEqual([])
  })

  it('keeps inline SVG as SVG, with its case-sensitive attributes, and declares it', () => {
    const withSvg = readings.filter(([, text]) => text.includes('<svg'))
    expect(withSvg.length).toBeGreaterThan(0)
    for (const [name, text] of withSvg) {
      expect(text).toContain('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ')
      expect(opf).toMatch(new RegExp(`href="${name}" media-type="application/xhtml\\+xml" properties="svg"`))
    }
    const gradient = readings.map(([, text]) => text).find((text) => text.includes('linearGradient'))!
    const id = /<linearGradient id="([^"]+)"/.exec(gradient)![1]
    expect(gradient).toContain(`fill="url(#${id})"`)
  })

  it('embeds every image with its media type, WebP as PNG', () => {
    const items = new Map([...opf.matchAll(/<item id="image-\d+" href="([^"]+)" media-type="([^"]+)"/g)].map((match) => [match[1]!, match[2]!]))
    expect(items.get('images/figures-chart.svg')).toBe('image/svg+xml')
    expect(items.get('images/figures-photo.jpg')).toBe('image/jpeg')
    expect(items.get('images/figures-anim.gif')).toBe('image/gif')
    expect(items.get('images/figures-pic.png')).toBe('image/png')
    expect(items.get('images/figures-with-space.png')).toBe('image/png')
    for (const [, text] of readings) {
      for (const match of text.matchAll(/<img src="([^"]+)"/g)) expect(items.has(match[1]!) || match[1] === 'cover.png', match[1]).toBe(true)
    }
  })

  it('cleans SVG files of what EPUB forbids and keeps their drawing', () => {
    const svg = (name: string) => files.get(`OEBPS/images/figures-${name}.svg`)!
    expect(svg('doctype')).not.toContain('<!DOCTYPE')
    expect(svg('doctype')).toContain('<circle cx="50" cy="50" r="40"')
    expect(svg('script')).not.toMatch(/<script|onclick/)
    expect(svg('external')).not.toContain('https://example.org')
    expect(svg('styled')).not.toContain('@import')
    expect(svg('inkscape')).toContain('<use xlink:href="#dot"')
  })

  it('writes obsolete HTML as valid XHTML and keeps the text', () => {
    const all = readings.map(([, text]) => text).join('\n')
    expect(all).not.toMatch(/ (align|border|cellpadding|cellspacing|valign|nowrap|summary|longdesc|hspace|compact)=/)
    expect(all).not.toMatch(/<(strike|tt|center|font|big|picture|source)[\s>]/)
    expect(all).toContain('<td style="text-align: right">1,200</td>')
    expect(all).toContain('<s>struck</s> <code>teletype</code>')
    expect(all).toContain('<ul><li><p>A paragraph straight inside a list.</p></li><li>A proper item</li><li>Loose text in the list</li></ul>')
    expect(all).toContain('<div>An item with no list around it</div>')
    expect(all).toContain('<img src="images/figures-photo.png" alt="A picture with sources" />')
    expect(all).toMatch(/<input type="checkbox" checked="" disabled="" aria-label="A task list item done" \/>/)
    const text = textOf(all)
    for (const words of ['a block inside a span', 'Description first', 'A disclosure without a summary.', 'Unnamed drawing', 'Bad attribute values'])
      expect(text).toContain(words)
  })

  it('gives every id an XML name, and every link a target that exists', () => {
    const ids = new Map<string, Set<string>>()
    for (const [name, text] of documents) {
      const found = [...text.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]!)
      for (const id of found) expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9._-]*$/)
      expect(new Set(found).size).toBe(found.length)
      ids.set(name, new Set(found))
    }
    for (const [name, text] of documents) {
      for (const match of text.matchAll(/<a [^>]*href="([^"]+)"/g)) {
        const href = match[1]!
        if (/^(https?|mailto):/.test(href)) continue
        const [target = '', fragment] = href.split('#')
        const document = target === '' ? name : target
        expect(ids.has(document), `${name}: ${href}`).toBe(true)
        if (fragment) expect(ids.get(document)!.has(fragment), `${name}: ${href}`).toBe(true)
      }
    }
  })

  it('turns links to other readings into links to their documents, and drops links to nothing', () => {
    const first = documents.get('r001-reading-001.xhtml')!
    expect(first).toContain(
      'See <a href="r002-reading-002.xhtml#r2-introduction">the next reading</a>, <span>a reading elsewhere</span>, <a href="#r1-introduction">the first section</a> and <span>a missing file</span>.'
    )
    expect(first).not.toContain('href="//')
  })

  it('keeps notes with accented labels linked both ways', () => {
    const first = documents.get('r001-reading-001.xhtml')!
    const noteref = /<a href="#(r1-fn-caf[^"]*)" id="([^"]+)" role="doc-noteref" class="noteref" epub:type="noteref">2<\/a>/.exec(first)
    expect(noteref).not.toBeNull()
    expect(first).toMatch(new RegExp(`<aside id="${noteref![1]}" role="doc-footnote"[^>]*>[\\s\\S]*?<a href="#${noteref![2]}" role="doc-backlink"`))
  })

  it('sets each reading’s language on its document and embeds the scripts it uses', () => {
    expect(documents.get('r003-reading-003.xhtml')).toContain('lang="fr" xml:lang="fr"')
    expect(documents.get('r004-reading-004.xhtml')).toContain('lang="de-DE" xml:lang="de-DE"')
    for (const subset of ['greek', 'cyrillic']) expect(opf).toContain(`fonts/source-serif-4-${subset}-400-normal.woff2`)
    expect(opf).toContain('fonts/source-code-pro-latin-400-normal.woff2')
  })

  it('nests sections under their readings in the navigation and the NCX', () => {
    const nav = documents.get('toc.xhtml')!
    expect(nav).toMatch(
      /<li><a href="r001-reading-001\.xhtml">Reading 1: [^<]+<\/a><ol><li><a href="r001-reading-001\.xhtml#r1-introduction">Introduction<\/a><\/li><li><a href="r001-reading-001\.xhtml#r1-methodes--resultats">Méthodes &#x26; résultats<\/a><\/li><li><a href="r001-reading-001\.xhtml#r1-1-context">1\. Context<\/a><ol><li><a href="[^"]+">A heading that skips a level<\/a><\/li><\/ol><\/li>/
    )
    expect(nav).toContain(
      '<a href="r001-reading-001.xhtml#r1-x3b5x3bbx3bbx3b7x3bdx3b9x3bax3b1-x3bax3b1x3b9-x43ax438x440x438x43bx43bx438x446x430">Ελληνικά και кириллица</a>'
    )
    expect(files.get('OEBPS/toc.ncx')).toContain('<meta name="dtb:depth" content="3" />')
  })

  it('says what the accessibility of the book is, without claiming what it lacks', () => {
    expect(opf).toContain('<meta property="schema:accessMode">visual</meta>')
    expect(opf).toContain('<meta property="schema:accessModeSufficient">textual,visual</meta>')
    expect(opf).not.toContain('<meta property="schema:accessModeSufficient">textual</meta>')
    expect(opf).not.toContain('dcterms:conformsTo')
    expect(opf).toContain('<meta property="schema:accessibilityHazard">unknownFlashingHazard</meta>')
    expect(opf).toMatch(/<meta property="schema:accessibilitySummary">[^<]*\d+ of its \d+ images have no text alternative\./)
  })
})
