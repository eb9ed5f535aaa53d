/**
 * The synthetic course packs the bench and the tests build, from one seeded generator, so the
 * same options write the same files on every machine. Two recipes share its vocabulary, people,
 * randomness and manifest:
 *
 * - a **book** (the default): readings of running prose at book scale (about 4.5 A4 pages
 *   each at 20 paragraphs) with notes, note-style citations from a BibTeX file, code, tables,
 *   lists, quotations, raw HTML and SVG figures; the bench's pack and the print tests';
 * - a **hostile** pack (`hostile: true`): raw HTML that browsers forgive and XHTML does not,
 *   inline SVG, SVG files from drawing programs, every image type, footnotes referenced twice,
 *   tables without rows, headings that repeat or skip, links between readings and to nothing,
 *   three languages and three scripts. Each reading carries two of the raw HTML samples in
 *   turn, so 14 readings hold them all.
 *
 * `npx tsx test/helpers/synthetic-pack.ts DIR [READINGS] [PARAGRAPHS] [hostile]` writes one to
 * look at by hand.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

export interface SyntheticPackOptions {
  /** Number of readings. Default: 111. */
  readings?: number
  /** Paragraphs per reading, on average. Default: 20. */
  paragraphs?: number
  /** Seed of the pseudo-random text. Default: 7. */
  seed?: number
  /** Book recipe: a BibTeX bibliography, a note style, and a citation in every reading's first paragraph. Default: true. */
  citations?: boolean
  /** Book recipe: readings (spread evenly) whose body has raw HTML and an inline SVG. Default: 31. */
  rawHtmlReadings?: number
  /** The hostile recipe instead of the book. Default: false. */
  hostile?: boolean
}

const english = (
  'migration governance international organization member states policy border control mandate ' +
  'humanitarian assistance refugees resettlement programme funding donors multilateralism agency ' +
  'sovereignty cooperation negotiation compact implementation accountability legitimacy expertise ' +
  'technocratic depoliticized management evidence research institutions responsibility protection ' +
  'deportation expulsion asylum procedures jurisprudence obligations convention interpretation ' +
  'administrative discretion legislative framework constitutional principle proportionality ' +
  'the of and to in a is that for on with as by at from this which be are was it an not or have ' +
  'has their its more also between within however therefore although whereas because while ' +
  'significant particular contemporary historical comparative empirical theoretical analytical ' +
  'approach argument debate question problem answer account perspective literature evidence ' +
  'regional global national local transnational intergovernmental nongovernmental organisations'
).split(/\s+/)

const surnames = [
  'Abara',
  'Bianchi',
  'Chowdhury',
  'Dubois',
  'Eriksen',
  'Fernández',
  'Gallagher',
  'Hoffmann',
  'Ivanova',
  'Jansen',
  'Kowalski',
  'Lefèvre',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Pérez',
  'Quinlan',
  'Rossi',
  'Schäfer',
  'Tanaka',
  'Uribe',
  'Vogel',
  'Wójcik',
  'Xu',
  'Yilmaz',
  'Zeller'
]
const givenNames = [
  'Amara',
  'Bruno',
  'Chiara',
  'Dmitri',
  'Elif',
  'François',
  'Greta',
  'Hana',
  'Ibrahim',
  'Júlia',
  'Kofi',
  'Léa',
  'Mateus',
  'Nadia',
  'Oskar',
  'Priya',
  'Rafael',
  'Sofía',
  'Tomás',
  'Ursula'
]
const institutions = [
  'University of Lyon',
  'University of Leiden',
  'Central European University',
  'University of Oxford',
  'Sciences Po',
  'University of Ghana',
  'Universidad de Chile',
  'University of Toronto'
]

