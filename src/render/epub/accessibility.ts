/**
 * Accessibility metadata that is true of this book (EPUB Accessibility 1.1, schema.org
 * vocabulary), worked out from its documents rather than asserted: a book whose images all
 * have text alternatives says so and claims WCAG 2.1 AA; one with undescribed images says
 * that visual reading is needed for them and claims nothing.
 */
import type {Element} from 'hast'
import {toString} from 'hast-util-to-string'
import {visit} from '../../util/visit.ts'
import type {BookDocument} from './documents.ts'

export interface AccessibilityFacts {
  /** Images and drawings, the cover included. */
  images: number
  /** Of those, how many have a text alternative. */
  described: number
  /** GIFs may animate: flashing cannot be ruled out. */
  mayAnimate: boolean
}

export interface AccessibilityMetadata {
  accessModes: string[]
  accessModesSufficient: string[]
  features: string[]
  hazards: string[]
  summary: string
  /** `EPUB Accessibility 1.1 - WCAG 2.1 Level AA`, when the book meets it. */
  conformsTo: string | undefined
}

export const conformance = 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA'

export function accessibilityFacts(documents: BookDocument[]): AccessibilityFacts {
  const facts: AccessibilityFacts = {images: 0, described: 0, mayAnimate: false}
  for (const document of documents) {
    for (const child of document.body) {
      visit(child, 'element', (node: Element) => {
        // A decorative image (`{.decorative}`) needs no description and is not content.
        if (node.tagName === 'img' && node.properties['role'] === 'presentation' && node.properties['alt'] === '') return
        if (node.tagName === 'img') {
          facts.images++
          if (String(node.properties['alt'] ?? '').trim()) facts.described++
          if (
            String(node.properties['src'] ?? '')
              .toLowerCase()
              .endsWith('.gif')
          )
            facts.mayAnimate = true
        }
        if (node.tagName === 'svg') {
          facts.images++
          const title = node.children.find((svgChild): svgChild is Element => svgChild.type === 'element' && svgChild.tagName === 'title')
          if (String(node.properties['ariaLabel'] ?? '').trim() || (title && toString(title).trim())) facts.described++
        }
      })
    }
  }
  return facts
}

export function accessibilityMetadata(facts: AccessibilityFacts): AccessibilityMetadata {
  const allDescribed = facts.described === facts.images
  const visual = facts.images > 0
  const features = ['structuralNavigation', 'tableOfContents', 'readingOrder', 'ARIA', 'displayTransformability']
  if (visual && allDescribed) features.push('alternativeText')
  const hazards = facts.mayAnimate ? ['unknownFlashingHazard', 'noMotionSimulationHazard', 'noSoundHazard'] : ['none']
  const summary = [
    'This publication has a table of contents, headings that give its structure, and a reading order that follows the text.',
    'Notes are linked to and from their references.',
    visual
      ? allDescribed
        ? 'Every image has a text alternative.'
        : `${facts.images - facts.described} of its ${facts.images} images have no text alternative.`
      : undefined,
    'Text can be resized and restyled in the reading system.',
    allDescribed ? 'It meets WCAG 2.1 Level AA as far as automated checking can tell.' : undefined
  ]
  return {
    accessModes: visual ? ['textual', 'visual'] : ['textual'],
    accessModesSufficient: visual ? (allDescribed ? ['textual', 'textual,visual'] : ['textual,visual']) : ['textual'],
    features,
    hazards,
    summary: summary.filter(Boolean).join(' '),
    conformsTo: allDescribed ? conformance : undefined
  }
}
