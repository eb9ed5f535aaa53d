/**
 * A synthetic course pack for benchmarks and book-scale tests: about a hundred readings and
 * five hundred printed pages with notes, code, tables, lists, quotations, raw HTML and SVG
 * images. Deterministic: the same options write the same files.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

export interface SyntheticPackOptions {
  /** Number of readings. Default: 111. */
  readings?: number
  /** Readings (spread evenly) whose body has raw HTML and an inline SVG. Default: 31. */
  rawHtmlReadings?: number
  /** Paragraphs per reading, on average. Default: 20 (about 4.5 A4 pages). */
  paragraphs?: number
  /** Seed of the pseudo-random text. */
  seed?: number
  /** A BibTeX bibliography, a note style, and a citation in every reading's first paragraph. Default: true. */
  citations?: boolean
}

const vocabulary = (
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
  const count = options.readings ?? 111
  const citations = options.citations ?? true
  const rawEvery = count / (options.rawHtmlReadings ?? 31)
  const next = random(options.seed ?? 7)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  const words = (n: number) => Array.from({length: n}, () => pick(vocabulary)).join(' ')
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
      else if (roll < 0.17)
        lines.push(
          '```',
          ...Array.from({length: 5 + Math.floor(next() * 20)}, (_, line) => `${'  '.repeat(line % 3)}step_${line}(${words(2).replace(/ /g, ', ')})`),
          '```',
          ''
        )
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
