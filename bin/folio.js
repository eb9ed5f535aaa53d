#!/usr/bin/env node
// The `folio` command: runs the CLI bundled into lib/bin/ by `npm ci` (`prepare`) or
// `node scripts/compile.js`. Development runs the sources with tsx instead (`npm run dev`).
import {existsSync} from 'node:fs'

const compiled = new URL('../lib/bin/folio.js', import.meta.url)
if (!existsSync(compiled)) {
  console.error('folio: lib/ is missing; run `npm ci` or `node scripts/compile.js` first')
  process.exit(2)
}
const {main} = await import(compiled.href)
process.exitCode = await main(process.argv.slice(2))
