/**
 * A part's introduction is read like a reading, notes and all: its notes are shown in every
 * edition (at the foot of the part's page in print, after the introduction on the web and in
 * the EPUB), and its references lead to them.
 */
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {contentDocuments, epubFiles, expectEpubcheckPasses, folio, pdfPages, squash, temporaryFolder, textOf} from './helpers/index.ts'

const noteText = 'The syllabus lists the week’s seminar questions.'

describe('a part’s introduction with a note', () => {
  let out: string
  beforeAll(() => {
    const pack = temporaryFolder()
    writeFileSync(path.join(pack, 'week.md'), `This week opens the course.[^q] It reads one essay.\n\n[^q]: ${noteText}\n`)
    writeFileSync(
      path.join(pack, 'essay.md'),
      ['---', 'title: An essay', 'author: Ada Example', '---', '', 'The essay’s own text.[^e]', '', '[^e]: The essay’s own note.', ''].join('\n')
    )
    writeFileSync(
      path.join(pack, 'pack.yaml'),
      ['title: A pack in weeks', 'lang: en', 'readings:', '  - part: Week 1', '    intro: week.md', '    readings:', '      - essay.md', ''].join('\n')
    )
    out = temporaryFolder()
    const run = folio([pack, '--out', out], {SOURCE_DATE_EPOCH: '1700000000'})
    expect(run.status, run.stderr).toBe(0)
    expect(run.stderr).not.toMatch(/warning/)
  }, 120_000)
  const file = (extension: string) =>
    path.join(
      out,
      readdirSync(out).find((name) => name.endsWith(extension) && name !== 'index.html')!
    )

  it('shows the note after the introduction on the web page, its reference leading to it', () => {
    const web = readFileSync(file('.html'), 'utf8')
    const start = web.indexOf('<section class="part"')
    expect(start).toBeGreaterThan(0)
    const part = web.slice(start, web.indexOf('<article', start))
    expect(textOf(part)).toContain(noteText)
    const href = /<a[^>]*href="#([^"]+)"[^>]*>1<\/a>/.exec(part)?.[1]
    expect(href).toBeTruthy()
    expect(part).toContain(`id="${href}"`)
  })

  it('puts the note at the foot of the part’s page in print', () => {
    const pages = pdfPages(file('.pdf'))
    const partPage = pages.findIndex((page) => page.includes('Week 1') && page.includes('This week opens the course'))
    expect(partPage).toBeGreaterThanOrEqual(0)
    expect(squash(pages[partPage]!)).toContain(squash(noteText))
    expect(pages.filter((page) => squash(page).includes(squash(noteText)))).toHaveLength(1)
  })

  it('gives the note an aside in the part’s EPUB document', async () => {
    const documents = contentDocuments(await epubFiles(file('.epub')))
    const part = documents.get('part-1.xhtml')!
    expect(part).toMatch(/<aside[^>]*role="doc-footnote"/)
    expect(textOf(part)).toContain(noteText)
    const href = /<a[^>]*href="#([^"]+)"[^>]*role="doc-noteref"|<a[^>]*role="doc-noteref"[^>]*href="#([^"]+)"/.exec(part)
    const target = href?.[1] ?? href?.[2]
    expect(target).toBeTruthy()
    expect(part).toContain(`id="${target}"`)
    expectEpubcheckPasses(file('.epub'))
  })
})
