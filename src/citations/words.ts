/**
 * The words citations print around what the style makes, in the reading's language
 * (English for languages not listed).
 */
const words = {
  en: {references: 'References', howToCite: 'How to cite this'},
  fr: {references: 'Références', howToCite: 'Pour citer ce texte'},
  de: {references: 'Literatur', howToCite: 'Zitiervorschlag'}
} as const

export type CitationWords = (typeof words)[keyof typeof words]

export function citationWords(lang: string | undefined): CitationWords {
  const base = (lang ?? 'en').toLowerCase().split('-')[0] as keyof typeof words
  return words[base] ?? words.en
}
