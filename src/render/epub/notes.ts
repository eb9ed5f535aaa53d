/**
 * A reading's notes as EPUB pop-up footnotes: one `<aside role="doc-footnote">` per note
 * after the text (`epub:type` follows from the role), its number first and a link back to
 * the reference last. Reading systems that pop notes up (Apple Books, Kobo, Thorium) hide
 * these asides from the flow; the others show them at the end of the reading.
 */
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import type {WithNotes} from '../../pack/model.ts'
import {withBacklink} from '../shared/front-back.ts'
import {wordsFor} from '../../words.ts'

export function footnoteAsides(reading: WithNotes): Element[] {
  const words = wordsFor(reading.lang)
  return reading.notes.map((note) => {
    const children = withBacklink(note, words.backToText)
    const number = h('span', {className: ['note-number']}, `${note.number}.`)
    const first = children[0]
    // The number opens the note's first paragraph, as in print; a note that starts with a
    // list or a quotation gets its number on a line of its own.
    if (first?.type === 'element' && first.tagName === 'p') first.children.unshift(number, {type: 'text', value: ' '})
    else children.unshift(h('p', [number]))
    return h('aside', {id: note.id, role: 'doc-footnote', className: ['footnote'], ariaLabel: `${words.note} ${note.number}`}, children as ElementContent[])
  })
}
