/**
 * Scholarly Markdown in the three editions, from one build of `test/fixtures/packs/scholarly/`:
 * 126 display equations over KaTeX's functions (one written to fail), code in Rust, TOML and
 * shell with lines too long for the page, and a reading of figures, tables, sections and
 * equations referred to in every syntax, with curly quotes and dashes.
 */
import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {
  contentDocuments,
  epubFiles,
  expectEpubcheckPasses,
  fixturesRoot,
  folio,
  packageDocumentOf,
  pdfLayout,
  pdfPages,
  temporaryFolder,
  type CliResult,
  type PdfPage
} from './helpers/index.ts'

const input = path.join(fixturesRoot, 'packs', 'scholarly')
const name = 'scholarly-markdown'

/** TeX that must never show as text: it would mean math went out untypeset. */
const rawTex = /\\(frac|begin|sqrt|sum|alpha|mathbb|left|overbrace|xrightarrow|color)\b/

/** Markup without MathML annotations (which hold the TeX on purpose) and the failed expression. */
function withoutTexSources(markup: string): string {
  return markup.replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, '').replace(/alttext="[^"]*"/g, '')
}

describe('math, code, cross-references and typography', () => {
  let run: CliResult
  let out: string
  let html: string
  let pages: string[]
  let layout: PdfPage[]
  let xhtml: Map<string, string>
  let opf: string

  beforeAll(async () => {
    out = temporaryFolder()
    run = folio([input, '--out', out], {SOURCE_DATE_EPOCH: '1700000000'})
    html = readFileSync(path.join(out, `${name}.html`), 'utf8')
    pages = pdfPages(path.join(out, `${name}.pdf`))
    layout = pdfLayout(path.join(out, `${name}.pdf`))
    const files = await epubFiles(path.join(out, `${name}.epub`))
    xhtml = contentDocuments(files)
    opf = packageDocumentOf(files)
  }, 600_000)

  it('builds with exit 0 and exactly two warnings: the TeX written to fail and the unknown label, at their places', () => {
    expect(run.status).toBe(0)
    const warnings = (run.stdout + run.stderr).split('\n').filter((line) => line.includes(': warning '))
    expect(warnings).toHaveLength(2)
    expect(warnings.join('\n')).toMatch(/math\.md:262:1: warning Unexpected TeX `\\notacommand\{y\} \+ 1` .*\(folio:math\)/)
    expect(warnings.join('\n')).toMatch(/crossref\.md:48:\d+: warning Unexpected reference `@fig-nope`.*\(folio:crossref\)/)
  })

  it('EPUB: a <math> with alttext for each of the other 125 equations (and the inline one), the mathml property, EPUBCheck clean', () => {
    const [file, math] = [...xhtml].find(([filename]) => filename.includes('-math'))!
    // A math element's start tag, up to its content (`>` may stand unescaped in alttext).
    const display = math
      .split('<math ')
      .slice(1)
      .map((part) => part.slice(0, part.indexOf('><semantics>')))
      .filter((tag) => tag.includes('display="block"'))
    expect(display).toHaveLength(125)
    expect(display.every((tag) => /alttext="[^"]+"/.test(tag) && tag.includes('xmlns="http://www.w3.org/1998/Math/MathML"'))).toBe(true)
    expect(math).toContain('alttext="e^{i\\pi} + 1 = 0"')
    expect(math).toContain('$$\\notacommand{y} + 1$$')
    expect(withoutTexSources(math)).not.toMatch(rawTex)
    expect(opf).toMatch(new RegExp(`href="${file.replace('.', '\\.')}"[^>]*properties="mathml"`))
    expectEpubcheckPasses(path.join(out, `${name}.epub`))
  })

  it('web page and PDF: typeset math, no raw TeX outside annotations', () => {
    expect(html.match(/class="katex-display"/g)).toHaveLength(125 + 2)
    expect(withoutTexSources(html)).not.toMatch(rawTex)
    expect(html).toContain("font-family:'KaTeX_Main'")
    const text = pages.join('\n')
    expect(text).not.toMatch(rawTex)
    expect(text).toContain('\\notacommand{y} + 1')
    // Prices are not math (Pandoc's rule for dollars).
    expect(text).toMatch(/from \$5 to\s+\$10/)
  })

  it('highlights Rust, TOML and shell as classes in the web page and the EPUB, coloured in the PDF; no code runs past the text block', () => {
    for (const markup of [html, [...xhtml].find(([filename]) => filename.includes('-code'))![1]]) {
      expect(markup).toMatch(/<span class="pl-k">fn<\/span>/)
      expect(markup).toMatch(/<span class="pl-s"><span class="pl-pds">"<\/span>example<span class="pl-pds">"<\/span><\/span>/)
      expect(markup).toMatch(/<span class="pl-k">export<\/span>/)
      expect(markup).toContain('plain text')
    }
    const codePage = pages.findIndex((page) => page.includes('TOML:'))
    const stext = execFileSync('mutool', ['draw', '-F', 'stext', '-o', '-', path.join(out, `${name}.pdf`), String(codePage + 1)], {encoding: 'utf8'})
    const colours = new Set([...stext.matchAll(/color="(#[0-9a-f]{6})"/g)].map((match) => match[1]))
    expect(colours.size).toBeGreaterThanOrEqual(5)
    // The text block's right edge is where justified prose ends; code words stay inside it.
    const page = layout[codePage]!
    const prose = Math.max(...layout.flatMap((other) => other.lines.filter((line) => line.length > 8).map((line) => line.at(-1)!.xMax)))
    const code = page.words.filter((word) => /PATH|margin|println|hold/.test(word.text))
    expect(code.length).toBeGreaterThan(2)
    for (const word of code) expect(word.xMax).toBeLessThanOrEqual(prose + 1)
    // The long lines wrapped, and the continuation marks are not text.
    expect(pages[codePage]).not.toContain('↪')
  })

  it('reads Figure 1 … Equation (2) in every edition, with print pages that match where the targets are', () => {
    const expected = [
      'As Figure 1 shows, and as Figures 2',
      'Table 1 and Tables 1 and 2 show, with 2 last, Section 2.1 sits in Section 2',
      'By Equation (1) and Equations (1) and (2), see (2).',
      'See Section 1'
    ]
    const crossref = [...xhtml].find(([filename]) => filename.includes('-crossref'))![1]
    const plain = (markup: string) => markup.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')
    for (const sentence of expected) {
      expect(plain(html)).toContain(sentence)
      expect(plain(crossref)).toContain(sentence)
    }
    expect(plain(html)).toContain('An unknown label, ??, reads')
    const text = pages.join('\n').replace(/\s+/g, ' ')
    for (const sentence of ['As Figure 1 shows', 'Table 1 and Tables 1', 'By Equation (1) and Equations (1) and (2)']) expect(text).toContain(sentence)

    // Every "(p. N)" names the page where that figure's caption, table or section is.
    const references = [...text.matchAll(/(Figures?|and|Section|Sections) (\d(?:\.\d)?) \(p\. (\d+)\)/g)]
    expect(references.length).toBeGreaterThanOrEqual(3)
    for (const [, word, number, page] of references) {
      const target = pages[Number(page) - 1]!.replace(/\s+/g, ' ')
      const kind = /Section/.test(word!) ? 'section' : 'figure'
      if (kind === 'figure') expect(target).toContain(`Figure ${number}:`)
      else expect(target).toMatch(new RegExp(`(^|\\s)${number!.replace('.', '\\.')} [A-Z]`))
    }
  })

  it('curly quotes and dashes in every edition; code and math keep theirs', () => {
    const crossref = [...xhtml].find(([filename]) => filename.includes('-crossref'))![1]
    for (const markup of [html, crossref, pages.join('\n').replace(/\s+/g, ' ')]) {
      expect(markup).toContain('“Quoted” words – and ‘single’ ones — end here…')
      expect(markup).toMatch(/code (&quot;|")stays(&quot;|")/)
    }
  })
})
