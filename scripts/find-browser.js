#!/usr/bin/env node
// Prints the browser Folio would render with (src/browser/find.ts decides) and exits 0, or
// exits 1 when there is none. The GitHub Action runs it to install Chromium only when needed.
import {existsSync} from 'node:fs'

// The compiled finder when `npm ci` has made lib/, else the source through tsx.
const compiled = new URL('../lib/browser/find.js', import.meta.url)
let finder
if (existsSync(compiled)) finder = await import(compiled.href)
else {
  const {register} = await import('tsx/esm/api')
  register()
  finder = await import('../src/browser/find.ts')
}

try {
  const found = await finder.findBrowser()
  console.log(found.executablePath)
} catch {
  process.exitCode = 1
}
