#!/usr/bin/env node
// Prints the browser Folio would render with (src/browser/find.ts decides) and exits 0, or
// exits 1 when there is none. The GitHub Action runs it to install Chromium only when needed.
import {register} from 'tsx/esm/api'

register()
const {findBrowser} = await import('../src/browser/find.ts')

try {
  const found = await findBrowser()
  console.log(found.executablePath)
} catch {
  process.exitCode = 1
}
