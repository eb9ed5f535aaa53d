/**
 * Pandoc's citation syntax, case by case, through the real pipeline with a bibliography in
 * memory: what becomes a citation, what stays text, and where problems are reported.
 */
import {toHtml} from 'hast-util-to-html'
import {toString} from 'hast-util-to-string'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {createCitationContext} from '../src/citations/context.ts'
import type {CslItem} from '../src/citations/citeproc.ts'
import {locatorLabels, parseLocator} from '../src/citations/locators.ts'
import {bundledLocale, bundledStyle} from '../src/citations/style-store.ts'
import {formatMessages} from '../src/cli/report-text.ts'
import {readFrontMatter} from '../src/load/read-front-matter.ts'
import {linkReadings} from '../src/pack/links.ts'
import {PackImages} from '../src/load/pack-images.ts'
import {createPipeline} from '../src/transform/pipeline.ts'

const records: CslItem[] = [
  {id: 'doe2001', type: 'book', title: 'A known book', author: [{family: 'Doe', given: 'Jane'}], publisher: 'Example Press', issued: {'date-parts': [[2001]]}},
  {id: 'Müller:2019/x.y', type: 'book', title: 'Ein Buch', author: [{family: 'Müller', given: 'Jürgen'}], issued: {'date-parts': [[2019]]}},
  {id: 'odd(key)', type: 'book', title: 'Odd', author: [{family: 'Roe', given: 'Rita'}], issued: {'date-parts': [[2005]]}}
]

/** `matter` is more front matter, after `title: T` on line 2. */
async function run(markdown: string, style = 'apa', matter = '') {
  const file = new VFile({path: '/pack/article.md', value: `---\ntitle: T\n${matter}---\n\n${markdown}\n`})
  readFrontMatter(file)
  file.data.citationSetup = {
    items: new Map(records.map((item) => [item.id, item])),
    style: bundledStyle(style)!,
    locales: new Map([['en-US', bundledLocale('en-US')!]]),
    lang: 'en-US',
    pack: undefined
  }
  const pipeline = createPipeline({root: '/pack', checkImage: new PackImages('/pack').check, citations: createCitationContext()})
  const tree = await pipeline.run(pipeline.parse(file), file)
  // Ids as every edition gets them: prefixed and linked at the pack level.
  linkReadings([{id: 'r1', file, tree, notes: file.data.notes ?? [], headings: file.data.headings ?? []}])
  return {
    text: toString(tree).trim(),
    html: toHtml(tree),
    notes: (file.data.notes ?? []).map((note) => toString({type: 'root', children: note.children}).trim()),
    messages: formatMessages([file], '/pack')
  }
}

