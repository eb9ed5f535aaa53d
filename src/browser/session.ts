/**
 * One browser per build, started when an edition first needs it, and pages that can reach
 * nothing: every request other than inline `data:` content (and the document Folio hands a
 * page, `load`) is refused, so rendering never touches the network or the disk whatever the
 * content says.
 *
 * The browser cannot outlive the build: it talks to Folio over a pipe (Chromium quits when
 * the pipe closes, so also when Node is killed), every call into it has a time-out, and
 * closing it (or a signal, through `onInterrupt`) kills what is left of its processes and
 * removes its profile folder. A profile left by a Folio that was killed outright is removed
 * by the next build.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Browser, Page} from 'puppeteer-core'
import {onInterrupt} from '../util/cleanup.ts'
import {MachineFault} from '../util/faults.ts'
import {findBrowser} from './find.ts'
import {killProcess, killProcessesUsing, profilePrefix, removeProfile, removeStaleProfiles} from './processes.ts'

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

/** Time-outs of the browser, in milliseconds. */
export const browserTimeouts = {
  /** From starting the executable to its first answer (Puppeteer's 30 s is not enough on a busy two-core machine). */
  launch: 60_000,
  /**
   * Any one call into the browser (a page load, a layout, printing the PDF): long enough to
   * print a book of a hundred readings on a busy machine, short enough that a browser which
   * stops answering ends the build inside two minutes.
   */
  operation: 90_000,
  /** Closing politely before its processes are killed. */
  close: 3_000
} as const

export class BrowserSession {
  #browser: Promise<Browser> | undefined
  #profile: string | undefined
  #forget: (() => void) | undefined
  /** The file each page is loading (`load`), the one file it may request. */
  readonly #loading = new WeakMap<Page, string>()
  #documents = 0
  /** How the browser ended when it was not closed by `close`: its exit and the reason it gave. */
  #died: string | undefined
  #exit: Promise<void> | undefined

  browser(): Promise<Browser> {
    this.#browser ??= this.#launch()
    return this.#browser
  }

