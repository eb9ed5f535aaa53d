#!/usr/bin/env node
// Turns `folio --reporter json`'s report into the GitHub Action's outputs, in the format
// `$GITHUB_OUTPUT` reads (name<<delimiter, the lines, delimiter), on stdout. A report that is
// missing or not JSON (the build stopped before writing one) gives only the report's path.
import {randomUUID} from 'node:crypto'
import {readFileSync} from 'node:fs'

const file = process.argv[2]
let report
try {
  report = JSON.parse(readFileSync(file, 'utf8'))
} catch {
  report = {outputs: [], packs: []}
}

const outputs = report.outputs ?? []
const values = {
  editions: outputs.filter((output) => output.format !== 'site').map((output) => output.path),
  html: outputs.filter((output) => output.format === 'html').map((output) => output.path),
  pdf: outputs.filter((output) => output.format === 'pdf').map((output) => output.path),
  epub: outputs.filter((output) => output.format === 'epub').map((output) => output.path),
  site: outputs.filter((output) => output.format === 'site').map((output) => output.path),
  checksums: (report.packs ?? []).map((pack) => pack.checksums).filter(Boolean),
  report: [file]
}

for (const [name, lines] of Object.entries(values)) {
  // A delimiter no path can contain, as GitHub's own toolkit makes them.
  const delimiter = `ghadelimiter_${randomUUID()}`
  process.stdout.write(`${name}<<${delimiter}\n${lines.map((line) => `${line}\n`).join('')}${delimiter}\n`)
}
