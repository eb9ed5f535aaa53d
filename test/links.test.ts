/**
 * Links and ids across readings, in all three editions (`test/fixtures/packs/links/`): a link
 * to `more/other.md#a-section` reaches that section, ARIA references and SVG `url(#…)` name ids
 * that exist, and links to a reading or section the pack lacks are warnings at their place.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toString} from 'hast-util-to-string'
import {PDFArray, PDFDict, PDFDocument, PDFName, PDFRef} from 'pdf-lib'
import {visit} from 'unist-util-visit'
import {beforeAll, describe, expect, it} from 'vitest'
import {epubFiles, fixturesRoot, folio, pdfLayout, pdfPages, temporaryFolder, type CliResult} from './helpers/index.ts'

const input = path.join(fixturesRoot, 'packs', 'links')
// Smart typography curls the apostrophe.
const sectionLink = 'the other reading’s section'

function elements(tree: Root, test: (element: Element) => boolean): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node: Element) => {
    if (test(node)) found.push(node)
  })
  return found
}

function byText(tree: Root, tagName: string, text: string): Element | undefined {
  return elements(tree, (node) => node.tagName === tagName && toString(node).replace(/\s+/g, ' ').trim() === text)[0]
}

function byId(tree: Root, id: string): Element | undefined {
  return elements(tree, (node) => node.properties['id'] === id)[0]
}

function idList(element: Element, key: string): string[] {
  const value = element.properties[key]
  return Array.isArray(value)
    ? value.map(String)
    : String(value ?? '')
        .split(/\s+/)
        .filter(Boolean)
}

/** Every link annotation of the PDF: its page (1-based), rectangle and named destination's page. */
async function pdfLinks(file: string): Promise<Array<{page: number; rect: number[]; dest: string; destPage: number}>> {
  const document = await PDFDocument.load(readFileSync(file))
  const pages = document.getPages()
  const dests = document.catalog.lookup(PDFName.of('Dests'), PDFDict)
  const links: Array<{page: number; rect: number[]; dest: string; destPage: number}> = []
  for (const [index, page] of pages.entries()) {
    const annots = page.node.Annots()
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = annots!.lookup(i, PDFDict)
      if (annot.get(PDFName.of('Subtype')) !== PDFName.of('Link')) continue
      const dest = annot.get(PDFName.of('Dest'))
      if (!(dest instanceof PDFName)) continue
      const target = dests.lookup(dest, PDFArray).get(0)
      const rect = annot.lookup(PDFName.of('Rect'), PDFArray).asRectangle()
      links.push({
        page: index + 1,
        rect: [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height],
        dest: dest.decodeText(),
        destPage: pages.findIndex((candidate) => target instanceof PDFRef && candidate.ref === target) + 1
      })
    }
  }
  return links
}

describe('links and ids across readings', () => {
  let run: CliResult
  let out: string
  let html: Root

  beforeAll(() => {
    out = temporaryFolder()
    run = folio([input, '--out', out], {SOURCE_DATE_EPOCH: '1700000000'})
    html = fromHtml(readFileSync(path.join(out, 'links-between-readings.html'), 'utf8'))
  }, 600_000)

  it('warns at its place about a link to a reading or a section the pack lacks, and still builds', () => {
    expect(run.status).toBe(0)
    const printed = run.stdout + run.stderr
    expect(printed).toMatch(/one\.md:8:19: warning Unexpected link to `missing\.md#x`, expected .*\(folio:missing-link-target\)/)
    expect(printed).toMatch(/one\.md:9:1: warning Unexpected link to `more\/other\.md#no-such-section`, expected /)
  })

  it('web page: the link reaches the section, ARIA and url(#…) name existing ids, dead links keep only their text', () => {
    const link = byText(html, 'a', sectionLink)!
    const href = String(link.properties['href'])
    expect(href).toMatch(/^#/)
    expect(toString(byId(html, href.slice(1))!)).toBe('A section')
    const whole = byText(html, 'a', 'the other reading itself')!
    expect(toString(byId(html, String(whole.properties['href']).slice(1))!)).toContain('Other')
    expect(toString(byId(html, String(byText(html, 'a', 'the first reading')!.properties['href']).slice(1))!)).toContain('One')

    const table = elements(html, (node) => node.tagName === 'table')[0]!
    expect(idList(table, 'ariaDescribedBy').map((id) => toString(byId(html, id)!))).toEqual(['The table counts nothing in particular.'])
    expect(idList(table, 'ariaLabelledBy').map((id) => toString(byId(html, id)!))).toEqual(['Counts'])
    const fill = String(elements(html, (node) => node.tagName === 'rect')[0]!.properties['fill'])
    expect(byId(html, /^url\(#(.+)\)$/.exec(fill)![1]!)?.tagName).toBe('linearGradient')

    expect(byText(html, 'a', 'a reading that is not in the pack')).toBeUndefined()
    expect(byText(html, 'span', 'a reading that is not in the pack')).toBeDefined()
    expect(byText(html, 'span', 'a section the other reading lacks')).toBeDefined()
  })

  it('PDF: the link is an annotation over its words whose destination is the page where the section is printed', async () => {
    const file = path.join(out, 'links-between-readings.pdf')
    const href = String(byText(html, 'a', sectionLink)!.properties['href'])
    const pages = pdfPages(file)
    const sectionPage = pages.findIndex((text) => /^\s*A section\s*$/m.test(text)) + 1
    const linkPage = pages.findIndex((text) => text.includes('points at the other')) + 1
    expect(sectionPage).toBeGreaterThan(linkPage + 1)

    const links = (await pdfLinks(file)).filter((link) => link.dest === href.slice(1))
    expect(links).toHaveLength(1)
    const [link] = links
    expect(link!.page).toBe(linkPage)
    expect(link!.destPage).toBe(sectionPage)
    // The annotation covers the words of the link (pdftotext measures from the top).
    const layout = pdfLayout(file)[linkPage - 1]!
    const [x0, y0, x1, y1] = link!.rect as [number, number, number, number]
    const covered = layout.words.filter(
      (word) => word.xMin >= x0 - 1 && word.xMax <= x1 + 1 && layout.height - word.yMax >= y0 - 2 && layout.height - word.yMin <= y1 + 2
    )
    expect(covered.map((word) => word.text).join(' ')).toBe(sectionLink)
  })

  it('EPUB: the link names the section’s file and id, and ARIA references stay in their document', async () => {
    const files = await epubFiles(path.join(out, 'links-between-readings.epub'))
    const documents = [...files].filter(([name]) => name.endsWith('.xhtml')).map(([name, text]) => [name, fromHtml(text)] as const)
    const [, linking] = documents.find(([, tree]) => byText(tree, 'a', sectionLink))!
    const [file, id] = String(byText(linking, 'a', sectionLink)!.properties['href']).split('#') as [string, string]
    const target = documents.find(([name]) => path.posix.basename(name) === file)
    expect(target, `${file} is in the package`).toBeDefined()
    expect(toString(byId(target![1], id)!)).toBe('A section')

    const table = elements(linking, (node) => node.tagName === 'table')[0]!
    expect(idList(table, 'ariaDescribedBy').map((ref) => toString(byId(linking, ref)!))).toEqual(['The table counts nothing in particular.'])
    expect(idList(table, 'ariaLabelledBy').map((ref) => toString(byId(linking, ref)!))).toEqual(['Counts'])
    expect(byText(linking, 'span', 'a reading that is not in the pack')).toBeDefined()
  })
})
