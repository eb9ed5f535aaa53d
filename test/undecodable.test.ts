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
})
