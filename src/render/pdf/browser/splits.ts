/**
 * What a cut leaves on both sides: the two halves of every divided element marked and fixed
 * up (lists keep counting, tables keep their header and columns, a divided word its hyphen),
 * and the margins at the top of a page dropped.
 */
import type {BreakPosition} from './measure.ts'

/**
 * After a cut, the galley keeps the second half of every divided element and the page gets
 * copies holding the first half (the last children down the fragment). The first halves end
 * justified and hyphenated; the second halves lose their ids (the first half is the link
 * target), their indent and list markers, and continue numbered lists and table headers.
 */
export function markSplits(fragment: DocumentFragment, chain: Element[], position: BreakPosition, columns: Map<HTMLTableElement, number[]>): void {
  let copy: Element | null = fragment.lastElementChild
  for (const original of chain) {
    if (!copy) break
    copy.classList.add('split-end')
    // The line cut in two: its first half ends with a full, justified line.
    if ('block' in position && original === position.block) copy.classList.add('split-line')
    original.classList.add('split-start')
    original.removeAttribute('id')
    if (original instanceof HTMLOListElement && copy instanceof HTMLOListElement) {
      const items = [...copy.children].filter((child) => child.tagName === 'LI').length
      const divided = chain.some((element) => element.tagName === 'LI' && element.parentElement === original)
      original.start = copy.start + items - (divided ? 1 : 0)
    }
    if (original instanceof HTMLTableElement && copy instanceof HTMLTableElement) {
      if (copy.tHead && !original.tHead) original.insertBefore(copy.tHead.cloneNode(true), original.firstChild)
      const widths = columns.get(original)
      if (widths) for (const table of [copy, original]) fixColumns(table, widths)
    }
    copy = copy.lastElementChild
  }
}

/** Widths of a table's columns as laid out whole, from its first row. */
export function columnWidths(table: HTMLTableElement): number[] {
  const row = table.rows[0]
  return row ? [...row.cells].map((cell) => cell.getBoundingClientRect().width) : []
}

/**
 * Both halves of a divided table keep the columns the whole table had; laid out on its own,
 * each half would size its columns to its own rows.
 */
function fixColumns(table: HTMLTableElement, widths: number[]): void {
  if (widths.length === 0 || table.querySelector(':scope > colgroup.fixed-columns')) return
  const group = document.createElement('colgroup')
  group.className = 'fixed-columns'
  for (const width of widths) {
    const column = document.createElement('col')
    column.style.width = `${width}px`
    group.append(column)
  }
  table.insertBefore(group, table.tHead ?? table.tBodies[0] ?? null)
  table.style.tableLayout = 'fixed'
}

/**
 * A word divided at a soft hyphen shows its hyphen at the foot of the page. A soft hyphen at
 * the end of a block draws nothing, so it gives way to a typed hyphen. Typed, the hyphen is
 * kerned with the letter before it and can be a fraction of a pixel wider than the one
 * Chromium drew, enough to push the word to a new line; a small negative margin takes that
 * back (the hyphen may hang into the margin by as much, as in fine book typography).
 */
export function endWithHyphen(root: Node, divided: boolean): void {
  if (!divided) return
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  let last: Text | undefined
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if ((node as Text).data.trim()) last = node as Text
  if (!last || !last.data.endsWith('\u00ad')) return
  last.data = last.data.slice(0, -1)
  const hyphen = document.createElement('span')
  hyphen.className = 'break-hyphen'
  hyphen.textContent = '-'
  // Not content: the PDF's finisher makes it an artifact (see `pdf-roles.ts`).
  hyphen.setAttribute('role', 'group')
  hyphen.setAttribute('aria-label', 'Artifact')
  hyphen.setAttribute('data-pdf-role', 'Artifact')
  last.after(hyphen)
}

/** The first block of a page starts at the top of the text area, whatever its margin. */
export function dropLeadingMargins(body: Element): void {
  for (let node = body.firstElementChild; node; node = node.firstElementChild) {
    ;(node as HTMLElement).style.marginTop = '0'
  }
}
