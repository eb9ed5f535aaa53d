/**
 * Composing the pages the paginator planned: the flow is cut out of the galley page by page
 * (a DOM range from the galley's start to the page's last break point), notes are moved
 * from the note galley to the foot of the pages that cite them, and each page gets its
 * running head and number. Then the document is nothing but pages, ready to print.
 */
import type {PagePlan} from '../model.ts'
import {isContainer, lineBands, probe} from './dom.ts'
import type {BreakPosition, State} from './measure.ts'

export interface ComposeInput {
  plan: PagePlan
  /** Page number of each chapter's first page, by the chapter element's id. */
  pageOfId: Record<string, number>
  /** Pages that show no page number (the title page). */
  unnumbered: number[]
  /** Check the composed pages (overflow, orphans, widows, stranded headings): costs a layout. */
  verify: boolean
}

export interface ComposeResult {
  /** With `verify`: pages whose flow runs into the notes or past the text area. */
  overflowing: number[]
  /** With `verify`: pages that end or start with a single line of a divided paragraph. */
  lonelyLines: number[]
  /** With `verify`: pages whose flow ends with a heading. */
  strandedHeadings: number[]
}

export function compose(state: State, input: ComposeInput): ComposeResult {
  const galley = document.getElementById('galley')!
  const pagesRoot = document.getElementById('pages')!
  const chapters = [...galley.children].map((element) => ({verso: element.getAttribute('data-verso') ?? '', recto: element.getAttribute('data-recto') ?? ''}))

  // Every cut is found before anything moves, while the galley is as it was measured.
  const ends = input.plan.pages.map((page) => pointOf(state.positions[page.to]!, galley))
  const endHyphens = ends.map(hyphenBefore)
  const columns = new Map<HTMLTableElement, number[]>()
  for (const end of ends) {
    for (const element of splitChain(end, galley)) {
      if (element instanceof HTMLTableElement && !columns.has(element)) columns.set(element, columnWidths(element))
    }
  }
  const noteCuts = new Map<string, {point: Point; hyphen: boolean}>()
  for (const page of input.plan.pages) {
    for (const part of page.notes) {
      if (part.toLine === -1) continue
      const point = lineStart(state.notes[part.note]!, state.noteBounds[part.note]![part.toLine - 1]!)
      noteCuts.set(`${part.note}:${part.toLine}`, {point, hyphen: hyphenBefore(point)})
    }
  }

  const range = document.createRange()
  for (const [index, page] of input.plan.pages.entries()) {
    const number = index + 1
    const sheet = element('div', `page ${number % 2 === 1 ? 'recto' : 'verso'}${page.opensChapter ? ' opens-chapter' : ''}`)
    const body = element('div', 'page-body')
    if (page.to > page.from) {
      const end = ends[index]!
      const chain = splitChain(end, galley)
      range.setStart(galley, 0)
      cutAt(range, end)
      const fragment = range.extractContents()
      markSplits(fragment, chain, state.positions[page.to]!, columns)
      endWithHyphen(fragment, endHyphens[index]!)
      body.append(fragment)
      dropLeadingMargins(body)
    }
    sheet.append(body)

    // Always there, empty or not: its top is where the flow must end.
    const notes = element('div', 'page-notes')
    sheet.append(notes)
    if (page.notes.length > 0) {
      notes.append(element('div', 'note-rule'))
      for (const part of page.notes) {
        const note = state.notes[part.note]!
        if (part.toLine === -1) {
          notes.append(note)
          continue
        }
        const cut = noteCuts.get(`${part.note}:${part.toLine}`)!
        range.setStart(note, 0)
        cutAt(range, cut.point)
        const first = note.cloneNode(false) as HTMLElement
        first.append(range.extractContents())
        first.classList.add('split-end')
        ;[...first.querySelectorAll('p')].at(-1)?.classList.add('split-line')
        endWithHyphen(first, cut.hyphen)
        notes.append(first)
        note.removeAttribute('id')
        note.classList.add('fn-continued')
      }
    }

    const chapter = chapters[page.chapter]
    if (!page.opensChapter && chapter) sheet.append(element('div', 'running-head', number % 2 === 1 ? chapter.recto : chapter.verso))
    if (!input.unnumbered.includes(number)) sheet.append(element('div', 'folio', String(number)))
    if (page.overfull) sheet.dataset['overfull'] = 'true'
    pagesRoot.append(sheet)
  }

  for (const slot of pagesRoot.querySelectorAll('.toc-page[data-target]')) {
    slot.textContent = String(input.pageOfId[slot.getAttribute('data-target') ?? ''] ?? '')
  }
  document.getElementById('galley')?.remove()
  document.getElementById('note-galley')?.remove()
  const verified = input.verify ? verify(pagesRoot) : {overflowing: [], lonelyLines: [], strandedHeadings: []}
  return verified
}

function element(tag: string, className: string, text?: string): HTMLElement {
  const created = document.createElement(tag)
  created.className = className
  if (text !== undefined) created.textContent = text
  return created
}

/**
 * A place to cut, found before the first cut: a character of a text node (its offset in the
 * node as it was), the gap before a node, or the end of an element. Not a live Range: a
 * thousand live ranges, each updated at every node the cuts move, cost seconds.
 */
type Point = {text: Text; offset: number} | {before: Node} | {atEnd: Element}

/** Characters already cut off the start of a text node (a paragraph over three pages). */
const trimmed = new WeakMap<Text, number>()

/** Make `point` the end of `range`, allowing for what earlier cuts took. */
function cutAt(range: Range, point: Point): void {
  if ('text' in point) {
    range.setEnd(point.text, point.offset - (trimmed.get(point.text) ?? 0))
    trimmed.set(point.text, point.offset)
  } else if ('before' in point) range.setEndBefore(point.before)
  else range.setEnd(point.atEnd, point.atEnd.childNodes.length)
}

