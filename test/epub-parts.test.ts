/**
 * The EPUB's pure parts, one by one: metadata from the pack, ids as XML names, the contents
 * tree, the style sheet for old reading systems, SVG files made safe, accessibility claims,
 * a bibliography's own document.
 */
import {h} from 'hastscript'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import type {Pack, Reading} from '../src/pack/model.ts'
import {accessibilityMetadata} from '../src/render/epub/accessibility.ts'
import {prepareBook} from '../src/render/epub/book.ts'
import {headingTree} from '../src/render/epub/documents.ts'
import {xmlName} from '../src/pack/links.ts'
import {bookDescription, bookIdentifier, modificationDate} from '../src/render/epub/metadata.ts'
import {tocEntries} from '../src/render/epub/nav.ts'
import {resolveCustomProperties} from '../src/render/epub/stylesheet.ts'
import {cleanSvg} from '../src/render/epub/svg-files.ts'

function reading(title: string, source: string, extra: Partial<Reading['matter']> = {}): Reading {
  return {
    kind: 'reading',
    id: 'r1',
    number: 1,
    file: new VFile({path: '/pack/a.md', value: source}),
    matter: {title, ...extra},
    lang: 'en',
    tree: {type: 'root', children: []},
    notes: [],
    headings: [],
    authorIds: [],
    images: [],
    slug: 'a',
    part: undefined,
    notice: undefined,
    pdf: undefined
  }
}

function pack(overrides: Partial<Pack> = {}): Pack {
  const readings = overrides.readings ?? [reading('One', 'first text')]
  return {
    entries: readings,
    course: undefined,
    notice: undefined,
    title: 'A pack',
    subtitle: undefined,
    lang: 'en',
    date: undefined,
    publisher: undefined,
    rights: undefined,
    abstract: undefined,
    keywords: [],
    identifier: undefined,
    paper: 'a4',
    slug: 'a-pack',
    editorIds: [],
    readings,
    people: [],
    root: '/pack',
    single: false,
    cover: undefined,
    ...overrides
  }
}

describe('bookIdentifier', () => {
  it('writes a configured ISBN as a URN, however it was typed', () => {
    expect(bookIdentifier(pack({identifier: '978-3-16-148410-0'}))).toBe('urn:isbn:9783161484100')
    expect(bookIdentifier(pack({identifier: 'urn:isbn:0-306-40615-2'}))).toBe('urn:isbn:0306406152')
    expect(bookIdentifier(pack({identifier: 'ISBN 0 306 40615 x'}))).toBe('urn:isbn:030640615X')
  })

  it('keeps any other configured identifier as it is', () => {
    expect(bookIdentifier(pack({identifier: 'doi:10.1000/182'}))).toBe('doi:10.1000/182')
    expect(bookIdentifier(pack({identifier: 'urn:uuid:0b5e1c7a-6d7e-4c36-9f0b-2f4e0d3c2a11'}))).toBe('urn:uuid:0b5e1c7a-6d7e-4c36-9f0b-2f4e0d3c2a11')
  })

  it('derives a UUID from the content: the same for the same pack, another for another text', () => {
    const first = bookIdentifier(pack())
    expect(first).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(bookIdentifier(pack())).toBe(first)
    expect(bookIdentifier(pack({readings: [reading('One', 'first text, revised')]}))).not.toBe(first)
  })
})

describe('modificationDate', () => {
  const now = new Date('2030-01-02T03:04:05.678Z')

  it('is SOURCE_DATE_EPOCH when it is set', () => {
    expect(modificationDate(pack({date: '2025-05'}), {sourceDate: new Date(1_700_000_000_000), date: now})).toBe('2023-11-14T22:13:20Z')
  })

  it('is else the start of the pack’s date, or of its newest reading’s', () => {
    expect(modificationDate(pack({date: '2025-05'}), {sourceDate: undefined, date: now})).toBe('2025-05-01T00:00:00Z')
    expect(modificationDate(pack({date: '2024'}), {sourceDate: undefined, date: now})).toBe('2024-01-01T00:00:00Z')
    const readings = [reading('One', 'a', {date: '2021-03-04'}), reading('Two', 'b', {date: '2022-11'})]
    expect(modificationDate(pack({readings}), {sourceDate: undefined, date: now})).toBe('2022-11-01T00:00:00Z')
  })

  it('is the build’s clock only when nothing gives a date', () => {
    expect(modificationDate(pack(), {sourceDate: undefined, date: now})).toBe('2030-01-02T03:04:05Z')
  })
})

describe('bookDescription', () => {
  it('is the abstract when there is one, else made from the title and the readings', () => {
    expect(bookDescription(pack({abstract: 'What it is about.'}))).toBe('What it is about.')
    expect(bookDescription(pack({subtitle: 'For a seminar'}))).toBe('A pack: For a seminar. 1 reading: “One”.')
  })
})

describe('xmlName', () => {
  it('keeps ids that are already XML names', () => {
    expect(xmlName('r1-introduction')).toBe('r1-introduction')
  })

  it('drops accents, spells other letters as code points and replaces the rest', () => {
    expect(xmlName('r1-méthodes')).toBe('r1-methodes')
    expect(xmlName('r1-fig:1')).toBe('r1-fig-1')
    expect(xmlName('r1-fn-caf%C3%A9')).toBe('r1-fn-caf-C3-A9')
    expect(xmlName('r2-ελ')).toBe('r2-x3b5x3bb')
    expect(xmlName('1st')).toBe('id-1st')
  })
})

