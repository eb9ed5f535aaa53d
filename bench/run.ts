/**
 * `npm run bench`: how long the PDF edition of a book takes, against the floor of Chromium
 * printing the same pack's web edition by itself (`chromium --headless --print-to-pdf`).
 *
 * The machine is shared and noisy, so the two are measured in turns, several times, in one
 * run, and the figure that matters is their ratio. Peak memory is the whole process tree's
 * (Node and every Chromium process), sampled every 50 ms.
 */
import {spawn} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, statSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {findBrowser} from '../src/browser/find.ts'
import {launchArgs} from '../src/browser/session.ts'
import {writeSyntheticPack} from '../test/helpers/synthetic-pack.ts'

const root = fileURLToPath(new URL('../', import.meta.url))
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3)
const readings = Number(process.env['BENCH_READINGS'] ?? 111)

interface Run {
  seconds: number
  peakMiB: number
  stderr: string
}

/** Run a command to its end, sampling the RSS of its whole process tree. */
function measure(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, {cwd: root, env: {...process.env, ...env}, stdio: ['ignore', 'ignore', 'pipe']})
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    let peak = 0
    const timer = setInterval(() => (peak = Math.max(peak, treeRss(child.pid!))), 50)
    child.on('error', reject)
    child.on('close', (code) => {
      clearInterval(timer)
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr}`))
      else resolve({seconds: (performance.now() - started) / 1000, peakMiB: peak / 1024, stderr})
    })
  })
}

/** Resident memory of a process and all its descendants, KiB. */
function treeRss(pid: number): number {
  let total = 0
  const stack = [pid]
  while (stack.length > 0) {
    const current = stack.pop()!
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${current}/status`, 'utf8'))?.[1] ?? 0)
      for (const task of readdirSync(`/proc/${current}/task`)) {
        stack.push(...readFileSync(`/proc/${current}/task/${task}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number))
      }
    } catch {
      // The process ended between two looks.
    }
  }
  return total
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const work = mkdtempSync(path.join(os.tmpdir(), 'folio-bench-'))
const pack = writeSyntheticPack(path.join(work, 'pack'), {readings})
const out = path.join(work, 'out')
const folio = [path.join(root, 'bin/folio.js'), pack, '--out', out, '--quiet']
await measure(process.execPath, [...folio, '--format', 'html'])
const html = path.join(
  out,
  readdirSync(out).find((name) => name.endsWith('.html'))!
)
const browser = await findBrowser()
const floorArgs = [
  ...launchArgs(process.getuid?.() === 0),
  '--headless',
  '--disable-gpu',
  '--no-pdf-header-footer',
  `--print-to-pdf=${path.join(work, 'floor.pdf')}`,
  `file://${html}`
]

console.log(`pack: ${readings} readings, ${(statSync(html).size / 1048576).toFixed(1)} MiB of HTML; browser: ${browser.executablePath}`)
const floors: Run[] = []
const ours: Run[] = []
for (let round = 1; round <= rounds; round++) {
  floors.push(await measure(browser.executablePath, floorArgs))
  ours.push(await measure(process.execPath, [...folio, '--format', 'pdf'], {FOLIO_TIMINGS: '1'}))
  console.log(`round ${round}: floor ${floors.at(-1)!.seconds.toFixed(2)} s, folio ${ours.at(-1)!.seconds.toFixed(2)} s`)
}

const pdf = path.join(
  out,
  readdirSync(out).find((name) => name.endsWith('.pdf'))!
)
const pages = (file: string) => (readFileSync(file, 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length
const floor = median(floors.map((run) => run.seconds))
const folioSeconds = median(ours.map((run) => run.seconds))
console.log(
  `\nfloor (chromium --print-to-pdf of the web edition): ${floor.toFixed(2)} s, ${pages(path.join(work, 'floor.pdf'))} pages, peak ${median(floors.map((run) => run.peakMiB)).toFixed(0)} MiB`
)
console.log(
  `folio --format pdf:                                 ${folioSeconds.toFixed(2)} s, ${pages(pdf)} pages, peak ${median(ours.map((run) => run.peakMiB)).toFixed(0)} MiB`
)
console.log(`ratio (median folio / median floor):                ${(folioSeconds / floor).toFixed(2)}x   (bar: 2.00x)`)
console.log(`\nwhere the last folio run spent its time:\n${ours.at(-1)!.stderr.trim()}`)
