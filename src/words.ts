/**
 * The few words Folio prints around the content (headings, labels, citations' "How to cite
 * this"), in the reading's or the pack's language; English for languages not listed.
 */
export type Words = Record<
  | 'contents'
  | 'aboutTheAuthors'
  | 'notes'
  | 'by'
  | 'and'
  | 'editedBy'
  | 'source'
  | 'backToText'
  | 'note'
  | 'page'
  | 'references'
  | 'howToCite'
  | 'cover'
  | 'landmarks'
  | 'pages'
  | 'printPages'
  | 'figure'
  | 'figures'
  | 'table'
  | 'tables'
  | 'section'
  | 'sections'
  | 'equation'
  | 'equations'
  | 'pageAbbreviation'
  | 'taughtBy'
  | 'licensedUnder'
  | 'inPrint'
  | 'inPrintRange'
  | 'download'
  | 'readings'
  | 'howToCitePack'
  | 'webEdition'
  | 'printEdition'
  | 'epubEdition'
  | 'pageCount'
  | 'onePage',
  string
>

const words: Record<'en' | 'fr' | 'de', Words> = {
  en: {
    contents: 'Contents',
    aboutTheAuthors: 'About the authors',
    notes: 'Notes',
    by: 'By',
    and: 'and',
    editedBy: 'Edited by',
    source: 'First published at',
    backToText: 'Back to text',
    note: 'Note',
    page: 'Page',
    cover: 'Cover',
    landmarks: 'Landmarks',
    pages: 'Pages',
    printPages: 'Page numbers of the print edition',
    references: 'References',
    howToCite: 'How to cite this',
    figure: 'Figure',
    figures: 'Figures',
    table: 'Table',
    tables: 'Tables',
    section: 'Section',
    sections: 'Sections',
    equation: 'Equation',
    equations: 'Equations',
    pageAbbreviation: 'p.',
    taughtBy: 'Taught by',
    licensedUnder: 'Licensed under',
    inPrint: 'The pages of this reading are reproduced in the print edition of this pack.',
    inPrintRange: 'The pages of this reading ({pages} in the original) are reproduced in the print edition of this pack.',
    download: 'Download',
    readings: 'Each reading on its own',
    howToCitePack: 'How to cite this pack',
    webEdition: 'Web page',
    printEdition: 'PDF, to print',
    epubEdition: 'EPUB, for e-readers',
    pageCount: '{count} pages',
    onePage: '1 page'
  },
  fr: {
    contents: 'Table des matières',
    aboutTheAuthors: 'Les auteurs',
    notes: 'Notes',
    by: 'Par',
    and: 'et',
    editedBy: 'Sous la direction de',
    source: 'Publié d’abord sur',
    backToText: 'Retour au texte',
    note: 'Note',
    page: 'Page',
    cover: 'Couverture',
    landmarks: 'Repères',
    pages: 'Pages',
    printPages: 'Numéros de page de l’édition imprimée',
    references: 'Références',
    howToCite: 'Pour citer ce texte',
    figure: 'Figure',
    figures: 'Figures',
    table: 'Tableau',
    tables: 'Tableaux',
    section: 'Section',
    sections: 'Sections',
    equation: 'Équation',
    equations: 'Équations',
    pageAbbreviation: 'p.',
    taughtBy: 'Enseigné par',
    licensedUnder: 'Sous licence',
    inPrint: 'Les pages de ce texte sont reproduites dans l’édition imprimée.',
    inPrintRange: 'Les pages de ce texte ({pages} dans l’original) sont reproduites dans l’édition imprimée.',
    download: 'Télécharger',
    readings: 'Chaque texte à part',
    howToCitePack: 'Pour citer ce recueil',
    webEdition: 'Page web',
    printEdition: 'PDF, à imprimer',
    epubEdition: 'EPUB, pour liseuses',
    pageCount: '{count} pages',
    onePage: '1 page'
  },
  de: {
    contents: 'Inhalt',
    aboutTheAuthors: 'Über die Autorinnen und Autoren',
    notes: 'Anmerkungen',
    by: 'Von',
    and: 'und',
    editedBy: 'Herausgegeben von',
    source: 'Zuerst erschienen unter',
    backToText: 'Zurück zum Text',
    note: 'Anmerkung',
    page: 'Seite',
    cover: 'Umschlag',
    landmarks: 'Orientierungspunkte',
    pages: 'Seiten',
    printPages: 'Seitenzahlen der Druckausgabe',
    references: 'Literatur',
    howToCite: 'Zitiervorschlag',
    figure: 'Abbildung',
    figures: 'Abbildungen',
    table: 'Tabelle',
    tables: 'Tabellen',
    section: 'Abschnitt',
    sections: 'Abschnitte',
    equation: 'Gleichung',
    equations: 'Gleichungen',
    pageAbbreviation: 'S.',
    taughtBy: 'Unterrichtet von',
    licensedUnder: 'Lizenziert unter',
    inPrint: 'Die Seiten dieses Textes sind in der Druckausgabe wiedergegeben.',
    inPrintRange: 'Die Seiten dieses Textes ({pages} im Original) sind in der Druckausgabe wiedergegeben.',
    download: 'Herunterladen',
    readings: 'Jeder Text einzeln',
    howToCitePack: 'Zitiervorschlag für die Sammlung',
    webEdition: 'Webseite',
    printEdition: 'PDF zum Drucken',
    epubEdition: 'EPUB für E-Reader',
    pageCount: '{count} Seiten',
    onePage: '1 Seite'
  }
}

/** Curly quotes by language: primary (double) and secondary (single), opening and closing. */
export interface Quotes {
  opening: {double: string; single: string}
  closing: {double: string; single: string}
}

/**
 * Quotes as the language prints them. English as Pandoc's `smart` writes it whatever the
 * variety (“…” outside, ‘…’ inside, for en-GB too); French guillemets with the narrow no-break
 * space inside; German „…“ and ‚…‘.
 */
const quotes: Record<string, Quotes> = {
  en: {opening: {double: '“', single: '‘'}, closing: {double: '”', single: '’'}},
  fr: {opening: {double: '«\u202f', single: '‹\u202f'}, closing: {double: '\u202f»', single: '\u202f›'}},
  de: {opening: {double: '„', single: '‚'}, closing: {double: '“', single: '‘'}}
}

export function quotesFor(lang: string | undefined): Quotes {
  const base = (lang ?? 'en').toLowerCase().split('-')[0] ?? 'en'
  return quotes[base] ?? quotes['en']!
}

export function wordsFor(lang: string | undefined): Words {
  const base = (lang ?? 'en').toLowerCase().split('-')[0] as keyof typeof words
  return words[base] ?? words.en
}

/** "A", "A and B", "A, B and C" in the language's way. */
export function joinNames(names: string[], lang: string): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} ${wordsFor(lang).and} ${names.at(-1)}`
}

/** "2025-05" → "May 2025", "2025-05-18" → "18 May 2025" (en-GB), in the language's way. */
export function formatDate(date: string, lang: string): string {
  const [year, month, day] = date.split('-').map(Number)
  if (!month) return String(year)
  const value = new Date(Date.UTC(year ?? 0, month - 1, day ?? 1))
  const options: Intl.DateTimeFormatOptions = day
    ? {year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC'}
    : {year: 'numeric', month: 'long', timeZone: 'UTC'}
  return new Intl.DateTimeFormat(lang, options).format(value)
}
