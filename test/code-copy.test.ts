/**
 * Copying wrapped code from the web page gives the lines as written: each source line is a
 * block that wraps under itself, and the continuation mark is drawn by CSS (a background of
 * `::before`), so it is no part of the text a reader selects and copies.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import puppeteer from 'puppeteer-core'
import {beforeAll, describe, expect, it} from 'vitest'
import {findBrowser} from '../src/browser/find.ts'
import {launchArgs} from '../src/browser/session.ts'
import {fixturesRoot, folio, temporaryFolder} from './helpers/index.ts'

const source = path.join(fixturesRoot, 'packs', 'scholarly', 'code.md')

/** The fenced blocks of the Markdown, as written. */
function fences(markdown: string): string[] {
  return [...markdown.matchAll(/^```[^\n]*\n([\s\S]*?)\n```$/gm)].map((match) => match[1]!)
}

interface Block {
  copied: string
  /** Per source line: how many lines it takes on screen. */
  screenLines: number[]
  /** What each line's `::before` (the mark) puts in the text: CSS `content`. */
  markContents: string[]
}

describe('copying code from the web page', () => {
  let blocks: Block[]

  beforeAll(async () => {
    const out = temporaryFolder()
    const run = folio([source, '--out', out, '--format', 'html', '--quiet'])
    expect(run.status, run.stderr).toBe(0)
    const {executablePath} = await findBrowser()
    const browser = await puppeteer.launch({executablePath, headless: true, args: launchArgs(process.getuid?.() === 0), timeout: 120_000})
    try {
      const page = await browser.newPage()
      // A phone's width, where the long lines must wrap.
      await page.setViewport({width: 390, height: 900})
      await page.setContent(readFileSync(path.join(out, 'code.html'), 'utf8'), {waitUntil: 'load'})
      blocks = await page.evaluate(() =>
        [...document.querySelectorAll('pre')].map((pre) => {
          // What a reader gets by selecting the whole block and copying it.
          const range = document.createRange()
          range.selectNodeContents(pre)
          const selection = getSelection()!
          selection.removeAllRanges()
          selection.addRange(range)
          const lines = [...pre.querySelectorAll<HTMLElement>('.line')]
          const lineHeight = Number.parseFloat(getComputedStyle(pre).lineHeight)
          return {
            copied: selection.toString(),
            screenLines: lines.map((line) => Math.round(line.getBoundingClientRect().height / lineHeight)),
            markContents: lines.map((line) => getComputedStyle(line, '::before').content)
          }
        })
      )
    } finally {
      await browser.close()
    }
  }, 300_000)

  it('gives each block as written, although its long lines wrap on screen', () => {
    const written = fences(readFileSync(source, 'utf8'))
    expect(blocks.map((block) => block.copied)).toEqual(written)
    // The Rust block's println! line and the shell line wrap at 390 px: the test copies wrapped lines.
    expect(Math.max(...blocks[0]!.screenLines)).toBeGreaterThan(1)
    expect(Math.max(...blocks[2]!.screenLines)).toBeGreaterThan(1)
    for (const block of blocks) expect(block.copied).not.toMatch(/[↪\u21b3]/)
  })

  it('draws the continuation mark with CSS, outside the text', () => {
    for (const block of blocks) for (const content of block.markContents) expect(content).toBe('""')
  })
})