describe('headingTree', () => {
  it('nests headings by rank, whatever levels they skip, and leaves out empty ones', () => {
    const tree = headingTree([
      {id: 'a', rank: 2, text: 'A'},
      {id: 'a1', rank: 4, text: 'A.1'},
      {id: 'a2', rank: 3, text: 'A.2'},
      {id: 'empty', rank: 3, text: '  '},
      {id: 'b', rank: 2, text: 'B'}
    ])
    expect(tree).toEqual([
      {
        label: 'A',
        target: 'a',
        children: [
          {label: 'A.1', target: 'a1', children: []},
          {label: 'A.2', target: 'a2', children: []}
        ]
      },
      {label: 'B', target: 'b', children: []}
    ])
  })
})

describe('resolveCustomProperties', () => {
  it('writes out var() for reading systems that drop it, keeping fallbacks for unknown names', () => {
    const css =
      ":root { --ink: #111; --serif: 'Source Serif 4', serif; }\nhtml { color: var(--ink); font-family: var(--serif); }\na { color: var(--nope, blue); }"
    expect(resolveCustomProperties(css)).toBe("\nhtml { color: #111; font-family: 'Source Serif 4', serif; }\na { color: blue; }")
  })
})

describe('cleanSvg', () => {
  it('drops a DOCTYPE, scripts, handlers and references outside the file, keeps the drawing', () => {
    const svg = `<?xml version="1.0"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><style>@import url(https://x.org/a.css); rect { fill: url(https://x.org/p.svg#p) }</style><script>alert(1)</script><defs><circle id="dot" r="1"/></defs><use xlink:href="#dot"/><image href="https://x.org/remote.png"/><a xlink:href="https://x.org/"><rect width="5" height="5" onclick="alert(2)" style="fill: url(#g)"/></a></svg>`
    expect(cleanSvg(svg)).toBe(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><style> rect { fill: none }</style><defs><circle id="dot" r="1"/></defs><use xlink:href="#dot"/><rect width="5" height="5" style="fill: url(#g)"/></svg>'
    )
  })

  it('adds the SVG namespace a hand-written file forgot, and refuses what is not SVG', () => {
    expect(cleanSvg('<svg viewBox="0 0 1 1"><rect width="1" height="1"/></svg>')).toBe(
      '<svg viewBox="0 0 1 1" xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'
    )
    expect(cleanSvg('<svg><rect></svg>')).toBeUndefined()
    expect(cleanSvg('<html></html>')).toBeUndefined()
  })
})

describe('accessibilityMetadata', () => {
  it('claims text alternatives and WCAG AA only when every image has one', () => {
    const described = accessibilityMetadata({images: 3, described: 3, mayAnimate: false})
    expect(described.accessModesSufficient).toEqual(['textual', 'textual,visual'])
    expect(described.features).toContain('alternativeText')
    expect(described.hazards).toEqual(['none'])
    expect(described.conformsTo).toBe('EPUB Accessibility 1.1 - WCAG 2.1 Level AA')

    const undescribed = accessibilityMetadata({images: 3, described: 2, mayAnimate: true})
    expect(undescribed.accessModesSufficient).toEqual(['textual,visual'])
    expect(undescribed.features).not.toContain('alternativeText')
    expect(undescribed.hazards).toEqual(['unknownFlashingHazard', 'noMotionSimulationHazard', 'noSoundHazard'])
    expect(undescribed.conformsTo).toBeUndefined()
    expect(undescribed.summary).toContain('1 of its 3 images have no text alternative.')
  })
})

describe('a reading with a bibliography', () => {
  it('gets the bibliography as a document of its own, linked from the text and listed in the contents', () => {
    const withCitation = reading('Cited', 'text')
    withCitation.tree = {
      type: 'root',
      children: [
        h('p', ['As shown by ', h('a', {href: '#r1-ref-smith', role: 'doc-biblioref'}, 'Smith (2020)'), '.']),
        h('section', {role: 'doc-bibliography', id: 'r1-references'}, [
          h('h2', {id: 'r1-references-title'}, 'References'),
          h('p', {id: 'r1-ref-smith'}, 'Smith, J. (2020). A book.')
        ])
      ]
    }
    const {documents, resolve} = prepareBook(pack({readings: [withCitation]}), {href: 'cover.png', alt: 'Cover'})
    expect(documents.map((document) => [document.filename, document.landmark])).toEqual([
      ['cover.xhtml', 'cover'],
      ['title-page.xhtml', 'titlepage'],
      ['contents.xhtml', 'toc'],
      ['r001-a.xhtml', 'bodymatter'],
      ['r001-a-references.xhtml', 'bibliography']
    ])
    const text = JSON.stringify(documents[3]!.body)
    expect(text).toContain('"href":"r001-a-references.xhtml#r1-ref-smith"')
    expect(text).toContain('"epub:type":"biblioref"')
    const bibliography = documents[4]!
    expect(bibliography.title).toBe('References · Cited')
    expect(JSON.stringify(bibliography.body)).toContain('"tagName":"h1"')
    expect(tocEntries(documents, resolve)).toEqual([
      {label: 'Cited', href: 'r001-a.xhtml', children: [{label: 'References', href: 'r001-a-references.xhtml', children: []}]}
    ])
  })
})
