/**
 * A course pack as an editor binds one, built once with `--each` and read the way readers
 * and checkers read it: 3 parts and 8 readings (5 Markdown; a tagged excerpt printed on
 * Letter paper; a scan without text; an open-access article under CC BY 4.0), the PDF's
 * pages as pdftotext gives them, its bookmarks and structure tree, the EPUB through
 * EPUBCheck and Ace, each reading's own files, and the landing page's links.
 */
import {execFileSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {BrowserSession} from '../src/browser/session.ts'
import {ace, epubFiles, expectEpubcheckPasses, fixturesRoot, folio, pdfOutline, pdfPages, temporaryFolder, type CliResult} from './helpers/index.ts'
import {printHtml, scannedPdf} from './helpers/make-pdf.ts'
import {allNodes, matterhorn, readStructure} from './helpers/pdf-ua.ts'

const excerptHtml = `<!doctype html><html lang="en"><head><style>body { font: 13pt/1.5 serif; margin: 0 } h1 { font-size: 20pt }</style></head><body>
<h1>Preface of the source book</h1><p>Words of the preface that the pack leaves out.</p>
<h1 style="break-before: page">Chapter two of the source</h1><p>Excerptwordtwo begins the excerpt on the second page of the file.</p><h2>A section of chapter two</h2><p>More of chapter two.</p>
<h1 style="break-before: page">Chapter three of the source</h1><ul><li>Excerptwordthree in a list item</li></ul><table><tr><th>Year</th><th>Copies</th></tr><tr><td>1990</td><td>3</td></tr></table>
<h1 style="break-before: page">Index of the source book</h1><p>Words of the index the pack leaves out.</p>
</body></html>`

const openHtml = `<!doctype html><html lang="en"><body style="font: 12pt serif"><h1>An open-access article</h1><p>Openarticleword is what it says.</p><table><tr><th>Place</th><th>Visits</th></tr><tr><td>Port</td><td>7</td></tr></table></body></html>`

/** Pages of the pack's PDF whose text has this, 1-based. */
function pagesWith(pages: string[], text: string): number[] {
  return pages.flatMap((page, index) => (page.replace(/\s+/g, ' ').includes(text) ? [index + 1] : []))
}

/** The page number printed at the foot of a page: its last line, when that is a number alone. */
function folioOf(page: string): number | undefined {
  const last = page.trimEnd().split('\n').at(-1)?.trim()
  return last && /^\d+$/.test(last) ? Number(last) : undefined
}

const readings = [
  'Introduction to the pack',
  'Foundations of the field',
  'An excerpt printed on Letter paper',
  'A scanned chapter',
  'Reading the archive',
  'An open-access article',
  'Futures of mobility',
  'Conclusion'
]
const parts = ['Week 1: Foundations', 'Week 2: Archives', 'Week 3: Futures']

describe('a course pack of parts, PDF excerpts and notices', () => {
  const session = new BrowserSession()
  const pack = path.join(temporaryFolder(), 'course-pack')
  const out = temporaryFolder()
  let run: CliResult
  let pdf: string
  let epub: string
  let pages: string[]
  beforeAll(async () => {
    cpSync(path.join(fixturesRoot, 'course-pack'), pack, {recursive: true})
    mkdirSync(path.join(pack, 'excerpts'), {recursive: true})
    writeFileSync(path.join(pack, 'excerpts/excerpt.pdf'), await printHtml(session, excerptHtml, {format: 'letter'}))
    writeFileSync(path.join(pack, 'excerpts/open-article.pdf'), await printHtml(session, openHtml, {format: 'a4'}))
    writeFileSync(path.join(pack, 'excerpts/scan.pdf'), await scannedPdf(2))
    await session.close()
    run = folio([pack, '--out', out, '--each'], {SOURCE_DATE_EPOCH: '1767225600'})
    pdf = path.join(out, 'borders-and-belonging.pdf')
    epub = path.join(out, 'borders-and-belonging.epub')
    pages = existsSync(pdf) ? pdfPages(pdf) : []
  }, 600_000)
  afterAll(() => session.close())

  it('builds with one warning, naming the scan and its pages', () => {
    expect(run.status, run.stderr).toBe(0)
    const warnings = run.stderr.split('\n').filter((line) => / warning /.test(line))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/pack\.yaml:\d+:\d+: warning .*excerpts\/scan\.pdf.*pages? 1.2/)
  })

  it('prints the notice on the back of the title page, and the course on the title page', () => {
    expect(pages[0]).toContain('Migration and the State')
    expect(pages[0]).toContain('MIG 301')
    expect(pages[1]).toContain('Copied under licence from the Example Licensing Agency')
  })

  it('lists parts and readings in the contents with the pages they start on', () => {
    const contents = pagesWith(pages, 'Contents')[0]!
    const lines = pages[contents - 1]!.split('\n').map((line) => line.trim().replace(/\s+/g, ' '))
    for (const title of [...parts, ...readings]) {
      const line = lines.find((candidate) => candidate.startsWith(title))
      expect(line, title).toBeDefined()
      const page = Number(/(\d+)$/.exec(line!)?.[1])
      expect(pages[page - 1]!.replace(/\s+/g, ' '), `${title} on page ${page}`).toContain(title)
      if (parts.includes(title)) expect(page % 2, `${title} opens on a right-hand page`).toBe(1)
    }
  })

  it('prints each reading’s notice on its first page', () => {
    const firstPage = (title: string) => pagesWith(pages, title).find((page) => page > pagesWith(pages, 'Contents')[0]!)!
    const squash = (page: number) => pages[page - 1]!.replace(/\s+/g, ' ')
    expect(squash(firstPage('Foundations of the field'))).toContain('© 2026 Fay Founder')
    expect(squash(firstPage('An excerpt printed on Letter paper'))).toContain('© 2015 Source Press')
    expect(squash(firstPage('An excerpt printed on Letter paper'))).toContain('45–46')
    expect(squash(firstPage('A scanned chapter'))).toContain("Reproduced for teaching under the pack's licence")
    expect(squash(firstPage('Reading the archive'))).toContain("Printed with the author's permission")
    expect(squash(firstPage('An open-access article'))).toContain('Creative Commons Attribution 4.0 International')
  })

  it('places the excerpt’s pages with the pack’s folios and running head, and their own text', () => {
    const second = pagesWith(pages, 'Excerptwordtwo')
    const third = pagesWith(pages, 'Excerptwordthree')
    expect(second).toHaveLength(1)
    expect(third).toEqual([second[0]! + 1])
    expect(folioOf(pages[second[0]! - 1]!)).toBe(second[0])
    expect(folioOf(pages[third[0]! - 1]!)).toBe(third[0])
    expect(pagesWith(pages, 'Words of the preface')).toEqual([])
    expect(pagesWith(pages, 'Words of the index')).toEqual([])
    const size = execFileSync('pdfinfo', ['-f', String(second[0]), '-l', String(second[0]), pdf], {encoding: 'utf8'})
    expect(size).toMatch(/ 59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/)
  })

  it('nests readings under parts in the bookmarks, and the excerpt’s own under it', () => {
    const outline = pdfOutline(pdf)
    const titles = outline.map(([depth, title]) => `${depth} ${title}`)
    expect(titles).toContain('1 Week 1: Foundations')
    const week1 = titles.indexOf('1 Week 1: Foundations')
    expect(titles.slice(week1 + 1)).toEqual(
      expect.arrayContaining(['2 Foundations of the field', '2 An excerpt printed on Letter paper', '3 Chapter two of the source'])
    )
    const excerpt = titles.indexOf('2 An excerpt printed on Letter paper')
    expect(titles[excerpt + 1]).toBe('3 Chapter two of the source')
    expect(titles).not.toContain('3 Preface of the source book')
    expect(titles.indexOf('1 Week 2: Archives')).toBeGreaterThan(excerpt)
    expect(titles[titles.indexOf('1 Week 2: Archives') + 1]).toBe('2 A scanned chapter')
  })

  it('keeps the excerpt’s own structure elements in the pack’s structure tree', async () => {
    const page = pagesWith(pages, 'Excerptwordtwo')[0]!
    const document = await getDocument({data: new Uint8Array(readFileSync(pdf)), verbosity: 0}).promise
    const roles: string[] = []
    const walk = (node: {role?: string; children?: unknown[]}) => {
      if (node.role) roles.push(node.role)
      for (const child of node.children ?? []) walk(child as typeof node)
    }
    walk(((await (await document.getPage(page)).getStructTree()) ?? {}) as {children?: unknown[]})
    expect(roles).toEqual(expect.arrayContaining(['H1', 'H2', 'P']))
  })

  it('names header cells by IDs its own file holds, in the pack and in each reading’s file', async () => {
    // Both sources were printed by one browser, whose renderer names cells from one counter.
    const {roots} = await readStructure(pdf)
    expect(allNodes(roots).filter((node) => node.headers.length > 0).length).toBeGreaterThanOrEqual(4)
    const folder = path.join(out, 'borders-and-belonging')
    const files = [
      pdf,
      ...readdirSync(folder)
        .filter((name) => name.endsWith('.pdf'))
        .map((name) => path.join(folder, name))
    ]
    for (const file of files) {
      const failures = (await matterhorn(file)).filter((line) => /^(7\.5|14\.7\.2|19-00)/.test(line))
      expect(failures, path.basename(file)).toEqual([])
    }
  })

  it('passes qpdf’s check', () => {
    expect(() => execFileSync('qpdf', ['--check', pdf], {encoding: 'utf8'})).not.toThrow()
  })

  it('makes an EPUB that EPUBCheck passes clean, with parts in its nav', async () => {
    expectEpubcheckPasses(epub)
    const files = await epubFiles(epub)
    const nav = [...files].find(([name]) => name.endsWith('nav.xhtml') || name.endsWith('toc.xhtml'))![1]
    const part = nav.indexOf('Week 1: Foundations')
    const nested = nav.slice(part, nav.indexOf('Week 2: Archives'))
    expect(nested).toMatch(/<ol>[\s\S]*Foundations of the field[\s\S]*An excerpt printed on Letter paper/)
    const all = [...files.values()].join('\n')
    expect(all).toContain('Excerptwordtwo')
    expect(all).toContain('45–46')
    expect(all).toMatch(/<dc:rights>[^<]*Creative Commons Attribution 4.0 International/)
  }, 400_000)

  it('makes an EPUB without critical or serious violations in Ace', async () => {
    const result = await ace(epub)
    expect(result.violations.filter((line) => / (critical|serious) /.test(line))).toEqual([])
  }, 600_000)

  it('writes each reading as its own PDF, EPUB and web page, the PDF keeping the pack’s page numbers', () => {
    const folder = path.join(out, 'borders-and-belonging')
    const names = readdirSync(folder).sort()
    for (const extension of ['pdf', 'epub', 'html']) expect(names.filter((name) => name.endsWith(`.${extension}`))).toHaveLength(8)
    const contents = pagesWith(pages, 'Contents')[0]!
    const lines = pages[contents - 1]!.split('\n').map((line) => line.trim().replace(/\s+/g, ' '))
    for (const [index, title] of readings.entries()) {
      const file = names.find((name) => name.startsWith(String(index + 1).padStart(2, '0') + '-') && name.endsWith('.pdf'))!
      const own = pdfPages(path.join(folder, file))
      const start = Number(/(\d+)$/.exec(lines.find((line) => line.startsWith(title))!)?.[1])
      expect(own[0]!.replace(/\s+/g, ' '), file).toContain(title)
      // The folio printed on its first page is the page the pack's contents gives it.
      expect(folioOf(own[0]!), file).toBe(start)
      expect(() => execFileSync('qpdf', ['--check', path.join(folder, file)])).not.toThrow()
    }
    // A PDF reading's own file keeps its pages and its bookmarks nested under it.
    const excerpt = path.join(
      folder,
      names.find((name) => name.startsWith('03-') && name.endsWith('.pdf'))!
    )
    expect(pdfOutline(excerpt).map(([depth, title]) => `${depth} ${title}`)).toEqual(
      expect.arrayContaining(['1 An excerpt printed on Letter paper', '2 Chapter two of the source', '2 Chapter three of the source'])
    )
    expect(pdfPages(excerpt).join('\n')).toContain('Excerptwordthree')
  })

  it('links every edition written from dist/index.html, and every link resolves', () => {
    const html = readFileSync(path.join(out, 'index.html'), 'utf8')
    const links = [...html.matchAll(/href="([^"#]+)"/g)].map((match) => decodeURI(match[1]!)).filter((href) => !/^https?:/.test(href))
    expect(links).toEqual(expect.arrayContaining(['borders-and-belonging.pdf', 'borders-and-belonging.epub', 'borders-and-belonging.html']))
    expect(links.filter((href) => href.startsWith('borders-and-belonging/'))).toHaveLength(24)
    for (const link of links) expect(existsSync(path.join(out, link)), link).toBe(true)
    expect(html).toContain('MIG 301')
  })
})

describe('PDF readings that cannot be placed', () => {
  const broken = (entry: string) => {
    const pack = temporaryFolder()
    writeFileSync(path.join(pack, 'pack.yaml'), `title: A broken pack\nreadings:\n  - file: excerpt.pdf\n${entry}`)
    cpSync(path.join(fixturesRoot, 'course-pack/conclusion.md'), path.join(pack, 'conclusion.md'))
    return pack
  }

  it('stops at a page range past the end of the file, at its line and column, writing nothing', async () => {
    const session = new BrowserSession()
    const pack = broken('    title: Too far\n    pages: 2-9\n')
    writeFileSync(path.join(pack, 'excerpt.pdf'), await printHtml(session, excerptHtml, {format: 'letter'}))
    await session.close()
    const out = temporaryFolder()
    const result = folio([pack, '--out', out, '--format', 'html'])
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/pack\.yaml:5:12: error Unexpected page range `2-9` in a PDF of 4 pages/)
    expect(readdirSync(out)).toEqual([])
  }, 120_000)

  it('stops at a file outside the pack', () => {
    const pack = broken('    title: Elsewhere\n')
    writeFileSync(path.join(pack, 'pack.yaml'), 'title: A broken pack\nreadings:\n  - file: ../elsewhere.pdf\n    title: Elsewhere\n')
    const result = folio([pack, '--out', temporaryFolder(), '--format', 'html'])
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/pack\.yaml:3:\d+: error .*outside the pack/)
  })
})
