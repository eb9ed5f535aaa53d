/**
 * Measuring the galley: every place a page may end, with the positions the paginator needs,
 * in one pass over the laid-out print document. The break points themselves stay in the
 * page (`state`) for the composer.
 */
import {BreakKind, type Measured, type MeasuredNote} from '../model.ts'
import {blockChildren, boundaries, isAtomic, isContainer, keepsWithNext, lineBands, verticalPadding, type Band} from './dom.ts'

/** A break point the composer can find again: before an element, or at a line's start. */
export type BreakPosition = {before: Element} | {block: Element; y: number} | {end: true}

export interface State {
  positions: BreakPosition[]
  notes: HTMLElement[]
  /** Absolute line boundaries of each note, for splitting it. */
  noteBounds: number[][]
}

/** Fewest lines left at the foot of a page (orphans) or carried to the next (widows). */
const minLines = 2

/** A figure, or a paragraph that is only an image. */
function isFloat(element: Element): boolean {
  if (element.tagName === 'FIGURE') return true
  if (element.tagName !== 'P' || element.textContent?.trim()) return false
  const images = element.querySelectorAll('img, svg')
  return images.length === 1 && element.children.length === 1
}

export function measure(state: State): Measured {
  const galley = document.getElementById('galley')!
  const chaptersElements = [...galley.children]
  const y0: number[] = []
  const y1: number[] = []
  const kind: BreakKind[] = []
  const chapter: number[] = []
  const floats: number[] = []
  let current = 0

  const push = (bottom: number, top: number, how: BreakKind, position: BreakPosition) => {
    y0.push(bottom)
    y1.push(top)
    kind.push(how)
    chapter.push(current)
    state.positions.push(position)
  }
  const sum = (pads: Band[], side: 'top' | 'bottom') => pads.reduce((total, pad) => total + pad[side], 0)

  function visit(element: Element, pads: Band[]): void {
    if (isAtomic(element)) return
    if (element.tagName === 'TABLE') return rows(element as HTMLTableElement, pads)
    if (isContainer(element)) return children(element, pads)
    lines(element, pads)
  }

  function children(element: Element, pads: Band[]): void {
    const inner = [...pads, verticalPadding(element)]
    const kids = blockChildren(element)
    for (const [index, kid] of kids.entries()) {
      if (index > 0) {
        const before = kids[index - 1]!
        const forbidden = keepsWithNext(before) || kid.tagName === 'FIGCAPTION' || element.classList.contains('keep-together')
        push(
          before.getBoundingClientRect().bottom + sum(inner, 'bottom'),
          kid.getBoundingClientRect().top - sum(inner, 'top'),
          forbidden ? BreakKind.Forbidden : BreakKind.Allowed,
          {before: kid}
        )
      }
      // Only figures directly in a chapter float: one inside a list or a quotation stays put.
      if (element.parentElement === galley && isFloat(kid)) floats.push(y0.length - 1)
      visit(kid, inner)
    }
  }

  function rows(table: HTMLTableElement, pads: Band[]): void {
    const body = [...table.tBodies].flatMap((section) => [...section.rows])
    const head = table.tHead?.getBoundingClientRect().height ?? 0
    const inner = [...pads, verticalPadding(table)]
    for (let index = 1; index < body.length; index++) {
      // The next page repeats the header row above the rows it continues with.
      push(
        body[index - 1]!.getBoundingClientRect().bottom + sum(inner, 'bottom'),
        body[index]!.getBoundingClientRect().top - head - sum(inner, 'top'),
        BreakKind.Allowed,
        {before: body[index]!}
      )
    }
  }

  function lines(block: Element, pads: Band[]): void {
    const bands = lineBands(block)
    if (bands.length < 2 * minLines) return
    const inner = [...pads, verticalPadding(block)]
    const at = boundaries(bands)
    for (let k = minLines; k <= bands.length - minLines; k++) {
      const y = at[k - 1]!
      push(y + sum(inner, 'bottom'), y - sum(inner, 'top'), BreakKind.Allowed, {block, y})
    }
  }

  const chapters = chaptersElements.map((element, index) => {
    current = index
    const box = element.getBoundingClientRect()
    if (index === 0) push(box.top, box.top, BreakKind.Allowed, {before: element})
    else push(chaptersElements[index - 1]!.getBoundingClientRect().bottom, box.top, BreakKind.Forced, {before: element})
    children(element, [])
    return {
      id: element.id,
      verso: element.getAttribute('data-verso') ?? '',
      recto: element.getAttribute('data-recto') ?? '',
      ...(element.hasAttribute('data-opens-recto') ? {opensRecto: true} : {})
    }
  })
  const end = chaptersElements.at(-1)?.getBoundingClientRect().bottom ?? 0
  push(end, end, BreakKind.Forced, {end: true})

  const refs: Array<[number, number]> = [...galley.querySelectorAll('a.noteref[data-note]')].map((ref) => [
    Number(ref.getAttribute('data-note')),
    ref.getBoundingClientRect().bottom - 1
  ])

  state.notes = [...document.querySelectorAll<HTMLElement>('#note-galley .fn')]
  const notes: MeasuredNote[] = state.notes.map((element) => {
    const box = element.getBoundingClientRect()
    const bounds = boundaries(lineBands(element))
    state.noteBounds.push(bounds)
    return {height: box.height, pad: verticalPadding(element).top, bounds: bounds.map((y) => y - box.top)}
  })
  const separator = document.querySelector('#note-galley .note-rule')?.getBoundingClientRect().height ?? 0

  const headings = [...galley.querySelectorAll('h1, h2, h3, h4')].map((heading) => {
    const copy = heading.cloneNode(true) as Element
    // A bookmark names the heading, not its note numbers or its references' pages ("(p. 4)").
    for (const ref of copy.querySelectorAll('.noteref, .xref-page')) ref.remove()
    return {
      title: (copy.textContent ?? '')
        .replace(/\u00ad/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
      level: Number(heading.tagName.slice(1)),
      y: heading.getBoundingClientRect().top
    }
  })

  const xrefs = [...galley.querySelectorAll('.xref-page[data-target]')].map((slot) => {
    const target = document.getElementById(slot.getAttribute('data-target') ?? '')
    return {
      y: slot.getBoundingClientRect().bottom - 1,
      targetY: target && galley.contains(target) ? target.getBoundingClientRect().top : undefined,
      pageWord: slot.getAttribute('data-page-word') ?? 'p.'
    }
  })

  return {
    breaks: {y0, y1, kind, chapter},
    refs,
    notes,
    chapters,
    noteSeparator: separator,
    headings: headings.filter((heading) => heading.title),
    floats,
    xrefs
  }
}
