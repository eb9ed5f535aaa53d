/**
 * Finding a browser: an environment variable first, then the PATH, then Puppeteer's cache,
 * and a message that says what to install when there is none.
 */
import {chmodSync, mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {BrowserNotFoundError, findBrowser} from '../src/browser/find.ts'
import {launchArgs} from '../src/browser/session.ts'
import {temporaryFolder} from './helpers/index.ts'

function fakeExecutable(folder: string, name: string): string {
  mkdirSync(folder, {recursive: true})
  const file = path.join(folder, name)
  writeFileSync(file, '#!/bin/sh\n')
  chmodSync(file, 0o755)
  return file
}

describe('findBrowser', () => {
  it('prefers FOLIO_BROWSER over everything else', async () => {
    const folder = temporaryFolder()
    const chosen = fakeExecutable(path.join(folder, 'mine'), 'my-chrome')
    fakeExecutable(path.join(folder, 'bin'), 'chromium')
    const found = await findBrowser({FOLIO_BROWSER: chosen, PATH: path.join(folder, 'bin')})
    expect(found).toEqual({executablePath: chosen, from: 'FOLIO_BROWSER'})
  })

  it('refuses a variable that names no executable, saying what to do', async () => {
    await expect(findBrowser({FOLIO_BROWSER: '/nowhere/chrome', PATH: ''})).rejects.toThrow(
      /FOLIO_BROWSER is set to `\/nowhere\/chrome`[\s\S]*apt-get install -y chromium/
    )
  })

  it('finds chromium on the PATH', async () => {
    const folder = temporaryFolder()
    const chromium = fakeExecutable(path.join(folder, 'bin'), 'chromium')
    expect(await findBrowser({PATH: path.join(folder, 'bin'), PUPPETEER_CACHE_DIR: folder})).toEqual({executablePath: chromium, from: 'PATH'})
  })

  it("finds Google Chrome on the PATH as GitHub's Ubuntu runners install it", async () => {
    const folder = temporaryFolder()
    const chrome = fakeExecutable(path.join(folder, 'bin'), 'google-chrome')
    expect(await findBrowser({PATH: ['/nowhere', path.join(folder, 'bin')].join(path.delimiter), PUPPETEER_CACHE_DIR: folder})).toEqual({
      executablePath: chrome,
      from: 'PATH'
    })
  })

  it("falls back to a browser in Puppeteer's cache", async () => {
    const cache = temporaryFolder()
    const chrome = fakeExecutable(path.join(cache, 'chrome', 'linux-131.0.6778.204', 'chrome-linux64'), 'chrome')
    const found = await findBrowser({PATH: '', PUPPETEER_CACHE_DIR: cache})
    expect(found.executablePath).toBe(chrome)
  })

  it('explains what to install when there is no browser at all', async () => {
    const error = await findBrowser({PATH: '', PUPPETEER_CACHE_DIR: temporaryFolder()}).catch((error: unknown) => error)
    expect(error).toBeInstanceOf(BrowserNotFoundError)
    expect(String(error)).toMatch(/No Chromium or Chrome found[\s\S]*apt-get install -y chromium[\s\S]*FOLIO_BROWSER=/)
  })

  it('turns the sandbox off only for root', () => {
    expect(launchArgs(true)).toContain('--no-sandbox')
    expect(launchArgs(false)).not.toContain('--no-sandbox')
    expect(launchArgs(false)).toEqual(
      expect.arrayContaining(['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'])
    )
  })
})
