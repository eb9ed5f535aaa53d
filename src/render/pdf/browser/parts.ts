/**
 * The composed book cut into parts that print apart (two renderers at once, each holding a
 * part, and a part whose sheets did not change is not printed again). Runs in the print page
 * after `compose`. The markup of the parts stays in the page, which prints parts itself
 * (`print-parts.ts`); only the other renderer's parts leave it, through Node.
 *
 * A link whose target is in another part would be dropped by Chromium, which links only
 * within the document it prints: it leaves as an address under `partLinkPrefix`, which the
 * joined file turns back into a link to the target's place (`file/join.ts`). So that the
 * target's part names that place, it links to it from a hidden element Chromium does not
 * draw.
 */
import {partLinkPrefix, partsMarker, type SheetParts} from '../model.ts'

/** Each part's sheets as markup, kept in the print page: they leave it only for a renderer that prints them. */
let partMarkup: string[] = []

/**
 * `starts`: the index of each part's first sheet, ascending, the first 0. The sheets leave
 * the page, which is left the document around them; each part's markup stays in the page,
 * and Node gets its digest, to know the parts it printed before.
 */
export async function sheetParts(starts: number[]): Promise<SheetParts> {
  const root = document.getElementById('pages')!
  const sheets = [...root.children].filter((child) => child.classList.contains('page'))
  const partOf = (sheet: number) => starts.findLastIndex((start) => start <= sheet)
  const idPart = new Map<string, number>()
  for (const [index, sheet] of sheets.entries()) {
    for (const element of [sheet, ...sheet.querySelectorAll('[id]')]) if (element.id) idPart.set(element.id, partOf(index))
  }
  const wanted = starts.map(() => new Set<string>())
  for (const [index, sheet] of sheets.entries()) {
    const part = partOf(index)
    for (const link of sheet.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) {
      const id = decodeURIComponent(link.getAttribute('href')!.slice(1))
      const target = idPart.get(id)
      if (target === undefined || target === part) continue
      link.setAttribute('href', partLinkPrefix + encodeURIComponent(id))
      wanted[target]!.add(id)
    }
  }
  partMarkup = starts.map((start, part) => {
    const end = starts[part + 1] ?? sheets.length
    const anchors = [...wanted[part]!].map((id) => {
      const anchor = document.createElement('a')
      anchor.setAttribute('href', `#${encodeURIComponent(id)}`)
      return anchor.outerHTML
    })
    const hidden = anchors.length > 0 ? `<div hidden>${anchors.join('')}</div>` : ''
    return (
      sheets
        .slice(start, end)
        .map((sheet) => sheet.outerHTML)
        .join('') + hidden
    )
  })
  // The document around the sheets: no scripts (the measurer is not needed to print).
  root.replaceChildren(document.createComment(partsMarker))
  const shell = document.documentElement.cloneNode(true) as HTMLElement
  for (const script of shell.querySelectorAll('script')) script.remove()
  const encoder = new TextEncoder()
  const digests = await Promise.all(
    partMarkup.map(async (markup) => {
      const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(markup)))
      return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')
    })
  )
  return {shell: `<!DOCTYPE html>${shell.outerHTML}`, digests}
}

/** One part's markup: to show it in this page, or for the other renderer. */
export function partSheets(part: number): string {
  return partMarkup[part]!
}
