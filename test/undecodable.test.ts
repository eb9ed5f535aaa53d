/**
 * An image whose header is sound and whose pixels are not (a PNG cut off after its header)
 * passes the loader's checks; the browser cannot draw it. Every edition shows its text
 * alternative instead of a broken-image mark, and the build warns once, where the image is
 * first shown, again when the editions come from the cache.
 */
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {contentDocuments, epubFiles, fixturesRoot, folio, pdfPages, squash, temporaryFolder, textOf} from './helpers/index.ts'

describe('an image the browser cannot decode', () => {
  it('is its text alternative in the web page, the PDF and the EPUB, with one warning at its first use', {timeout: 300_000}, async () => {
    const pack = temporaryFolder()
    const png = readFileSync(path.join(fixturesRoot, 'epub/own-cover/cover.png'))
    // The signature and the header chunk: a size to read, no pixels.
    writeFileSync(path.join(pack, 'cut.png'), png.subarray(0, 33))
    writeFileSync(path.join(pack, 'whole.png'), png)
    writeFileSync(
      path.join(pack, 'one.md'),
      [
        '---',
        'title: First',
        'author: Ada Example',
        '---',
        '',
        'Before the image.',
        '',
        '![A cut-off chart](cut.png)',
        '',
        '![A whole picture](whole.png)',
        ''
      ].join('\n')
    )
    writeFileSync(path.join(pack, 'two.md'), ['---', 'title: Second', '---', '', 'Shown again: ![A cut-off chart](cut.png).', ''].join('\n'))
    writeFileSync(path.join(pack, 'pack.yaml'), ['title: Images that break', 'lang: en', 'readings:', '  - one.md', '  - two.md', ''].join('\n'))
    const cache = temporaryFolder()
    for (const round of ['cold', 'cached']) {
      const out = temporaryFolder()
      const run = folio([pack, '--out', out, '--cache', cache], {SOURCE_DATE_EPOCH: '1700000000'})
      expect(run.status, run.stderr).toBe(0)
      const warnings = run.stderr.split('\n').filter((line) => line.includes('cannot decode'))
      expect(warnings, round).toHaveLength(1)
      expect(warnings[0], round).toMatch(/one\.md:8:1: warning Unexpected image `cut\.png` that the browser cannot decode, expected a readable image/)
      const file = (extension: string) =>
        path.join(
          out,
          readdirSync(out).find((name) => name.endsWith(extension) && name !== 'index.html')!
        )

      const web = readFileSync(file('.html'), 'utf8')
      expect(textOf(web), round).toContain('[A cut-off chart]')
      expect(web.match(/<img /g) ?? [], round).toHaveLength(1)
      expect(web, round).toContain('alt="A whole picture"')

      const printed = squash(pdfPages(file('.pdf')).join('\n'))
      expect(printed.split(squash('[A cut-off chart]')).length - 1, round).toBe(2)

      const documents = contentDocuments(await epubFiles(file('.epub')))
      const text = [...documents.values()].map(textOf).join('\n')
      expect(text.split('[A cut-off chart]').length - 1, round).toBe(2)
      expect([...documents.values()].join('\n'), round).not.toMatch(/src="[^"]*cut/)
    }
  })

  it('is found in a part introduction’s note, which is shown before the part’s readings', {timeout: 120_000}, () => {
    const pack = temporaryFolder()
    const png = readFileSync(path.join(fixturesRoot, 'epub/own-cover/cover.png'))
    writeFileSync(path.join(pack, 'cut.png'), png.subarray(0, 33))
    writeFileSync(path.join(pack, 'week.md'), 'The week opens.[^i]\n\n[^i]: Its note shows ![A cut-off map](cut.png).\n')
    writeFileSync(path.join(pack, 'essay.md'), ['---', 'title: An essay', '---', '', '![A cut-off map](cut.png)', ''].join('\n'))
    writeFileSync(
      path.join(pack, 'pack.yaml'),
      ['title: Weeks', 'lang: en', 'readings:', '  - part: Week 1', '    intro: week.md', '    readings:', '      - essay.md', ''].join('\n')
    )
    const out = temporaryFolder()
    const run = folio([pack, '--out', out, '--format', 'html', '--no-cache'])
    expect(run.status, run.stderr).toBe(0)
    const warnings = run.stderr.split('\n').filter((line) => line.includes('cannot decode'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/week\.md:3:22: warning Unexpected image `cut\.png`/)
    const web = readFileSync(
      path.join(
        out,
        readdirSync(out).find((name) => name.endsWith('.html') && name !== 'index.html')!
      ),
      'utf8'
    )
    expect(web.match(/<img /g) ?? []).toHaveLength(0)
    expect(textOf(web).split('[A cut-off map]').length - 1).toBe(2)
  })
})
