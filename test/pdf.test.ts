/**
 * The print edition as a file and as pages: fonts that travel with it, metadata, one clock,
 * paper, addresses on paper, notes that continue over a page, and the composer's own checks.
 */
import {execFileSync} from 'node:child_process'
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {writeSyntheticPack} from './helpers/synthetic-pack.ts'
import {BrowserSession} from '../src/browser/session.ts'
import {build} from '../src/build.ts'
import type {ComposeResult} from '../src/render/pdf/model.ts'
import type {PagePlan} from '../src/render/pdf/model.ts'
import {renderPdf} from '../src/render/pdf/index.ts'
import {bodyText, fixturesRoot, folio, pdfInfo, pdfLayout, pdfOutline, pdfPages, projectRoot, squash, temporaryFolder} from './helpers/index.ts'

function onlyPdf(out: string): string {
  return path.join(
    out,
    readdirSync(out).find((name) => name.endsWith('.pdf'))!
  )
}

describe('the default pack in print, on a machine with no fonts', () => {
  let pdf: string
  beforeAll(() => {
    const config = path.join(temporaryFolder(), 'fonts.conf')
    writeFileSync(config, '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>/nonexistent-fonts</dir></fontconfig>\n')
    const out = temporaryFolder()
    const run = folio(['--format', 'pdf', '--out', out], {FONTCONFIG_FILE: config})
    expect(run.status, run.stderr).toBe(0)
    pdf = onlyPdf(out)
  })

  it('keeps every word, set in the project’s own embedded fonts', () => {
    const article = readFileSync(path.join(projectRoot, 'content/iom-and-the-trump-administration.md'), 'utf8').split(/^---$/m)[2]!
    const text = squash(bodyText(pdfLayout(pdf)))
    for (const paragraph of article.trim().split(/\n\n+/)) {
      for (const piece of paragraph.replace(/^\*|\*$/g, '').split(/\s*\[@[^\]]*\]/)) expect(text).toContain(squash(piece.replace(/^[.,;:]/, '')))
    }
    const fonts = execFileSync('pdffonts', [pdf], {encoding: 'utf8'}).split('\n').slice(2).filter(Boolean)
    expect(fonts.length).toBeGreaterThan(2)
    for (const font of fonts) {
      expect(font).toMatch(/^[A-Z]{6}\+Source(Serif4|Sans3|CodePro)/)
      expect(font.split(/\s+/).slice(-5, -2)).toEqual(['yes', 'yes', 'yes'])
    }
  })

  it('says what it is: tagged, titled, authored, in its language, made by Folio, with bookmarks', () => {
    const info = pdfInfo(pdf)
    expect(info['Tagged']).toBe('yes')
    expect(info['Title']).toBe('Migration governance under pressure')
    expect(info['Author']).toBe('The Folio editors, Sabine Dini, Shoshana Fine, Antoine Pécoud')
    expect(info['Subject']).toBe('A sample course pack made with Folio')
    expect(info['Creator']).toBe('Folio')
    expect(execFileSync('mutool', ['show', pdf, 'trailer/Root/Lang'], {encoding: 'utf8'}).trim()).toBe('(en-GB)')
    expect(pdfOutline(pdf).map(([depth, title, page]) => [depth, title, page])).toEqual(
      expect.arrayContaining([
        [1, 'Contents', 3],
        [1, 'Introduction', 4],
        [1, 'The IOM and its donors', 5],
        [2, 'The IOM and the Trump administration: a turning point in the organization’s history?', 6],
        [1, 'About the authors', 9]
      ])
    )
  })

  it('lists the part and the readings in its contents with the pages they start on, after the notice', () => {
    const pages = pdfPages(pdf)
    expect(pages[1]).toContain('Its source states no licence')
    expect(pages[2]).toMatch(/Introduction\s+4\b/)
    expect(pages[2]).toMatch(/The IOM and its donors\s+5\b/)
    expect(pages[2]).toMatch(/organization’s\s+6\b/)
    expect(pages[2]).toMatch(/About the authors\s+9\b/)
    expect(pages[3]!.trimStart()).toMatch(/^Introduction/)
    expect(pages[4]!.trimStart()).toMatch(/^The IOM and its donors/)
    expect(pages[5]!.trimStart()).toMatch(/^The IOM and the Trump/)
    expect(pages[8]!.trimStart()).toMatch(/^About the authors/)
  })
})

