/**
 * Reading a PDF the way a reader looks at it: words with their place on the page
 * (`pdftotext -bbox-layout`), the body text without running heads, folios and notes, the
 * outline (`mutool show … outline`).
 */
import {execFileSync} from 'node:child_process'
import {decodeHTML} from 'entities'

export interface PdfWord {
  text: string
  xMin: number
  yMin: number
  xMax: number
  yMax: number
}

export interface PdfPage {
  width: number
  height: number
  words: PdfWord[]
  /** Lines of words, top to bottom, as pdftotext groups them. */
  lines: PdfWord[][]
}

export function pdfLayout(file: string): PdfPage[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], {encoding: 'utf8', maxBuffer: 1 << 30})
  const pages: PdfPage[] = []
  for (const pageMatch of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const lines: PdfWord[][] = []
    for (const lineMatch of pageMatch[3]!.matchAll(/<line [^>]*>([\s\S]*?)<\/line>/g)) {
      lines.push(
        [...lineMatch[1]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((word) => ({
          xMin: Number(word[1]),
          yMin: Number(word[2]),
          xMax: Number(word[3]),
          yMax: Number(word[4]),
          text: decodeHTML(word[5]!)
        }))
      )
    }
    pages.push({width: Number(pageMatch[1]), height: Number(pageMatch[2]), lines, words: lines.flat()})
  }
  return pages
}

/**
 * The running text of the book in reading order: words set at body size or larger, so not
 * running heads, folios, notes or other small print.
 */
export function bodyText(pages: PdfPage[], minimumHeight = 13.5): string {
  return pages
    .map((page) =>
      page.lines
        .map((line) =>
          line
            .filter((word) => word.yMax - word.yMin >= minimumHeight)
            .map((word) => word.text)
            .join(' ')
        )
        .join('\n')
    )
    .join('\n')
}

/** Bookmarks as [depth, title, page] from `mutool show FILE outline`. */
export function pdfOutline(file: string): Array<[number, string, number]> {
  const out = execFileSync('mutool', ['show', file, 'outline'], {encoding: 'utf8', maxBuffer: 1 << 26})
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const match = /^([|+-])(\t+)"(.*)"\t#page=(\d+)/.exec(line)
      if (!match) throw new Error(`Unexpected outline line: ${line}`)
      return [match[2]!.length, match[3]!, Number(match[4])]
    })
}