  /**
   * Start the browser ahead of need, while the readings are parsed. A start that fails then
   * (a parse that holds the event loop can outlast the launch time-out) is forgotten, so the
   * edition that needs the browser starts it again and reports its own failure.
   */
  prelaunch(): void {
    const attempt = this.browser()
    attempt.catch(() => {
      if (this.#browser === attempt) void this.close()
    })
  }

  async #launch(): Promise<Browser> {
    const {executablePath} = await findBrowser()
    removeStaleProfiles()
    const profile = mkdtempSync(path.join(os.tmpdir(), `${profilePrefix}${process.pid}-`))
    this.#profile = profile
    let launched: Browser | undefined
    this.#forget = onInterrupt(() => {
      killProcess(launched)
      // A browser still starting has no handle yet, but it names its profile on its command line.
      killProcessesUsing(profile)
      removeProfile(profile)
    })
    try {
      launched = await (
        await import('puppeteer-core')
      ).default.launch({
        executablePath,
        headless: true,
        args: launchArgs(process.getuid?.() === 0),
        pipe: true,
        userDataDir: profile,
        timeout: browserTimeouts.launch,
        protocolTimeout: browserTimeouts.operation,
        // Folio's CLI handles signals itself (and removes the profile too).
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false
      })
    } catch (error) {
      throw new MachineFault(`The browser \`${executablePath}\` did not start: ${firstLine(error)}`)
    }
    this.#watchExit(launched)
    return launched
  }

  /** Remember how the browser ends unless `close` ends it, with the reason it gave. */
  #watchExit(browser: Browser): void {
    const child = browser.process()
    if (!child) return
    const current = this.#browser
    let said = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      said = (said + chunk.toString('utf8')).slice(-2000)
    })
    this.#exit = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (this.#browser === current) {
          // Chromium's own account of a crash; the rest of what it writes is noise (D-Bus, GPU).
          const last = said.split('\n').findLast((line) => /FATAL|Check failed|Received signal|Out of memory/i.test(line))
          this.#died = `quit with ${signal ?? `code ${code}`}${last ? `: ${last.trim()}` : ''}`
        }
        resolve()
      })
    )
  }

  /**
   * Run `work`, which uses the browser, again in a new browser when the browser quit under it
   * (crashed or was killed; a browser that froze is reported by the time-outs): a crash seen
   * once on a busy machine should not fail a build. `retrying` hears why. When the new
   * browser quits too, the failure says how it ended.
   */
  async again<T>(work: () => Promise<T>, retrying: (why: string) => void): Promise<T> {
    try {
      return await work()
    } catch (error) {
      const died = await this.#whetherDied()
      if (!died) throw error
      await this.close()
      retrying(`The browser ${died}; the editions were made again in a new one`)
    }
    try {
      return await work()
    } catch (error) {
      const died = await this.#whetherDied()
      throw died ? new MachineFault(`The browser ${died}`) : error
    }
  }

  /** How the browser ended, if it did: its pipe closes before Node hears of its exit, so wait a little for that. */
  async #whetherDied(): Promise<string | undefined> {
    const launched = await this.#browser?.catch(() => undefined)
    if (launched?.connected === false && this.#exit) await Promise.race([this.#exit, new Promise((resolve) => setTimeout(resolve, 2000).unref())])
    return this.#died
  }

  /** A new page whose requests are limited to `data:` and `about:` URLs. */
  async page(): Promise<Page> {
    let browser = await this.browser()
    // A browser kept between builds (a watch) that has since died is started again.
    if (!browser.connected) {
      await this.close()
      browser = await this.browser()
    }
    const page = await browser.newPage()
    page.setDefaultTimeout(browserTimeouts.operation)
    await page.setRequestInterception(true)
    page.on('request', (request) => {
      const url = request.url()
      if (url.startsWith('data:') || url.startsWith('about:') || this.#loading.get(page) === url) void request.continue()
      else void request.abort('blockedbyclient')
    })
    return page
  }

  /**
   * Load `html` into `page` as its document, up to its load event. Chromium reads it from a
   * file in the browser's profile folder rather than through the protocol, as
   * `page.setContent` sends it, which takes three times as long (the print document of 111
   * readings, 3.4 MB: 1.2 s → 0.4 s). The page may request that one file while it loads, and
   * the file is removed once it has; the document's own URLs are still limited as above.
   */
  async load(page: Page, html: string): Promise<void> {
    const profile = this.#profile
    if (!profile) throw new Error('The browser was closed before a document was loaded')
    const file = path.join(profile, `document-${++this.#documents}.html`)
    writeFileSync(file, html)
    const url = pathToFileURL(file).href
    this.#loading.set(page, url)
    try {
      await page.goto(url, {waitUntil: 'load'})
    } finally {
      this.#loading.delete(page)
      rmSync(file, {force: true})
    }
  }

  /** Close the browser (killing it when it does not answer) and remove its profile. Never throws. */
  async close(): Promise<void> {
    const browser = this.#browser
    this.#browser = undefined
    this.#died = undefined
    this.#exit = undefined
    // A browser that never started was reported to whatever needed it; closing must not throw
    // that failure again over the build's own result (content errors come first).
    const launched = await browser?.catch(() => undefined)
    if (launched) {
      await Promise.race([launched.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, browserTimeouts.close).unref())])
      killProcess(launched)
    }
    if (this.#profile) removeProfile(this.#profile)
    this.#profile = undefined
    this.#forget?.()
    this.#forget = undefined
  }
}

/** Puppeteer's errors when the browser died, froze or was closed under a call, as a fault of the machine. */
export function browserFault(error: unknown): MachineFault | undefined {
  if (error instanceof MachineFault) return error
  const name = (error as Error | undefined)?.name ?? ''
  const message = firstLine(error)
  if (
    ['TimeoutError', 'ProtocolError', 'TargetCloseError', 'ConnectionClosedError'].includes(name) ||
    /Target closed|Session closed|Connection closed|Navigating frame was detached|Protocol error|browser has disconnected|timed out/i.test(message)
  )
    return new MachineFault(`The browser stopped answering: ${message}`)
  return undefined
}

function firstLine(error: unknown): string {
  return String((error as Error | undefined)?.message ?? error).split('\n')[0] ?? ''
}
