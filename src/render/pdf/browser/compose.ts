/**
 * Composing the pages the paginator planned: the flow is cut out of the galley page by page
 * (a DOM range from the galley's start to the page's last break point), notes are moved
 * from the note galley to the foot of the pages that cite them, and each page gets its
 * running head and number. Then the document is nothing but pages, ready to print.
 */
import type {ComposeInput, ComposeResult} from '../model.ts'
import {toEnd} from '../note-parts.ts'
import type {BreakPosition, State} from './measure.ts'
import {cutAt, hyphenBefore, lineStart, pointOf, splitChain, type Point} from './points.ts'
import {columnWidths, dropLeadingMargins, endWithHyphen, markSplits} from './splits.ts'
import {verify} from './verify.ts'

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
      if (part.toLine === toEnd) continue
      const point = lineStart(state.notes[part.note]!, state.noteBounds[part.note]![part.toLine - 1]!)
      noteCuts.set(`${part.note}:${part.toLine}`, {point, hyphen: hyphenBefore(point)})
    }
  }

  const range = document.createRange()
  let floating: DocumentFragment | undefined
  for (const [index, page] of input.plan.pages.entries()) {
    const number = index + 1
    const sheet = element('div', `page ${number % 2 === 1 ? 'recto' : 'verso'}${page.opensChapter ? ' opens-chapter' : ''}`)
    const body = element('div', 'page-body')
    /** The galley's flow up to `point`, out of the galley. */
    const cut = (point: Point, position: BreakPosition) => {
      const chain = splitChain(point, galley)
      range.setStart(galley, 0)
      cutAt(range, point)
      const fragment = range.extractContents()
      markSplits(fragment, chain, position, columns)
      return fragment
    }
    if (floating) body.append(floating)
    floating = undefined
    if (page.to > page.from) {
      if (page.deferred !== undefined) {
        // The flow passes over a figure, which waits for the top of the next page.
        body.append(cut(pointOf(state.positions[page.deferred]!, galley), state.positions[page.deferred]!))
        floating = cut(pointOf(state.positions[page.deferred + 1]!, galley), state.positions[page.deferred + 1]!)
      }
      const fragment = cut(ends[index]!, state.positions[page.to]!)
      endWithHyphen(fragment, endHyphens[index]!)
      body.append(fragment)
    }
    dropLeadingMargins(body)
    sheet.append(body)

    // Always there, empty or not: its top is where the flow must end.
    const notes = element('div', 'page-notes')
    sheet.append(notes)
    if (page.notes.length > 0) {
      notes.append(element('div', 'note-rule'))
      for (const part of page.notes) {
        const note = state.notes[part.note]!
        if (part.toLine === toEnd) {
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
    const head = chapter ? (number % 2 === 1 ? chapter.recto : chapter.verso) : ''
    if (!page.opensChapter && !page.blank && head) sheet.append(artifact(element('div', 'running-head', head)))
    if (!input.unnumbered.includes(number) && !page.blank) sheet.append(artifact(element('div', 'folio', String(number))))
    if (page.overfull) sheet.dataset['overfull'] = 'true'
    pagesRoot.append(sheet)
  }

  for (const slot of pagesRoot.querySelectorAll('.toc-page[data-target]')) {
    slot.textContent = String(input.pageOfId[slot.getAttribute('data-target') ?? ''] ?? '')
  }
  document.getElementById('galley')?.remove()
  document.getElementById('note-galley')?.remove()
  const verified = input.verify ? verify(pagesRoot) : {overflowing: [], lonelyLines: [], strandedHeadings: []}
  // Chromium makes a `Div` of every element whose role is `group` (and of no other) that
  // paints something: a chapter's piece on a page that holds only a floated figure has none.
  const groups = [...pagesRoot.querySelectorAll('[role="group"]')].filter((group) => {
    const paints = Boolean(group.textContent?.trim()) || group.querySelector('img, svg, canvas, video') !== null
    if (!paints) group.removeAttribute('role')
    return paints
  })
  const tags = groups.map((group) => {
    const role = group.getAttribute('data-pdf-role') ?? 'Div'
    return {role, key: group.getAttribute('data-pdf-key') ?? '', lang: group.getAttribute('data-pdf-lang') ?? '', text: role === 'Code' ? textOf(group) : ''}
  })
  const links = [...pagesRoot.querySelectorAll('a[href]')].map((link) =>
    (link.getAttribute('aria-label') ?? link.textContent ?? '')
      .replace(/\u00ad/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  )
  return {...verified, tags, links}
}

/** The text an element holds as written: without its artifacts (a divided word's hyphen) or soft hyphens. */
function textOf(root: Element): string {
  const copy = root.cloneNode(true) as Element
  for (const artifact of copy.querySelectorAll('[data-pdf-role="Artifact"]')) artifact.remove()
  return (copy.textContent ?? '').replace(/\u00ad/g, '').replace(/\n$/, '')
}

/** Running heads, page numbers, the hyphens of divided words: not content (see `pdf-roles.ts`). */
export function artifact(created: HTMLElement): HTMLElement {
  created.setAttribute('role', 'group')
  created.setAttribute('aria-label', 'Artifact')
  created.setAttribute('data-pdf-role', 'Artifact')
  return created
}

function element(tag: string, className: string, text?: string): HTMLElement {
  const created = document.createElement(tag)
  created.className = className
  if (text !== undefined) created.textContent = text
  return created
}
