/**
 * The cover: the pack's own image when `pack.yaml` names one, else one drawn from the pack's
 * title, subtitle and editors (or authors) in the project's typefaces, rendered to PNG by the
 * build's browser. The same pack gives the same pixels, so the same bytes.
 */
import type {Element} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {installFonts} from '../shared/install-fonts.ts'
import type {BrowserSession} from '../../browser/session.ts'
import {peopleOf, type Pack} from '../../pack/model.ts'
import {template} from '../shared/assets.ts'
import {fontFacesFor} from '../shared/fonts.ts'
import {courseLines} from '../shared/front-back.ts'
import {packAuthors} from '../shared/head.ts'
import {joinNames, wordsFor} from '../../words.ts'

/** Size of a rendered cover, in CSS pixels (2:3, what e-book stores ask for). */
export const coverSize = {width: 1600, height: 2400} as const

export interface CoverImage {
  data: Uint8Array
  mediaType: string
}

/** Who the cover names: the editors of a pack, else the authors of its readings. */
export function coverPeople(pack: Pack): {role: string | undefined; names: string} {
  const editors = peopleOf(pack, pack.editorIds).map((person) => person.name)
  if (editors.length > 0) return {role: wordsFor(pack.lang).editedBy, names: joinNames(editors, pack.lang)}
  return {role: undefined, names: joinNames(packAuthors(pack), pack.lang)}
}

/** The cover's text alternative: everything it shows, in reading order. */
export function coverAlt(pack: Pack): string {
  const words = wordsFor(pack.lang)
  const people = coverPeople(pack)
  const parts = [
    `${words.cover}: ${pack.title}`,
    pack.subtitle,
    ...coverCourse(pack),
    people.names ? [people.role, people.names].filter(Boolean).join(' ') : undefined
  ]
  return parts.filter(Boolean).join('. ') + '.'
}

/** The course as the cover names it: code and title, then term and institution. */
function coverCourse(pack: Pack): string[] {
  return courseLines(pack).slice(0, pack.course?.instructorIds.length ? -1 : undefined)
}

/** The cover as a page for the browser to photograph. */
export function coverPage(pack: Pack): string {
  const people = coverPeople(pack)
  const course = coverCourse(pack)
  const text: Element = h('div', {className: ['text']}, [
    ...(course.length > 0
      ? [
          h(
            'p',
            {className: ['course']},
            course.flatMap((line, index) => (index > 0 ? [h('br'), line] : [line]))
          )
        ]
      : []),
    h('h1', {className: ['title']}, pack.title),
    ...(pack.subtitle ? [h('p', {className: ['subtitle']}, pack.subtitle)] : []),
    h('hr', {className: ['rule']}),
    ...(people.names ? [h('p', {className: ['people']}, [...(people.role ? [h('span', {className: ['role']}, people.role)] : []), people.names])] : [])
  ])
  const body = h('body', [h('div', {className: ['cover']}, [h('div', {className: ['band']}), text])])
  const css = template('css/cover.css')
  return toHtml({
    type: 'root',
    children: [{type: 'doctype'}, h('html', {lang: pack.lang}, [h('head', [h('meta', {charSet: 'utf-8'}), h('style', css)]), body])]
  })
}

export async function renderCover(pack: Pack, session: BrowserSession): Promise<CoverImage> {
  const page = await session.page()
  try {
    await page.setViewport({...coverSize, deviceScaleFactor: 1})
    await page.setContent(coverPage(pack), {waitUntil: 'load'})
    await installFonts(page, fontFacesFor([pack.title, pack.subtitle, ...coverCourse(pack), ...Object.values(coverPeople(pack))].join(' ')))
    await page.evaluate(async () => {
      await document.fonts.ready
      // A long title shrinks until the text fits the cover.
      const box = document.querySelector<HTMLElement>('.text')
      const title = document.querySelector<HTMLElement>('.title')
      if (!box || !title) return
      for (let size = 132; size > 40 && box.scrollHeight > box.clientHeight; size -= 4) title.style.fontSize = `${size}px`
    })
    // Headless Chromium draws only the page in front, and a screenshot waits for a frame: the
    // galley's page, opened while the cover is drawn, would leave this one without any.
    await page.bringToFront()
    const data = await page.screenshot({type: 'png', clip: {x: 0, y: 0, ...coverSize}})
    return {data: new Uint8Array(data), mediaType: 'image/png'}
  } finally {
    await page.close()
  }
}
