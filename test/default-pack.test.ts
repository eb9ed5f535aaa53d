/**
 * The first build a new user makes: the embedded default pack, to all three editions,
 * read the way a reader would read them.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {bodyText, epubFiles, folio, pdfInfo, pdfLayout, pdfPages, projectRoot, squash, temporaryFolder, textOf} from './helpers/index.ts'

const article = readFileSync(path.join(projectRoot, 'content/iom-and-the-trump-administration.md'), 'utf8')
const paragraphs = article
  .split(/^---$/m)[2]!
  .trim()
  .split(/\n\n+/)
  .map((paragraph) => paragraph.replace(/^\*|\*$/g, ''))
/** A paragraph's words between its citations (which become note numbers, after the punctuation). */
const pieces = (paragraph: string) =>
  paragraph
    .split(/\s*\[@[^\]]*\]/)
    .map((piece) => piece.replace(/^[.,;:]/, ''))
    .filter(Boolean)
const title = 'The IOM and the Trump administration: a turning point in the organization’s history?'
const authors = ['Sabine Dini', 'Shoshana Fine', 'Antoine Pécoud']
const bios = [
  'She is a fellow of the Institut Convergences Migrations (ICM).',
  'Her research interests are in migration, borders, the politics of law and international organizations.',
  'He holds a PhD in social anthropology from the University of Oxford (2002) and a HDR from the University of Paris 7 (2011).'
]

let out: string
let run: ReturnType<typeof folio>

beforeAll(() => {
  out = temporaryFolder()
  run = folio(['--out', out])
})

function output(extension: string): string {
  // The edition, not the landing page (index.html) beside it.
  const name = readdirSync(out).find((file) => file.endsWith(extension) && file !== 'index.html')
  if (!name) throw new Error(`no ${extension} in ${out}: ${run.stderr}`)
  return path.join(out, name)
}

/** What every edition must show: the whole article, its authors and their bios. */
function expectWholeReading(text: string) {
  const seen = squash(text)
  expect(seen).toContain(squash(title))
  for (const name of authors) expect(seen).toContain(squash(name))
  expect(seen).toContain(squash('About the authors'))
  for (const bio of bios) expect(seen).toContain(squash(bio))
  for (const paragraph of paragraphs) for (const piece of pieces(paragraph)) expect(seen).toContain(squash(piece))
}

describe('npm run build on the default content', () => {
  it('exits 0 and writes the three editions and the landing page', () => {
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(readdirSync(out).sort()).toEqual([
      'SHA256SUMS',
      'index.html',
      'migration-governance-under-pressure.epub',
      'migration-governance-under-pressure.html',
      'migration-governance-under-pressure.pdf'
    ])
  })

  it('web page: the whole article, bylines that link to the appendix, nothing external', () => {
    const html = readFileSync(output('.html'), 'utf8')
    expectWholeReading(textOf(html))
    expect(html).not.toMatch(/<script|<link|src="http/)
    for (const match of html.matchAll(/class="person" href="#([^"]+)"|href="#([^"]+)" class="person"/g)) {
      expect(html).toContain(`id="${match[1] ?? match[2]}"`)
    }
    expect(html).toMatch(/<section role="doc-appendix" id="about-the-authors"/)
  })

  it('PDF: the whole article, the title page first, each reading on its own page', () => {
    const pages = pdfPages(output('.pdf'))
    expectWholeReading(bodyText(pdfLayout(output('.pdf'))))
    expect(pages[0]).toContain('Migration governance under pressure')
    expect(pages[0]).not.toContain('A course pack gathers')
    const starts = pages.findIndex(
      (page) => squash(page).startsWith(squash(title)) || squash(page.split('\n').slice(0, 4).join(' ')).includes(squash('The IOM and the Trump'))
    )
    expect(starts).toBeGreaterThan(0)
    expect(squash(pages[starts - 1] ?? '')).not.toContain(squash(paragraphs[0]!))
  })

  it('PDF: tagged, titled and authored from the metadata', () => {
    const info = pdfInfo(output('.pdf'))
    expect(info['Tagged']).toBe('yes')
    expect(info['Title']).toBe('Migration governance under pressure')
    for (const name of authors) expect(info['Author']).toContain(name)
    expect(info['Creator']).toContain('Folio')
  })

  it('EPUB: a document per reading, the appendix with the bios, the language from the pack', async () => {
    const files = await epubFiles(output('.epub'))
    const documents = [...files.keys()].filter((name) => name.endsWith('.xhtml'))
    const readingDocument = documents.map((name) => files.get(name)!).find((text) => text.includes(title.slice(0, 30)) && text.includes('Michele Sison'))
    expect(readingDocument).toBeDefined()
    expect(squash(textOf(readingDocument!))).toContain(squash(paragraphs.at(-1)!))
    expectWholeReading(documents.map((name) => textOf(files.get(name)!)).join('\n'))
    const opf = [...files.entries()].find(([name]) => name.endsWith('.opf'))![1]
    expect(opf).toContain('<dc:language>en-GB</dc:language>')
  })
})