/** Mulberry32: a small, fast, seeded generator, so the pack is the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function writeSyntheticPack(folder: string, options: SyntheticPackOptions = {}): string {
  return options.hostile ? writeHostilePack(folder, options) : writeBookPack(folder, options)
}

function writeBookPack(folder: string, options: SyntheticPackOptions): string {
  const count = options.readings ?? 111
  const citations = options.citations ?? true
  const rawEvery = count / (options.rawHtmlReadings ?? 31)
  const next = random(options.seed ?? 7)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  const words = (n: number) => Array.from({length: n}, () => pick(english)).join(' ')
  const sentence = () => {
    const text = words(8 + Math.floor(next() * 18))
    return text.charAt(0).toUpperCase() + text.slice(1) + '.'
  }
  const paragraph = (sentences: number) => Array.from({length: sentences}, sentence).join(' ')
  const people = Array.from({length: 40}, (_, index) => ({
    name: `${givenNames[index % givenNames.length]} ${surnames[(index * 7) % surnames.length]}`,
    affiliation: institutions[index % institutions.length]!,
    bio: `${paragraph(2)}`
  }))

  mkdirSync(path.join(folder, 'figures'), {recursive: true})
  writeFileSync(path.join(folder, 'figures', 'chart.svg'), chartSvg())
  const files: string[] = []

  for (let index = 0; index < count; index++) {
    const authors = Array.from({length: 1 + Math.floor(next() * 3)}, () => pick(people))
    const unique = [...new Map(authors.map((person) => [person.name, person])).values()]
    const lines: string[] = [
      '---',
      `title: "${capitalize(words(4 + Math.floor(next() * 6)))}"`,
      'author:',
      ...unique.flatMap((person) => [`  - name: ${person.name}`, `    affiliation: ${person.affiliation}`, `    bio: ${person.bio}`]),
      `date: 20${10 + (index % 15)}-0${1 + (index % 9)}`,
      'lang: en-GB',
      `source: https://example.org/readings/${index + 1}`,
      '---',
      '',
      `${paragraph(3)}[^first] ${paragraph(1)}${citations ? ` [@work${index % 20}, ${12 + (index % 30)}]` : ''} ${paragraph(1)}`,
      ''
    ]
    const notes = [`[^first]: ${paragraph(1 + Math.floor(next() * 3))}`]
    const paragraphs = Math.round((options.paragraphs ?? 20) * (0.7 + next() * 0.6))
    for (let p = 0; p < paragraphs; p++) {
      if (p % 6 === 2) lines.push(`## ${capitalize(words(3 + Math.floor(next() * 4)))}`, '')
      const roll = next()
      if (roll < 0.06) lines.push(`> ${paragraph(3)}`, '')
      else if (roll < 0.11) lines.push(...Array.from({length: 3 + Math.floor(next() * 4)}, () => `- ${sentence()}`), '')
      else if (roll < 0.14) lines.push(...table(next, words), '')
      else if (roll < 0.17) lines.push(...codeBlock(p, Math.floor(next() * 20), words), '')
      else if (roll < 0.19) lines.push('![A bar chart of synthetic figures](figures/chart.svg)', '')
      else {
        const label = `n${p}`
        const noted = next() < 0.25
        lines.push(`${paragraph(4 + Math.floor(next() * 5))}${noted ? `[^${label}]` : ''}`, '')
        if (noted) notes.push(`[^${label}]: ${paragraph(next() < 0.1 ? 12 : 1 + Math.floor(next() * 3))}`)
      }
    }
    if (Math.floor(index % rawEvery) === 0 && index / rawEvery < (options.rawHtmlReadings ?? 31)) {
      lines.push('<figure>', inlineSvg(index), `<figcaption>Figure ${index + 1}: ${words(6)}</figcaption>`, '</figure>', '')
      lines.push(`<p class="callout">Raw HTML in reading ${index + 1}: <em>${words(12)}</em> <script>alert(1)</script></p>`, '')
    }
    lines.push(...notes.flatMap((note) => [note, '']))
    const name = `reading-${String(index + 1).padStart(3, '0')}.md`
    writeFileSync(path.join(folder, name), lines.join('\n'))
    files.push(name)
  }

  if (citations)
    writeFileSync(
      path.join(folder, 'references.bib'),
      bibliography(
        people.map((person) => person.name),
        words
      )
    )
  writeFileSync(
    path.join(folder, 'pack.yaml'),
    [
      'title: A synthetic course pack',
      'subtitle: Made for benchmarks',
      'lang: en-GB',
      'date: 2025-05',
      'editors:',
      `  - name: ${people[0]!.name}`,
      ...(citations ? ['bibliography: references.bib', 'csl: chicago-fullnote-bibliography'] : []),
      'readings:',
      ...files.map((file) => `  - ${file}`),
      ''
    ].join('\n')
  )
  return folder
}

/** Twenty books and articles by the pack's people, as BibTeX. */
function bibliography(names: string[], words: (n: number) => string): string {
  return Array.from({length: 20}, (_, index) => {
    const [given, family] = names[index % names.length]!.split(' ')
    const title = capitalize(words(5))
    return index % 2 === 0
      ? `@book{work${index},\n  author = {${family}, ${given}},\n  title = {${title}},\n  publisher = {Synthetic Press},\n  address = {Oxford},\n  year = {${1990 + index}}\n}\n`
      : `@article{work${index},\n  author = {${family}, ${given}},\n  title = {${title}},\n  journaltitle = {Journal of ${capitalize(words(2))}},\n  volume = {${index}},\n  pages = {1--30},\n  date = {${1995 + index}}\n}\n`
  }).join('\n')
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function table(next: () => number, words: (n: number) => string): string[] {
  const rows = 3 + Math.floor(next() * 6)
  return [
    '| Year | Measure | Value |',
    '|---|---|---:|',
    ...Array.from({length: rows}, (_, row) => `| ${2000 + row} | ${words(3)} | ${Math.floor(next() * 10000)} |`)
  ]
}

function chartSvg(): string {
  const bars = [40, 65, 30, 80, 55]
    .map((height, index) => `<rect x="${10 + index * 36}" y="${100 - height}" width="28" height="${height}" fill="#7a1f1f"/>`)
    .join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 110" width="400" height="220"><title>Bar chart</title>${bars}<line x1="5" y1="100" x2="195" y2="100" stroke="#333"/></svg>\n`
}

function inlineSvg(index: number): string {
  return `<svg viewBox="0 0 120 40" role="img" aria-label="Diagram ${index + 1}"><rect x="2" y="2" width="116" height="36" fill="none" stroke="#333"/><circle cx="${20 + (index % 80)}" cy="20" r="10" fill="#7a1f1f"/></svg>`
}

/** A tiny image of each raster type. */
const png =
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAYAAAC09K7GAAAAJElEQVR4AWTIMQ0AAAwCwQYjOKogzNOwlk9ueXDlEOnAvGocAAAA//9+mUcPAAAABklEQVQDADFMB0HJ72fPAAAAAElFTkSuQmCC'
const rasters: Record<string, string> = {
  'photo.png': png,
  'with space.png': png,
  'ümlaut.png': png,
  'photo.jpg':
    '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAADAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/xAAXEAEAAwAAAAAAAAAAAAAAAAAAAgMz/8QAFQEBAQAAAAAAAAAAAAAAAAAABAb/xAAdEQAABQUAAAAAAAAAAAAAAAAAAQIEsQMzNHFy/9oADAMBAAIRAxEAPwCS36yAEc3l7ORUscanyUD/2Q==',
  'anim.gif': 'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==',
  'pic.webp': 'UklGRkgAAABXRUJQVlA4IDwAAABwAgCdASoEAAMAAUAmJagCdEcAZIB+gALdrLqIAP76fzZ9ckIEohO92ETcohOQL/afcbH0v/4C/a/w0j6X7QAA'
}

/** SVG files as drawing programs and hand-editing leave them. */
const drawings: Record<string, string> = {
  'chart.svg': chartSvg(),
  'inkscape.svg': `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://creativecommons.org/ns#" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:svg="http://www.w3.org/2000/svg" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="210mm" height="100mm" viewBox="0 0 210 100" version="1.1" id="svg8" inkscape:version="0.92.4" sodipodi:docname="drawing.svg">
  <defs id="defs2"><circle id="dot" r="5" cx="0" cy="0"/></defs>
  <sodipodi:namedview id="base" pagecolor="#ffffff" inkscape:zoom="0.35" inkscape:current-layer="layer1"/>
  <metadata id="metadata5"><rdf:RDF><cc:Work rdf:about=""><dc:format>image/svg+xml</dc:format><dc:type rdf:resource="http://purl.org/dc/dcmitype/StillImage"/><dc:title></dc:title></cc:Work></rdf:RDF></metadata>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1"><use xlink:href="#dot" x="20" y="20"/><path style="fill:none;stroke:#000000;stroke-width:0.26px" d="M 10,90 L 200,10" id="path10" inkscape:connector-curvature="0"/></g>
</svg>`,
  'doctype.svg': `<?xml version="1.0" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg width="100" height="100" version="1.1" xmlns="http://www.w3.org/2000/svg"><circle cx="50" cy="50" r="40" stroke="black" stroke-width="2" fill="red"/></svg>`,
  'script.svg': `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><rect width="10" height="10" onclick="alert(2)"/></svg>`,
  'foreign.svg': `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><foreignObject width="100" height="50"><div xmlns="http://www.w3.org/1999/xhtml">HTML inside</div></foreignObject></svg>`,
  'external.svg': `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><image xlink:href="https://example.org/remote.png" width="10" height="10"/><a xlink:href="https://example.org/"><rect width="5" height="5"/></a></svg>`,
  'styled.svg': `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>@import url(https://example.org/x.css); rect { fill: blue }</style><rect width="10" height="10"/></svg>`,
  'embedded.svg': `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 2 2"><image xlink:href="data:image/png;base64,${'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg=='}" width="2" height="2"/></svg>`
}

/** Raw HTML the way people paste it into Markdown. */
const rawHtml = [
  `<div align="center"><table border="1" cellpadding="4" cellspacing="0" width="80%" summary="old"><tr><th align="left" abbr="a">Country</th><th align="right">Staff</th></tr><tr><td valign="top" nowrap>France</td><td align="right" width="20%">1,200</td></tr></table></div>`,
  `<p>Inline <span>before <div>a block inside a span</div> after</span> and on.</p>`,
  `<ul><p>A paragraph straight inside a list.</p><li>A proper item</li>Loose text in the list</ul>`,
  `<li>An item with no list around it</li>`,
  `<dl><dt>Term</dt><dd>Its description</dd></dl>\n\n<dl><dd>Description first</dd><dt>Term after</dt><p>stray</p></dl>`,
  `<p><a name="old-anchor">An old-style anchor</a>, <a href="#old-anchor">a jump to it</a>, <a href="#nowhere">a link to nothing</a>, <a href="//example.org/x">a protocol-relative link</a>, <a href="mailto:editor@example.org">mail</a>, <a href="https://example.org/"><img src="figures/chart.svg"></a>, <a href="https://example.org/empty"></a>.</p>`,
  `<p><img src="figures/photo.png"> <img src="figures/photo.png" width="50%" height="auto" alt="A photo, sized in percent"> <img src="figures/photo.png" width="20" height="20" alt="A photo with a size" longdesc="https://example.org/long" border="0" align="left" hspace="4"></p>`,
  `<p><strike>struck</strike> <tt>teletype</tt> <font color="red" size="2">font</font> <big>big</big></p>\n\n<center>Centred text</center>`,
  `<details><summary>More detail</summary><p>Hidden until opened.</p></details>\n\n<details open><p>A disclosure without a summary.</p></details>`,
  `<figure><img src="figures/chart.svg" alt="Bars for two years"><figcaption>Figure: results by year</figcaption></figure>\n\n<figure><figcaption>First caption</figcaption><img src="figures/photo.jpg" alt="A photograph"><figcaption>Second caption</figcaption><p>After.</p></figure>`,
  `<picture><source srcset="figures/pic.webp" type="image/webp"><img src="figures/photo.png" alt="A picture with sources"></picture>`,
  `<svg viewBox="0 0 100 50" width="200" height="100" role="img"><linearGradient id="fade" x1="0" x2="1"><stop offset="0" stop-color="#7a1f1f"></stop><stop offset="1" stop-color="#ffffff"></stop></linearGradient><rect x="0" y="0" width="100" height="50" fill="url(#fade)"></rect><text x="10" y="30" font-size="12" text-anchor="start">Unnamed drawing</text></svg>`,
  `<p>A drawing inline: <svg viewBox="0 0 20 20" width="20" height="20" role="img" aria-label="A red dot"><circle cx="10" cy="10" r="8" fill="#a00"></circle></svg> and one with a title <svg viewBox="0 0 20 20" width="20" height="20"><title>A square</title><rect x="2" y="2" width="16" height="16" fill="none" stroke="#000" stroke-width="2"></rect></svg>.</p>`,
  `<p><ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby> and a stray <rt>annotation</rt>.</p>`,
  `<p><kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, E=mc<sup>2</sup>, <abbr title="International Organization for Migration">IOM</abbr>, <mark>marked</mark>, <q cite="https://example.org/q">a quotation</q>, <del datetime="2020-01-01">deleted</del> <ins>inserted</ins>, <cite>A Title</cite>, <small>small</small>, <u>underlined</u>, <var>x</var>, <samp>output</samp>, <s>struck</s>.</p>`,
  `<blockquote cite="https://example.org/source"><p>A quotation with a source.</p></blockquote>`,
  `<ol start="5" type="a" compact><li value="7">Seventh</li><li>Eighth</li></ol>\n\n<ul type="square"><li value="3">value on an unordered item</li></ul>`,
  `<div id="fig:1" title="An id with a colon">A division with an awkward id.</div>\n\n<p><a href="#fig:1">Back to fig:1</a> and <a href="#Fig%3A1">encoded</a>.</p>`,
  `<h3><div>A block in a heading</div></h3>`,
  `<section><h2>A section written in HTML</h2><p>Its text.</p></section>\n\n<aside><p>An aside written in HTML.</p></aside>`,
  `<div lang="english" dir="sideways" tabindex="x" accesskey="k" hidden="hidden" itemscope itemtype="https://schema.org/Thing" itemprop="name">Bad attribute values</div>`,
  `<p><span id="twice">One</span> and <span id="twice">the same id again</span>.</p>`,
  `<p><input type="checkbox" checked disabled> A checkbox outside a task list. <input type="text" value="x"></p>`,
  `<table><thead><tr><th>Only</th><th>Headers</th></tr></thead></table>`,
  `<div><p>Rows with spans:</p><table><tr><td colspan="2" rowspan="0">wide</td></tr><tr><td colspan="0">bad span</td><td rowspan="x">bad</td></tr></table></div>`,
  `<a href="https://example.org/block"><div>A block link</div></a>`,
  `<p>Text with control characters:\u000b vertical tab,\u000c form feed, and astral 𝔸 😀.</p>`
]

const french = 'les organisations internationales et la gouvernance des migrations à l’épreuve des crises économiques où être'.split(' ')
const greek = 'η μετανάστευση και η διεθνής διακυβέρνηση των συνόρων'.split(' ')
const cyrillic = 'миграция и международное управление границами'.split(' ')

/** The text helpers of the hostile recipe, over the one seeded generator. */
class Random {
  readonly next: () => number
  constructor(seed: number) {
    this.next = random(seed)
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!
  }
}

function sentence(random: Random, vocabulary: readonly string[], length: number): string {
  const list = Array.from({length}, () => random.pick(vocabulary))
  const text = list.join(' ')
  return text.charAt(0).toUpperCase() + text.slice(1) + '.'
}

function paragraph(random: Random, vocabulary: readonly string[]): string {
  return Array.from({length: 6}, () => sentence(random, vocabulary, 12 + Math.floor(random.next() * 8))).join(' ')
}

const hostilePeople = [
  {name: 'Ada Example', affiliation: 'University of Somewhere', bio: 'Ada teaches international law.', orcid: '0000-0002-1825-0097'},
  {name: 'Bruno Échelle', affiliation: 'Université de Nulle Part', bio: 'Bruno étudie les frontières.'},
  {name: 'Chen Li', affiliation: 'Institute of Elsewhere', bio: 'Chen writes on labour mobility.'},
  {name: 'Dana O’Neil', bio: 'Dana works for a humanitarian agency.'},
  {name: 'Εύα Παπαδοπούλου', affiliation: 'Πανεπιστήμιο Αθηνών', bio: 'Researcher in migration studies.'}
]

function reading(number: number, total: number, paragraphs: number, random: Random): {file: string; text: string} {
  const lang = number % 10 === 3 ? 'fr' : number % 10 === 4 ? 'de-DE' : undefined
  const vocabulary = lang === 'fr' ? french : english
  const inPart = number > total / 2
  const file = inPart ? `part-2/reading-${String(number).padStart(3, '0')}.md` : `reading-${String(number).padStart(3, '0')}.md`
  const figures = inPart ? '../figures' : 'figures'
  const authors = number % 7 === 0 ? [] : [hostilePeople[number % hostilePeople.length]!, hostilePeople[(number * 3) % hostilePeople.length]!]
  const matter = [
    '---',
    `title: "Reading ${number}: ${sentence(random, vocabulary, 5).slice(0, -1)}"`,
    ...(number % 2 === 0 ? [`subtitle: ${sentence(random, vocabulary, 4).slice(0, -1)}`] : []),
    ...(authors.length > 0
      ? [
          'author:',
          ...authors.flatMap((person) => [
            `  - name: "${person.name}"`,
            ...Object.entries(person)
              .filter(([key]) => key !== 'name')
              .map(([key, value]) => `    ${key}: "${value}"`)
          ])
        ]
      : []),
    ...(lang ? [`lang: ${lang}`] : []),
    `date: 2024-${String((number % 12) + 1).padStart(2, '0')}`,
    ...(number % 5 === 0 ? [`abstract: ${sentence(random, vocabulary, 20)}`, 'keywords: [migration, governance]'] : []),
    ...(number % 3 === 0 ? [`source: https://example.org/readings/${number}`, 'publisher: Example Journal'] : []),
    '---',
    ''
  ]
  const body: string[] = []
  const notes: string[] = []
  const headings = ['Introduction', 'Méthodes & résultats', '1. Context', 'Introduction', '`code` in a heading', 'Ελληνικά και кириллица']
  for (let index = 0; index < 6; index++) {
    body.push(`## ${headings[index]}`, '')
    for (let count = 0; count < Math.max(1, Math.floor(paragraphs / 6)); count++) {
      let text = paragraph(random, vocabulary)
      if (count === 0) {
        const label = index === 1 ? 'café' : `n${index}`
        text += `[^${label}]`
        notes.push(`[^${label}]: ${sentence(random, vocabulary, 10)}${index === 2 ? '\n\n    - a list in a note\n    - second item' : ''}`)
        if (index === 1) text += ` Again[^${label}].`
      }
      body.push(text, '')
    }
    if (index === 2) body.push('#### A heading that skips a level', '', paragraph(random, vocabulary), '')
    if (index === 3 && lang === 'de-DE') body.push(sentence(random, greek, 8) + ' ' + sentence(random, cyrillic, 8), '')
  }
  body.push(
    `![Bar chart of results](${figures}/chart.svg "Results")`,
    '',
    `![](${figures}/photo.png)`,
    '',
    `Images of every kind: ![A photograph](${figures}/photo.jpg), ![An animation](${figures}/anim.gif), ![A WebP picture](${figures}/pic.webp), ![A file name with a space](${figures}/with%20space.png), ![A file name with an umlaut](${figures}/ümlaut.png).`,
    '',
    `Drawings from programs: ![Inkscape drawing](${figures}/inkscape.svg) ![A doctype](${figures}/doctype.svg) ![A script](${figures}/script.svg) ![A foreign object](${figures}/foreign.svg) ![An external image](${figures}/external.svg) ![A style sheet](${figures}/styled.svg) ![An embedded raster](${figures}/embedded.svg)`,
    '',
    '| Left | Centre | Right |',
    '| :--- | :----: | ----: |',
    '| a | b | 1.5 |',
    '| `code` | **bold** | 10 |',
    '',
    '| Only a header |',
    '| --- |',
    '',
    '```js',
    'const answer = 6 * 7 // <not a tag> & an ampersand',
    'console.log(answer)',
    '```',
    '',
    '> A quotation in Markdown,',
    '> over two lines.',
    '',
    '3. Third',
    '4. Fourth',
    '   - nested',
    '   - [x] done task',
    '   - [ ] open task',
    '',
    '- [x] A task list item done',
    '- [ ] A task list item to do',
    '',
    `See [the next reading](reading-${String(number + 1).padStart(3, '0')}.md#introduction), [a reading elsewhere](../outside.md), [the first section](#introduction) and [a missing file](missing.md).`,
    '',
    `<a href="https://example.org/with-note">A raw link with a note inside[^n0]</a>`,
    '',
    rawHtml[(2 * number) % rawHtml.length]!.replaceAll('figures/', `${figures}/`),
    '',
    rawHtml[(2 * number + 1) % rawHtml.length]!.replaceAll('figures/', `${figures}/`),
    '',
    `## ![Chart](${figures}/chart.svg)`,
    '',
    paragraph(random, vocabulary),
    ''
  )
  return {file, text: [...matter, ...body, ...notes, ''].join('\n')}
}

function writeHostilePack(folder: string, options: SyntheticPackOptions): string {
  const count = options.readings ?? 111
  const random = new Random(options.seed ?? 7)
  mkdirSync(path.join(folder, 'figures'), {recursive: true})
  mkdirSync(path.join(folder, 'part-2'), {recursive: true})
  for (const [name, base64] of Object.entries(rasters)) writeFileSync(path.join(folder, 'figures', name), Buffer.from(base64, 'base64'))
  for (const [name, svg] of Object.entries(drawings)) writeFileSync(path.join(folder, 'figures', name), svg)
  const files: string[] = []
  for (let number = 1; number <= count; number++) {
    const {file, text} = reading(number, count, options.paragraphs ?? 20, random)
    writeFileSync(path.join(folder, file), text)
    files.push(file)
  }
  writeFileSync(
    path.join(folder, 'pack.yaml'),
    [
      'title: A synthetic course pack',
      'subtitle: Every kind of content a course pack meets',
      'editors:',
      '  - name: Ada Example',
      '    orcid: 0000-0002-1825-0097',
      'lang: en-GB',
      'date: 2025-01',
      'publisher: Folio test press',
      'rights: CC BY 4.0',
      'keywords: [testing, epub]',
      'readings:',
      ...files.map((file) => `  - ${file}`),
      ''
    ].join('\n')
  )
  return folder
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [folder = 'synthetic-pack', readings = '111', paragraphs = '20', recipe] = process.argv.slice(2)
  writeSyntheticPack(path.resolve(folder), {readings: Number(readings), paragraphs: Number(paragraphs), hostile: recipe === 'hostile'})
}

/**
 * A fenced block in Rust, TOML or shell (in turn), 5 to 25 lines, one of them far longer than
 * a printed line, so highlighting and wrapping run at book scale.
 */
function codeBlock(seed: number, extra: number, words: (count: number) => string): string[] {
  const language = (['rust', 'toml', 'sh'] as const)[seed % 3]!
  const long = words(24).replace(/ /g, '_')
  const body = Array.from({length: 4 + extra}, (_, line) => {
    const name = `${words(1)}_${line}`
    if (language === 'rust') return `${'    '.repeat(line % 3)}let ${name}: u32 = step(${line}); // ${words(3)}`
    if (language === 'toml') return line % 4 === 0 ? `[${name}]` : `${name} = "${words(2)}" # ${words(2)}`
    return `${line % 2 ? '  ' : ''}${name}=$(grep -c "${words(1)}" notes.txt) && echo "$${name}"`
  })
  const longLine =
    language === 'rust' ? `let ${long} = "${long}";` : language === 'toml' ? `${long} = "${long}"` : `export PATH="/opt/${long.replace(/_/g, '/')}:$PATH"`
  return ['```' + language, ...body.slice(0, 2), longLine, ...body.slice(2), '```']
}
