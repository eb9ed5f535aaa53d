/**
 * One browser per build, started when an edition first needs it, and pages that can reach
 * nothing: every request other than inline `data:` content is refused, so rendering never
 * touches the network or the disk whatever the content says.
 */
import type {Browser, Page} from 'puppeteer-core'
import {findBrowser} from './find.ts'

/** Flags for a quiet, offline, reproducible headless Chromium. */
export function launchArgs(asRoot: boolean): string[] {
  return [
    // Chromium refuses to start as root with its sandbox on; only then do we turn it off.
    ...(asRoot ? ['--no-sandbox'] : []),
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
    // Unhinted glyph metrics, so line breaks do not depend on the machine's font settings.
    '--font-render-hinting=none'
  ]
}

export class BrowserSession {
  #browser: Promise<Browser> | undefined

  browser(): Promise<Browser> {
    this.#browser ??= findBrowser().then(async ({executablePath}) =>
      (await import('puppeteer-core')).default.launch({
        executablePath,
        headless: true,
        args: launchArgs(process.getuid?.() === 0),
        protocolTimeout: 600_000,
        // Puppeteer's 30 s is not enough on a busy two-core machine.
        timeout: 120_000
      })
    )
    return this.#browser
  }

  /** A new page whose requests are limited to `data:` and `about:` URLs. */
  async page(): Promise<Page> {
    const browser = await this.browser()
    const page = await browser.newPage()
    await page.setRequestInterception(true)
    page.on('request', (request) => {
      const url = request.url()
      if (url.startsWith('data:') || url.startsWith('about:')) void request.continue()
      else void request.abort('blockedbyclient')
    })
    return page
  }

  async close(): Promise<void> {
    const browser = this.#browser
    this.#browser = undefined
    // A browser that never started was reported to whatever needed it; closing must not throw
    // that failure again over the build's own result (content errors come first).
    const launched = await browser?.catch(() => undefined)
    await launched?.close()
  }
}
