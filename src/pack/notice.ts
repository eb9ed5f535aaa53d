/**
 * A reading's notice: the terms under which it is reproduced, from the Quarto keys
 * `copyright` (`holder`, `year`, `statement`) and `license` (an SPDX id or `{text, url}`),
 * and Pandoc's free-text `rights`. One model for every edition: the print sheet, the EPUB's
 * document and metadata (`dc:rights`) and the web page say the same thing.
 */
import spdx from 'spdx-license-list'

export interface Copyright {
  holder?: string | undefined
  year?: string | number | undefined
  statement?: string | undefined
}

/** `license:` as written: an SPDX id, or a text with an optional link. */
export type LicenseValue = string | {text: string; url?: string | undefined}

export interface Licence {
  /** What a reader sees: the licence's full name for a known SPDX id, else the text given. */
  name: string
  url: string | undefined
  /** The SPDX id, when the value was one. */
  spdx: string | undefined
}

export interface Notice {
  /** "© 2019 Holder", when a holder or year is given. */
  copyright: string | undefined
  statement: string | undefined
  licence: Licence | undefined
  rights: string | undefined
}

/** The licence a `license:` value names; a well-known SPDX id becomes its name and link. */
export function licenceOf(value: LicenseValue): Licence {
  if (typeof value !== 'string') return {name: value.text, url: value.url, spdx: undefined}
  const id = Object.keys(spdx).find((key) => key.toLowerCase() === value.trim().toLowerCase())
  const known = id ? spdx[id] : undefined
  if (!id || !known) return {name: value, url: undefined, spdx: undefined}
  return {name: known.name, url: deedUrl(known.url), spdx: id}
}

/**
 * Creative Commons licences are linked at their deed (the summary readers are meant to see),
 * which links the legal code; the SPDX list links the legal code itself.
 */
function deedUrl(url: string): string {
  return /^https:\/\/creativecommons\.org\/.*\/legalcode$/.test(url) ? url.replace(/legalcode$/, '') : url
}

export function noticeOf(matter: {copyright?: Copyright | undefined; license?: LicenseValue | undefined; rights?: string | undefined}): Notice | undefined {
  const {copyright, license, rights} = matter
  const line =
    copyright && (copyright.holder || copyright.year !== undefined)
      ? ['©', copyright.year, copyright.holder].filter((part) => part !== undefined && part !== '').join(' ')
      : undefined
  const notice: Notice = {copyright: line, statement: copyright?.statement, licence: license === undefined ? undefined : licenceOf(license), rights}
  return notice.copyright || notice.statement || notice.licence || notice.rights ? notice : undefined
}

/** The notice as one line of plain text (for `dc:rights` and PDF metadata). */
export function noticeText(notice: Notice, licensedUnder: string): string {
  const sentences = [
    notice.copyright,
    notice.statement,
    notice.licence ? `${licensedUnder} ${notice.licence.name}${notice.licence.url ? ` (${notice.licence.url})` : ''}` : undefined,
    notice.rights
  ]
  return sentences
    .filter((sentence): sentence is string => Boolean(sentence))
    .map((sentence) => (/[.!?]$/.test(sentence) ? sentence : `${sentence}.`))
    .join(' ')
}
