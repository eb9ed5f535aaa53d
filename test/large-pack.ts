/**
 * `npm run large-pack`: the EPUB of a 111-reading pack (the bench's synthetic book,
 * `helpers/synthetic-pack.ts`) against Ace and against the PDF of the same build. Too slow
 * for the suite (the build takes minutes, Ace on 230 documents more), so a script:
 *
 * - Ace reports no critical or serious violation;
 * - the page break before each reading's title in the EPUB carries the page number the PDF's
 *   contents gives for that reading (read with pdftotext, in the contents' order).
 *
 * Prints the figures (readings, contents pages, Ace's counts by impact, the seconds each step
 * took) and each mismatch; exits 1 when there is any.
 */
import path from 'node:path'
import {ace, contentDocuments, editionIn, epubFiles, folio, pdfPages, temporaryFolder} from './helpers/index.ts'
import {writeSyntheticPack} from './helpers/synthetic-pack.ts'

const readings = Number(process.argv[2] ?? 111)
const seconds = (start: number) => ((performance.now() - start) / 1000).toFixed(1)

// `npm run large-pack -- 111 DIR` checks the editions an earlier run left in DIR again.
const earlier = process.argv[3]
const out = earlier ?? temporaryFolder('folio-large-out-')
let start = performance.now()
if (!earlier) {
  const pack = writeSyntheticPack(path.join(temporaryFolder('folio-large-'), 'pack'), {readings})
  const run = folio([pack, '--out', out, '--format', 'pdf,epub', '--quiet'], {SOURCE_DATE_EPOCH: '1700000000'})
  if (run.status !== 0) throw new Error(`folio exited ${run.status}:\n${run.stderr}`)
  console.log(`built ${readings} readings (PDF and EPUB) in ${seconds(start)} s`)
}
const file = (extension: string) => editionIn(out, extension)
const problems: string[] = []

// The contents as printed: each entry's first line ends with its page number.
const pages = pdfPages(file('.pdf'))
const first = pages.findIndex((page) => page.trimStart().startsWith('Contents'))
const entryLines = (index: number) =>
  pages[index]!.split('\n').flatMap((line) => {
    const match = /^\s*(\S.*?)\s{2,}(\d+)\s*$/.exec(line)
    return match ? [{line: match[1]!, page: Number(match[2])}] : []
  })
// The contents run from their heading to the page before the first reading's.
const firstReading = entryLines(first)[0]?.page ?? first + 2
const contentsPages = Array.from({length: Math.max(1, firstReading - 1 - first)}, (_, offset) => first + offset)
const entries = contentsPages.flatMap(entryLines)

// Each reading's document in the EPUB: its title, and the last page break before it.
const documents = [...contentDocuments(await epubFiles(file('.epub')))].filter(([name]) => /^r\d+-.*\.xhtml$/.test(name) && !name.endsWith('-references.xhtml'))
documents.sort(([a], [b]) => a.localeCompare(b, 'en', {numeric: true}))
if (documents.length !== readings) problems.push(`${documents.length} reading documents in the EPUB, expected ${readings}`)
for (const [index, [name, xhtml]] of documents.entries()) {
  const heading = /<h[12] class="reading-title"[^>]*>([\s\S]*?)<\/h[12]>/.exec(xhtml)
  const title = (heading?.[1] ?? '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  const before = xhtml.slice(0, heading?.index ?? 0)
  const pagebreak = [...before.matchAll(/<span epub:type="pagebreak"[^>]*aria-label="([^"]+)"/g)].at(-1)?.[1]
  const entry = entries[index]
  if (!entry || !title.startsWith(entry.line.replace(/\s+/g, ' ')))
    problems.push(`${name}: “${title}” is not entry ${index + 1} of the contents (“${entry?.line}”)`)
  else if (pagebreak !== String(entry.page)) problems.push(`${name}: page break ${pagebreak ?? 'missing'} before the title, the contents says ${entry.page}`)
}
for (const problem of problems) console.log(problem)
console.log(`contents: ${entries.length} entries on PDF pages ${contentsPages.map((index) => index + 1).join(', ')}; ${documents.length} readings compared`)

start = performance.now()
// Ace reads each of the 230-odd documents in a browser: a quarter of an hour on a busy machine.
const report = await ace(file('.epub'), 3_600_000)
console.log(`Ace in ${seconds(start)} s: ${JSON.stringify(report.impacts)}`)
const serious = report.violations.filter((violation) => / (critical|serious) /.test(violation))
for (const violation of serious) console.log(`Ace: ${violation}`)
problems.push(...serious)

console.log(problems.length === 0 ? 'no problems' : `${problems.length} problems`)
process.exit(problems.length === 0 ? 0 : 1)
