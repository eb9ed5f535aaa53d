/**
 * Finding a Chromium or Chrome to render with, in this order: an environment variable
 * (`FOLIO_BROWSER`, then Puppeteer's `PUPPETEER_EXECUTABLE_PATH`, then `CHROME_PATH`), a
 * browser on the `PATH`, a browser in Puppeteer's cache.
 */
import {accessSync, constants, statSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface FoundBrowser {
  executablePath: string
  /** Where it was found, for messages. */
  from: string
}

/** Variables that may name the browser, most specific first. */
export const browserVariables = ['FOLIO_BROWSER', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const

/** Names of Chromium and Chrome executables on Linux and macOS `PATH`s. */
const executableNames = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome']

export class BrowserNotFoundError extends Error {}

export const installAdvice = [
  'Folio needs Chromium or Google Chrome to make the PDF and the EPUB cover. Any one of these works:',
  '  - Debian or Ubuntu: sudo apt-get install -y chromium',
  '  - Fedora: sudo dnf install chromium; macOS: brew install --cask chromium',
  '  - a browser you already have: FOLIO_BROWSER=/path/to/chrome npm run build',
  "  - Puppeteer's own copy: npx @puppeteer/browsers install chrome@stable --path ~/.cache/puppeteer",
  'The web edition needs no browser: npm run build:html'
].join('\n')

export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<FoundBrowser> {
  for (const name of browserVariables) {
    const value = env[name]
    if (!value) continue
    if (!isExecutable(value)) throw new BrowserNotFoundError(`${name} is set to \`${value}\`, which is not an executable file.\n${installAdvice}`)
    return {executablePath: value, from: name}
  }

  for (const directory of (env['PATH'] ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of executableNames) {
      const candidate = path.join(directory, name)
      if (isExecutable(candidate)) return {executablePath: candidate, from: 'PATH'}
    }
  }

  const cacheDir = env['PUPPETEER_CACHE_DIR'] ?? path.join(os.homedir(), '.cache', 'puppeteer')
  // Loaded only here: with its proxy agents (a JavaScript engine among them) it is a fifth of
  // the code a build would otherwise load at start.
  const {Browser, getInstalledBrowsers} = await import('@puppeteer/browsers')
  const installed = await getInstalledBrowsers({cacheDir}).catch(() => [])
  const usable = installed
    .filter((browser) => browser.browser === Browser.CHROME || browser.browser === Browser.CHROMIUM || browser.browser === Browser.CHROMEHEADLESSSHELL)
    .sort((a, b) => b.buildId.localeCompare(a.buildId, 'en', {numeric: true}))
    .find((browser) => isExecutable(browser.executablePath))
  if (usable) return {executablePath: usable.executablePath, from: `Puppeteer's cache (${cacheDir})`}

  throw new BrowserNotFoundError(`No Chromium or Chrome found (looked at ${browserVariables.join(', ')}, the PATH and ${cacheDir}).\n${installAdvice}`)
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}