describe('citation syntax', () => {
  it('reads bracketed, in-text, suppressed and located citations', async () => {
    const {text} = await run('A [@doe2001]. B [see @doe2001, p. 30]. C @doe2001 says. D @doe2001 [p. 4] says. E [-@doe2001, chap. 2].')
    expect(text).toContain('A (Doe, 2001).')
    expect(text).toContain('B (see Doe, 2001, p. 30).')
    expect(text).toContain('C Doe (2001) says.')
    expect(text).toContain('D Doe (2001, p. 4) says.')
    expect(text).toContain('E (2001, Chapter 2).')
  })

  it('keeps Markdown in prefixes and suffixes', async () => {
    const {html} = await run('See [*compare* @doe2001, 12 and **passim**].')
    expect(html).toContain('<i>compare</i>')
    expect(html).toContain('p. 12 and <b>passim</b>')
  })

  it('reads keys with Unicode and inner punctuation, and keys in braces', async () => {
    const {text, messages} = await run('[@Müller:2019/x.y, 3]. And [@{odd(key)}].')
    expect(text).toContain('(Müller, 2019, p. 3)')
    expect(text).toContain('(Roe, 2005)')
    expect(messages).toEqual([])
  })

  it('leaves e-mail addresses, escaped @ and brackets, and link references alone', async () => {
    const {text, html} = await run('Mail doe@example.org. Type \\@doe2001. See \\[not @doe2001]. A [@doe2001] link.\n\n[@doe2001]: https://example.org/')
    expect(html).toContain('href="mailto:doe@example.org"')
    expect(text).toContain('Type @doe2001.')
    expect(text).toContain('See [not Doe (2001)].')
    expect(html).toContain('<a href="https://example.org/">@doe2001</a>')
  })

  it('turns note-style citations into notes numbered with the author’s own, moving punctuation', async () => {
    const {text, notes} = await run(
      'One [@doe2001].[^a] Two [@doe2001, 5], three @doe2001.\n\n[^a]: A note citing [@doe2001, 9].',
      'chicago-fullnote-bibliography'
    )
    expect(text).toMatch(/^One\.1,2 Two,3 three Doe4\./)
    expect(notes).toEqual(['Jane Doe, A Known Book (Example Press, 2001).', 'A note citing (Doe, 9).', 'Doe, 5.', 'A Known Book.'])
  })

  it('reports an unknown key in `nocite` at the value that names it, and lists the known ones', async () => {
    const listed = await run('No citation here.', 'apa', "nocite:\n  - '@doe2001'\n  - '@nope'\n")
    expect(listed.messages).toEqual(['article.md:5:5: warning Unexpected key `nope` in `nocite`, expected a key in the bibliography (folio:citation-key)'])
    expect(listed.text).toContain('A known book')
    const written = await run('Text.', 'apa', 'nocite: "@doe2001, @nope"\n')
    expect(written.messages).toEqual(['article.md:3:9: warning Unexpected key `nope` in `nocite`, expected a key in the bibliography (folio:citation-key)'])
  })

  it('marks a missing key and reports where it is, with the keys it may have meant', async () => {
    const {html, messages} = await run('Known [@doe2001] and not [@doe2010].')
    expect(html).toContain('<span class="citation-missing">doe2010?</span>')
    expect(messages).toEqual([
      'article.md:5:27: warning Unexpected citation key `doe2010`, expected a key in the bibliography (did you mean `doe2001`?) (folio:citation-key)'
    ])
  })

  it('keeps a note for a missing key in a note style, so the numbering stays the author’s', async () => {
    const {text, notes} = await run('Unknown [@nosuch, p. 4]. Known [@doe2001].', 'chicago-fullnote-bibliography')
    expect(text).toMatch(/^Unknown\.1 Known\.2/)
    expect(notes).toEqual(['nosuch?, 4.', 'Jane Doe, A Known Book (Example Press, 2001).'])
  })

  it('adds a bibliography of the works cited, which citations link to', async () => {
    const {html} = await run('Only [@doe2001].')
    expect(html).toContain('<section class="references" id="r1-refs" role="doc-bibliography">')
    expect(html).toContain('<a href="#r1-ref-doe2001">Doe, 2001</a>')
    expect(html).toContain('id="r1-ref-doe2001"')
    expect(html).not.toContain('doc-biblioentry')
    expect(html).not.toContain('Müller')
  })
})

describe('locators', () => {
  const labels = locatorLabels([bundledLocale('en-US')!])
  const cases: Array<[string, ReturnType<typeof parseLocator>]> = [
    [', p. 30', {label: 'page', locator: '30', rest: ''}],
    [', 30–31', {label: 'page', locator: '30–31', rest: ''}],
    [', pp. 33, 35-37, and nowhere else', {label: 'page', locator: '33, 35-37', rest: ', and nowhere else'}],
    [', chap. 2', {label: 'chapter', locator: '2', rest: ''}],
    [', sec. 4.2', {label: 'section', locator: '4.2', rest: ''}],
    [', para. 12', {label: 'paragraph', locator: '12', rest: ''}],
    [', n. 5', {label: 'note', locator: '5', rest: ''}],
    [', vol. iv', {label: 'volume', locator: 'iv', rest: ''}],
    [', § 3', {label: 'section', locator: '3', rest: ''}],
    [', {pp. iv, vi-xi} and more', {label: 'page', locator: 'iv, vi-xi', rest: ' and more'}],
    [', 34(1) and elsewhere', {label: 'page', locator: '34(1)', rest: ' and elsewhere'}],
    [' and more', undefined],
    [', sec. A', undefined]
  ]
  for (const [suffix, expected] of cases) {
    it(`reads "${suffix}"`, () => expect(parseLocator(suffix, labels)).toEqual(expected))
  }
})

describe('CSL-JSON and CSL-YAML records', () => {
  it('takes dates and names as people write them', async () => {
    const {normalizeRecord} = await import('../src/citations/records.ts')
    expect(normalizeRecord({id: 1, type: 'book', issued: '2010-05', author: ['Doe, Jane', 'World Bank'], accessed: '2010/2012'})).toEqual({
      id: '1',
      type: 'book',
      issued: {'date-parts': [[2010, 5]]},
      accessed: {'date-parts': [[2010], [2012]]},
      author: [{family: 'Doe', given: 'Jane'}, {literal: 'World Bank'}]
    })
    expect(normalizeRecord({type: 'book'})).toMatch(/without an `id`/)
  })
})
