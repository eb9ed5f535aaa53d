/**
 * Citations through the command, as the checks run it: the web page's notes and
 * bibliography with their ARIA roles, OSCOLA's back references, APA's in-text citations, and
 * the diagnostics (missing keys, broken entries, unknown styles, files outside the pack).
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {fixturesRoot, folio, squash, temporaryFolder, textOf} from './helpers/index.ts'

function buildHtml(input: string, extra: string[] = []) {
  const out = temporaryFolder()
  const run = folio([input, '--format', 'html', '--out', out, ...extra])
  const name = path.basename(input, '.md')
  return {run, html: run.status === 0 ? readFileSync(path.join(out, `${name}.html`), 'utf8') : ''}
}

const article = (style: string) => path.join(fixturesRoot, 'citations', style, 'input.md')
/** What a reader sees, spacing aside (markup boundaries add spaces in `textOf`). */
const seen = (html: string) => squash(textOf(html))
const cli = (name: string) => path.join(fixturesRoot, 'cli', 'citations', name)

describe('citations in the web page', () => {
  it('Chicago notes: one note per citation and hand-written note, with ARIA roles, and a bibliography', () => {
    const {run, html} = buildHtml(article('chicago-notes'))
    expect(run.status).toBe(0)
    expect(run.stderr).toBe('')
    expect(html.match(/role="doc-noteref"/g)).toHaveLength(13)
    const endnotes = /<section class="notes" role="doc-endnotes"[\s\S]*?<\/section>/.exec(html)?.[0] ?? ''
    expect(endnotes.match(/<li /g)).toHaveLength(13)
    expect(html).toMatch(/<section class="references" id="r1-refs" role="doc-bibliography">/)
    expect(seen(endnotes)).toContain(squash('See Antoine Pécoud, Depoliticising Migration'))
  })

  it('OSCOLA: later notes refer back to the first with (n N), and ibid', () => {
    const {html} = buildHtml(article('oscola'))
    const notes = seen(/<section class="notes"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '')
    expect(notes).toContain(squash('Geiger and Pécoud (n 1) 33, 35–37'))
    expect(notes).toContain(squash('Ashutosh and Mountz (n 2) 25.'))
    expect(notes).toContain(squash('Ibid 30.'))
  })

  it('APA: citations stay in the text; the only note is the hand-written one', () => {
    const {html} = buildHtml(article('apa'))
    expect(html.match(/role="doc-noteref"/g)).toHaveLength(1)
    const text = seen(html)
    expect(text).toContain(squash('(Geiger & Pécoud, 2010)'))
    expect(text).toContain(squash('Andrijasevic & Walters (2010, p. 980)'))
  })
})

describe('citation diagnostics', () => {
  it('warns about a missing key at its line and column, and still builds', () => {
    const {run, html} = buildHtml(cli('article.md'))
    expect(run.status).toBe(0)
    expect(run.stderr).toContain(
      'test/fixtures/cli/citations/article.md:8:46: warning Unexpected citation key `knwon`, expected a key in the bibliography (did you mean `known`?)'
    )
    expect(html).toContain('<span class="citation-missing">knwon?</span>')
  })

  it('warns about a bibliography entry it cannot read, naming the file and the entry, and keeps the others', () => {
    const {run, html} = buildHtml(cli('article.md'))
    expect(run.stderr).toMatch(/test\/fixtures\/cli\/citations\/references\.bib:8:1: warning Unexpected BibTeX in entry `broken` \(its braces do not balance\)/)
    expect(html).toContain('A Known Book')
  })

  it('fails with --strict when a key is missing', () => {
    const {run} = buildHtml(cli('article.md'), ['--strict'])
    expect(run.status).toBe(1)
  })

  it('names close matches for an unknown style', () => {
    const {run} = buildHtml(cli('unknown-style.md'))
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('unknown-style.md:4:6: error Unexpected style `oscolla`, expected the style `oscola` or a path to a .csl file')
  })

  it('refuses a bibliography outside the pack', () => {
    const {run} = buildHtml(cli('outside.md'))
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(
      "outside.md:3:15: error Unexpected bibliography `../../citations/apa/references.bib` outside the pack, expected a path under the pack's folder"
    )
  })
})
