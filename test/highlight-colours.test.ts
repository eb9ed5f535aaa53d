/**
 * Highlighted code keeps WCAG AA contrast (4.5:1) on every background it is set on: the web
 * page's code background, the print edition's and white (the EPUB has none of its own), and
 * stays dark enough to read when printed in greyscale.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {projectRoot} from './helpers/index.ts'

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light! + 0.05) / (dark! + 0.05)
}

const css = (name: string) => readFileSync(path.join(projectRoot, 'templates/css', name), 'utf8')
const background = (sheet: string) => /pre \{[^}]*background: (#[0-9a-f]{6})/.exec(sheet)![1]!

describe('colours of highlighted code', () => {
  const base = css('base.css')
  const colours = [...base.matchAll(/^\.pl-[^{]+\{[^}]*color: (#[0-9a-f]{6})/gm)].map((match) => match[1]!)

  it('are AA on the web, print and e-reader backgrounds, and dark in greyscale', () => {
    expect(colours.length).toBeGreaterThanOrEqual(6)
    for (const back of [background(base), background(css('print.css')), '#ffffff']) {
      for (const colour of colours) expect(contrast(colour, back), `${colour} on ${back}`).toBeGreaterThanOrEqual(4.5)
    }
    // Greyscale keeps luminance: every token reads as a dark grey (below 40% of white's).
    for (const colour of colours) expect(luminance(colour)).toBeLessThan(0.4)
  })
})
