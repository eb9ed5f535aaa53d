#!/usr/bin/env node
// Runs after `npm ci` / `npm install` (in `prepare`, after the compile): makes sure a browser is there for the PDF and the
// EPUB cover. On a Debian-like machine, as root, with none found, it installs Debian's
// chromium; anywhere else it says what to install. It never fails the install.
// Set FOLIO_SKIP_BROWSER_INSTALL=1 to only check.
import {spawnSync} from 'node:child_process'
// Runs from `prepare`, after scripts/compile.js has made lib/.
const {findBrowser, installAdvice} = await import('../lib/browser/find.js')

try {
  const found = await findBrowser()
  console.log(`folio: rendering with ${found.executablePath} (from ${found.from})`)
} catch {
  const asRoot = process.getuid?.() === 0
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], {stdio: 'ignore'}).status === 0
  if (asRoot && hasApt && !process.env.FOLIO_SKIP_BROWSER_INSTALL) {
    console.log("folio: no browser found; installing Debian's chromium (set FOLIO_SKIP_BROWSER_INSTALL=1 to skip)")
    const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'}
    const update = spawnSync('apt-get', ['update'], {stdio: 'inherit', env})
    const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {stdio: 'inherit', env}) : update
    if (install.status !== 0) console.warn(`folio: could not install chromium.\n${installAdvice}`)
  } else {
    console.warn(`folio: no browser found.\n${installAdvice}`)
  }
}
