/**
 * The composer's own checks of the pages it made, for tests and the benchmark: they cost a
 * layout of every page, which printing would do anyway but later.
 */
import type {ComposeResult} from '../model.ts'
import {isContainer, lineBands, probe} from './dom.ts'

export function verify(root: Element): Pick<ComposeResult, 'overflowing' | 'lonelyLines' | 'strandedHeadings'> {
  const result: Pick<ComposeResult, 'overflowing' | 'lonelyLines' | 'strandedHeadings'> = {overflowing: [], lonelyLines: [], strandedHeadings: []}
  for (const [index, page] of [...root.children].entries()) {
    const body = page.querySelector('.page-body')
    const notes = page.querySelector('.page-notes')
    if (!body || !notes) continue
    if (lastContentBottom(body) > notes.getBoundingClientRect().top + 1) result.overflowing.push(index + 1)
    const divided = [...body.querySelectorAll('.split-line, .split-start')].filter(
      (element) => !isContainer(element) && !/^(PRE|TABLE|THEAD|TBODY|TR)$/.test(element.tagName)
    )
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