describe('one clock', () => {
  it('writes SOURCE_DATE_EPOCH as the only date, and two builds are the same bytes', () => {
    const [first, second] = [temporaryFolder(), temporaryFolder()]
    for (const out of [first, second]) expect(folio(['--format', 'pdf', '--out', out], {SOURCE_DATE_EPOCH: '1700000000'}).status).toBe(0)
    const bytes = readFileSync(onlyPdf(first))
    expect(bytes.equals(readFileSync(onlyPdf(second)))).toBe(true)
    const dates = bytes.toString('latin1').match(/D:\d{8,14}[^)]*/g)
    expect(new Set(dates)).toEqual(new Set(['D:20231114221320Z']))
  })
})

describe('paper and links', () => {
  let pdf: string
  beforeAll(() => {
    const out = temporaryFolder()
    expect(folio([path.join(fixturesRoot, 'pdf/letter'), '--format', 'pdf', '--out', out]).status).toBe(0)
    pdf = onlyPdf(out)
  })

  it('prints on US Letter when the pack asks for it', () => {
    expect(pdfInfo(pdf)['Page size']).toMatch(/^612 x 792 pts/)
  })

  it('keeps words whole in the text layer, ligatures included', () => {
    const text = pdfPages(pdf).join('\n')
    expect(text).not.toContain('\u00ad')
    expect(squash(text)).toContain(squash('It is difficult to find the office that deals with trafficking, and the affiliations affect the difference.'))
  })

  it('prints an external link’s address after it, once', () => {
    const text = squash(bodyText(pdfLayout(pdf), 10))
    expect(text).toContain(squash('Global Compact (https://www.un.org/en/migration2022/global-compact-for-migration)'))
    expect(text).toContain(squash('https://example.org/already-visible, is left alone'))
  })
})

describe('composition', () => {
  let layout: {plan: PagePlan; composed: ComposeResult}
  let pdf: Uint8Array
  beforeAll(async () => {
    const folder = writeSyntheticPack(path.join(temporaryFolder(), 'pack'), {readings: 14, seed: 3})
    // One reading with a note far too long for the foot of one page.
    const long = Array.from({length: 60}, (_, index) => `Sentence ${index + 1} of a very long note that has to continue on the next page.`).join(' ')
    // Figures too tall for what is left of most pages, so some must float.
    writeFileSync(
      path.join(folder, 'figures', 'chart.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 260" width="400" height="520"><title>A tall chart</title><rect x="10" y="10" width="180" height="240" fill="#7a1f1f"/></svg>\n'
    )
    const reading = path.join(folder, 'reading-002.md')
    writeFileSync(reading, readFileSync(reading, 'utf8').replace('[^first]: ', `[^first]: ${long} `))
    const result = await build({input: folder, outDir: temporaryFolder(), formats: [], cache: false})
    const session = new BrowserSession()
    try {
      pdf = await renderPdf(result.pack!, {
        session,
        images: (relative) => readFileSync(path.join(folder, relative)),
        problems: [],
        date: new Date(0),
        sourceDate: new Date(0),
        onLayout: (value) => void (layout = value)
      })
    } finally {
      await session.close()
    }
  })

  it('keeps flow and notes apart, leaves no single line of a paragraph alone, no heading at a foot', () => {
    expect(layout.composed.overflowing).toEqual([])
    expect(layout.composed.lonelyLines).toEqual([])
    expect(layout.composed.strandedHeadings).toEqual([])
    expect(layout.plan.pages.filter((page) => page.overfull)).toEqual([])
  })

  it('floats figures that do not fit to the top of the next page', () => {
    const deferred = layout.plan.pages.flatMap((page, index) => (page.deferred === undefined ? [] : [index]))
    expect(deferred.length).toBeGreaterThan(0)
    for (const index of deferred) expect(layout.plan.pages[index + 1]!.float).toBe(layout.plan.pages[index]!.deferred)
  })

  it('continues a long note at the foot of the next page', () => {
    const split = layout.plan.pages.findIndex((page) => page.notes.some((part) => part.fromLine === 0 && part.toLine !== -1))
    expect(split).toBeGreaterThan(-1)
    const note = layout.plan.pages[split]!.notes.find((part) => part.toLine !== -1)!.note
    expect(layout.plan.pages[split + 1]!.notes[0]).toMatchObject({note, fromLine: expect.any(Number)})
    const file = path.join(temporaryFolder(), 'composition.pdf')
    writeFileSync(file, pdf)
    const pages = pdfPages(file)
    expect(squash(pages[split]!)).toContain(squash('Sentence 1 of a very long note'))
    expect(squash(pages[split]!)).not.toContain(squash('Sentence 60 of'))
    expect(squash(pages[split + 1]!)).toContain(squash('Sentence 60 of a very long note'))
  })
})
