/**
 * A page asked for while the print document is made (so the browser opens it meanwhile) is
 * closed when making the document fails: else the browser holds it until the build ends, and
 * a watch holds it for good.
 */
import type {Page} from 'puppeteer-core'
import {describe, expect, it} from 'vitest'
import {whileOpening} from '../src/render/pdf/load-page.ts'

function fakePage(closed: string[], name: string): Page {
  return {close: async () => void closed.push(name)} as unknown as Page
}

describe('pages opened while the print document is made', () => {
  it('are closed once open when it fails, and left open when it does not', async () => {
    const closed: string[] = []
    const opening = [Promise.resolve(fakePage(closed, 'a')), new Promise<Page>((resolve) => setTimeout(() => resolve(fakePage(closed, 'b')), 20))]
    expect(() =>
      whileOpening(opening, () => {
        throw new Error('no document')
      })
    ).toThrow('no document')
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(closed.sort()).toEqual(['a', 'b'])

    const kept: string[] = []
    expect(whileOpening([Promise.resolve(fakePage(kept, 'c'))], () => 'made')).toBe('made')
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(kept).toEqual([])
  })

  it('lets a page that failed to open fail without an unhandled rejection', async () => {
    const failing = Promise.reject(new Error('no browser'))
    expect(() =>
      whileOpening([failing], () => {
        throw new Error('no document')
      })
    ).toThrow('no document')
    await new Promise((resolve) => setTimeout(resolve, 20))
  })
})
