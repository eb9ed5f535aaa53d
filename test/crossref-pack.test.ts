/**
 * `crossref: pack`: a reading refers to labels of the other readings of the pack, in every
 * edition, from one build of `test/fixtures/packs/crossref-pack/` (the first reading refers
 * to the second's figure and the third's table and equation, the second and third back to
 * the first); with numbering per reading, the same references are refused.
 */
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {
  contentDocuments,
  epubFiles,
  expectEpubcheckPasses,
  fixturesRoot,
  folio,
  pdfOutline,
  pdfPages,
  temporaryFolder,
  textOf,
  type CliResult
} from './helpers/index.ts'

const input = path.join(fixturesRoot, 'packs', 'crossref-pack')
const name = 'numbered-across-the-pack'

const sentences = {
  one: 'Compare Figure 1 with Figure 2, and Figures 1 and 2; see also Table 1 and Equation (1).',
  two: 'Here Figure 2 is this reading’s own, and Figure 1 is the first reading’s.',
  three: 'Back to Figure 2, and to figure 1. An unknown label, ??, reads as a warning.'
}

const plain = (markup: string) =>
  textOf(markup)
    .replace(/\s+/g, ' ')
    .replace(/ ([,.;)])/g, '$1')

describe('cross-references between the readings of a pack', () => {
  let run: CliResult
  let out: string
  let html: string
  let pages: string[]
  let xhtml: Map<string, string>

  beforeAll(async () => {
    out = temporaryFolder()
    run = folio([input, '--out', out], {SOURCE_DATE_EPOCH: '1700000000'})
    html = readFileSync(path.join(out, `${name}.html`), 'utf8')
    pages = pdfPages(path.join(out, `${name}.pdf`))
    xhtml = contentDocuments(await epubFiles(path.join(out, `${name}.epub`)))
  }, 600_000)

  it('builds with one warning, the unknown label, at its line and column', () => {
    expect(run.status).toBe(0)
    const warnings = (run.stdout + run.stderr).split('\n').filter((line) => line.includes(': warning '))
    expect(warnings).toEqual([
      expect.stringMatching(/sub\/three\.md:5:64: warning Unexpected reference `@fig-nowhere`, expected a label in a reading of the pack .*\(folio:crossref\)$/)
    ])
  })

  it('web page: each reading reads the others’ numbers, linked to the other reading’s figure, table and equation', () => {
    const text = plain(html)
    for (const sentence of Object.values(sentences)) expect(text).toContain(sentence)
    // The links land on the targets, whose ids carry their reading's prefix.
    expect(html).toMatch(/Compare <a href="#r1-fig-one" class="xref">Figure 1<\/a> with <a href="#r2-fig-two" class="xref">Figure 2<\/a>/)
    expect(html).toContain('<a href="#r3-tbl-three" class="xref">Table 1</a> and <a href="#r3-eq-three" class="xref">Equation (1)</a>')
    for (const id of ['r1-fig-one', 'r2-fig-two', 'r3-tbl-three', 'r3-eq-three']) expect(html).toMatch(new RegExp(`id="${id}"`))
    // A note of the second reading refers to the third's table.
    expect(html).toContain('The note names <a href="#r3-tbl-three" class="xref">Table 1</a>.')
  })

  it('EPUB: the same words, each link to the other reading’s document; EPUBCheck clean', () => {
    const one = xhtml.get('r001-one.xhtml')!
    const two = xhtml.get('r002-two.xhtml')!
    const three = xhtml.get('r003-three.xhtml')!
    expect(plain(one)).toContain(sentences.one)
    expect(plain(two)).toContain(sentences.two)
    expect(plain(three)).toContain(sentences.three)
    expect(one).toContain('<a href="r002-two.xhtml#r2-fig-two" class="xref">Figure 2</a>')
    expect(one).toContain('<a href="r003-three.xhtml#r3-tbl-three" class="xref">Table 1</a>')
    expect(three).toContain('<a href="r001-one.xhtml#r1-fig-one" class="xref">1</a>')
    expect(two).toContain('The note names <a href="r003-three.xhtml#r3-tbl-three" class="xref">Table 1</a>.')
    expect(two).toMatch(/<figure[^>]*id="r2-fig-two"/)
    // A heading's reference reads its number in the book's contents too.
    expect(plain(xhtml.get('toc.xhtml')!)).toContain('A table beside Figure 2')
    expectEpubcheckPasses(path.join(out, `${name}.epub`))
  })

  it('PDF: a reference to another reading reads its page, the page where that figure, table or equation is', () => {
    const text = pages.map((page) => page.replace(/\s+/g, ' '))
    const all = text.join(' ')
    // Figure 1 is on the page of the reference to it: no page number there.
    expect(all).toMatch(/Compare Figure 1 with Figure 2 \(p\. \d+\), and Figures 1 and 2 \(p\. \d+\)/)
    const pageOf = (pattern: RegExp) => text.findIndex((page) => pattern.test(page)) + 1
    const figureTwo = pageOf(/Figure 2: A green square/)
    const table = pageOf(/Table 1: A small table/)
    expect(figureTwo).toBeGreaterThan(0)
    expect(all).toContain(`with Figure 2 (p. ${figureTwo})`)
    expect(all).toContain(`Table 1 (p. ${table})`)
    expect(pdfOutline(path.join(out, `${name}.pdf`)).map(([, title]) => title)).toContain('A table beside Figure 2')
    expect(all).toContain(`Back to Figure 2 (p. ${figureTwo})`)
    expect(all).toContain(`and Figure 1 (p. ${pageOf(/Figure 1: A red rectangle/)}) is the first reading’s`)
  })

  it('warns at a label another reading has too, and links its references to the first', () => {
    const folder = temporaryFolder()
    cpSync(input, folder, {recursive: true})
    const three = path.join(folder, 'sub', 'three.md')
    const before = readFileSync(three, 'utf8')
    writeFileSync(three, `${before}\n![A blue square](../b.png){#fig-two}\n`)
    const line = before.split('\n').length + 1
    const alone = temporaryFolder()
    const result = folio([folder, '--out', alone, '--format', 'html'])
    expect(result.status).toBe(0)
    expect(result.stdout + result.stderr).toMatch(
      new RegExp(`sub/three\\.md:${line}:1: warning Unexpected label \`\\{#fig-two\\}\` that \`two\\.md\` has too, expected each label once`)
    )
    // The reference of the first reading still reads the second reading's figure.
    expect(plain(readFileSync(path.join(alone, `${name}.html`), 'utf8'))).toContain(sentences.one)
  }, 300_000)

  it('with numbering per reading, a label of another reading is refused: a warning at its place, and ??', () => {
    const folder = temporaryFolder()
    cpSync(input, folder, {recursive: true})
    const manifest = path.join(folder, 'pack.yaml')
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/^crossref: pack\n/m, ''))
    const alone = temporaryFolder()
    const result = folio([folder, '--out', alone, '--format', 'html'])
    expect(result.status).toBe(0)
    const output = result.stdout + result.stderr
    expect(output).toMatch(/one\.md:5:23: warning Unexpected reference `@fig-two`, expected a label in this reading/)
    expect(output).toMatch(/two\.md:9:\d+: warning Unexpected reference `@fig-one`/)
    const text = plain(readFileSync(path.join(alone, `${name}.html`), 'utf8'))
    expect(text).toContain('Compare Figure 1 with ??, and Figure 1; ??; see also ?? and ??.')
  }, 300_000)
})
