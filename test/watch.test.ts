/**
 * `folio watch`: serves the web edition on the loopback interface, puts a changed reading in
 * the served page, reloads the open page by itself (keeping its place), shows problems in a
 * banner, never writes its script into the edition, and stops on Ctrl-C.
 */
import {spawn} from 'node:child_process'
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import puppeteer from 'puppeteer-core'
import {describe, expect, it} from 'vitest'
import {findBrowser} from '../src/browser/find.ts'
import {launchArgs} from '../src/browser/session.ts'
import {editionIn, projectRoot, temporaryFolder} from './helpers/index.ts'

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, seconds = 60): Promise<T> {
  const end = Date.now() + seconds * 1000
  while (Date.now() < end) {
    const value = await check()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`Timed out waiting for ${what}`)
}

describe('folio watch', () => {
  it('serves the web edition and reloads the page when a reading changes', async () => {
    const pack = path.join(temporaryFolder(), 'pack')
    cpSync(path.join(projectRoot, 'content'), pack, {recursive: true})
    const out = temporaryFolder()
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin/folio.js'), 'watch', pack, '--out', out, '--port', '0', '--cache', temporaryFolder()], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const browser = await puppeteer.launch({executablePath: (await findBrowser()).executablePath, args: launchArgs(process.getuid?.() === 0)})
    try {
      const url = await until('the server', () => /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1])
      const served = await (await fetch(url)).text()
      expect(served).toContain('The IOM and the Trump administration')
      // The live-reload script is in the page as served, never in the edition on disk.
      expect(served).toContain('__folio/events')
      const written = readFileSync(editionIn(out, '.html'), 'utf8')
      expect(written).not.toContain('__folio')

      const page = await browser.newPage()
      await page.setViewport({width: 1000, height: 700})
      await page.goto(url, {waitUntil: 'load'})
      await page.evaluate(() => {
        window.scrollTo(0, 900)
        ;(window as unknown as {beforeReload: boolean}).beforeReload = true
      })
      await page.waitForFunction(() => window.scrollY === 900)

      const reading = path.join(pack, 'introduction.md')
      writeFileSync(reading, `${readFileSync(reading, 'utf8')}\nA sentence written while watching.\n`)
      await until('the change in the served page', async () =>
        (await (await fetch(url)).text()).includes('A sentence written while watching.') ? true : undefined
      )
      // The open page reloaded by itself: what the old page held is gone, the new text is there, the place is kept.
      await page.waitForFunction(
        () => !(window as unknown as {beforeReload?: boolean}).beforeReload && document.body.innerText.includes('A sentence written while watching.'),
        {timeout: 30_000}
      )
      expect(await page.evaluate(() => window.scrollY)).toBe(900)

      // A problem in the content shows in the terminal and in a banner on the page.
      writeFileSync(reading, `${readFileSync(reading, 'utf8')}\nAs [@nobody-wrote-this] says.\n`)
      await page.waitForFunction(() => document.querySelector('#folio-problems')?.textContent?.includes('nobody-wrote-this'), {timeout: 30_000})
      await until('the warning in the terminal', () => (stderr.includes('nobody-wrote-this') ? true : undefined))
    } finally {
      await browser.close()
      child.kill('SIGINT')
    }
    expect(await exited).toBe(0)
  })
})