function pointOf(position: BreakPosition, galley: Element): Point {
  if ('end' in position) return {atEnd: galley}
  if ('before' in position) return {before: position.before}
  return lineStart(position.block, position.y)
}

/**
 * The start of the first line below `y` in `block`: the first character whose glyph lies
 * below it, by binary search over the block's text.
 */
function lineStart(block: Element, y: number): Point {
  const texts: Text[] = []
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text)
  const starts: number[] = []
  let total = 0
  for (const text of texts) {
    starts.push(total)
    total += text.data.length
  }
  const locate = (offset: number): [Text, number] => {
    let low = 0
    let high = texts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (starts[middle]! <= offset) low = middle
      else high = middle - 1
    }
    return [texts[low]!, offset - starts[low]!]
  }
  /**
   * Middle of the glyph at `offset`, or of the next visible one (collapsed spaces have no
   * box). The middle, because a font's glyph boxes may be taller than the line and overlap
   * the next line's.
   */
  const middleAt = (offset: number): number => {
    for (let at = offset; at < total; at++) {
      const [node, index] = locate(at)
      probe.setStart(node, index)
      probe.setEnd(node, index + 1)
      // The last box: the character after a hyphenated line break also reports the
      // hyphen drawn at the end of the line before.
      const box = [...probe.getClientRects()].at(-1)
      if (box && box.height > 0) return (box.top + box.bottom) / 2
    }
    return Number.POSITIVE_INFINITY
  }
  let low = 0
  let high = total
  while (low < high) {
    const middle = (low + high) >> 1
    if (middleAt(middle) > y) high = middle
    else low = middle + 1
  }
  // Start the next page at the glyph itself, not at white space collapsed before it (in
  // code, white space is kept: indentation belongs to the next line).
  const collapsible = !getComputedStyle(block).whiteSpace.startsWith('pre')
  while (collapsible && low < total) {
    const [node, index] = locate(low)
    if (!/\s/.test(node.data[index] ?? '')) break
    low++
  }
  const [node, index] = locate(Math.min(low, total))
  return {text: node, offset: index}
}

/** The elements a cut at `point` divides in two: its ancestors below the galley. */
function splitChain(point: Point, galley: Element): Element[] {
  const chain: Element[] = []
  let node: Node | null = 'text' in point ? point.text.parentNode : 'before' in point ? point.before.parentNode : null
  for (; node && node !== galley; node = node.parentNode) chain.unshift(node as Element)
  return chain
}

/**
 * After a cut, the galley keeps the second half of every divided element and the page gets
 * copies holding the first half (the last children down the fragment). The first halves end
 * justified and hyphenated; the second halves lose their ids (the first half is the link
 * target), their indent and list markers, and continue numbered lists and table headers.
 */
function markSplits(fragment: DocumentFragment, chain: Element[], position: BreakPosition, columns: Map<HTMLTableElement, number[]>): void {
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

/** Whether the line before `point` ends at a soft hyphen, where Chromium drew a hyphen. */
function hyphenBefore(point: Point): boolean {
  return 'text' in point && point.offset > 0 && point.text.data[point.offset - 1] === '\u00ad'
}

/** Widths of a table's columns as laid out whole, from its first row. */
function columnWidths(table: HTMLTableElement): number[] {
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
function endWithHyphen(root: Node, divided: boolean): void {
  if (!divided) return
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  let last: Text | undefined
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if ((node as Text).data.trim()) last = node as Text
  if (!last || !last.data.endsWith('\u00ad')) return
  last.data = last.data.slice(0, -1)
  const hyphen = document.createElement('span')
  hyphen.className = 'break-hyphen'
  hyphen.textContent = '-'
  last.after(hyphen)
}

/** The first block of a page starts at the top of the text area, whatever its margin. */
function dropLeadingMargins(body: Element): void {
  for (let node = body.firstElementChild; node; node = node.firstElementChild) {
    ;(node as HTMLElement).style.marginTop = '0'
  }
}

function verify(root: Element): Pick<ComposeResult, 'overflowing' | 'lonelyLines' | 'strandedHeadings'> {
  const result: Pick<ComposeResult, 'overflowing' | 'lonelyLines' | 'strandedHeadings'> = {overflowing: [], lonelyLines: [], strandedHeadings: []}
  for (const [index, page] of [...root.children].entries()) {
    const body = page.querySelector('.page-body')
    const notes = page.querySelector('.page-notes')
    if (!body || !notes) continue
    if (lastContentBottom(body) > notes.getBoundingClientRect().top + 1) result.overflowing.push(index + 1)
    const divided = [...body.querySelectorAll('.split-line, .split-start')].filter((element) => !isContainer(element) && !/^(PRE|TABLE|THEAD|TBODY|TR)$/.test(element.tagName))
    if (divided.some((element) => lineBands(element).length < 2)) result.lonelyLines.push(index + 1)
    let last = body.lastElementChild
    while (last && isContainer(last) && last.lastElementChild) last = last.lastElementChild
    if (last && /^H[1-6]$/.test(last.tagName)) result.strandedHeadings.push(index + 1)
  }
  return result
}

/** Bottom of the last rendered line of a page's flow (trailing margins do not count). */
function lastContentBottom(body: Element): number {
  const range = probe
  range.selectNodeContents(body)
  let bottom = body.getBoundingClientRect().top
  for (const box of range.getClientRects()) if (box.height > 0) bottom = Math.max(bottom, box.bottom)
  return bottom
}
