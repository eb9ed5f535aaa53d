/**
 * `npm run bench`: how Folio's time compares with the references it must beat, on a synthetic
 * pack of 111 readings (about 700 pages) and on the default pack. Every figure is a ratio of
 * medians, the two sides measured in turns within one run, because the machine is shared and
 * noisy; peak memory is the whole process tree's (Node and every Chromium process, from
 * /proc every 50 ms), as PSS (shared pages split among their sharers) and as summed RSS, in
 * a run of each side of its own after the timed ones: reading a process's memory map stalls
 * it (the kernel locks the map), which cost the nine-process Folio tree up to a second in
 * five against Pandoc's one process when the timed runs were sampled too.
 *
 * - start-up: `folio --version` against `node -e 0`;
 * - the default pack's three editions, cold, against Chromium printing its web page;
 * - cold, unchanged and one-reading-changed rebuilds of the 111 readings' three editions;
 * - the EPUB and the web page against Pandoc (`--citeproc`) on the same Markdown, when installed;
 * - parse and transform against the bare unified chain (remark-parse, remark-gfm, remark-rehype,
 *   rehype-stringify) on the same readings, in this process;
 * - the PDF against Chromium's own print of the web page (`chromium --headless --print-to-pdf`);
 * - `folio watch`: how long a saved reading takes to reach the served page.
 *
 * `BENCH_ROUNDS` (default 3), `BENCH_READINGS` (default 111) and `BENCH_ONLY` (a comma-separated
 * list of: startup, default, rebuild, pandoc, unified, pdf, watch) choose what runs.
 */
import {spawn, spawnSync} from 'node:child_process'
import {appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {findBrowser} from '../src/browser/find.ts'
import {launchArgs} from '../src/browser/session.ts'
import {createCitationContext} from '../src/citations/context.ts'
import {loadInput} from '../src/load/load-input.ts'
import {createPipeline} from '../src/transform/pipeline.ts'
import {writeSyntheticPack} from '../test/helpers/synthetic-pack.ts'

const root = fileURLToPath(new URL('../', import.meta.url))
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3)
const readings = Number(process.env['BENCH_READINGS'] ?? 111)
const only = new Set((process.env['BENCH_ONLY'] ?? 'startup,default,rebuild,pandoc,unified,pdf,watch').split(',').map((name) => name.trim()))

interface Run {
  seconds: number
  /** User + system CPU seconds of the process and the children it waited for. */
  cpu: number
  /** Peak of the resident memory summed over the process tree (counts shared pages once per process); 0 when not sampled. */
  peakMiB: number
  /** Peak of the proportional set size summed over the tree: each shared page split among its sharers; 0 when not sampled. */
  peakPssMiB: number
  stderr: string
}

/**
 * Run a command to its end; with `sample`, read the memory of its whole process tree every
 * 50 ms (which slows it: time the runs that are not sampled).
 */
function measure(command: string, args: string[], env: NodeJS.ProcessEnv = {}, sample = false): Promise<Run> {
  const times = path.join(work, `time-${process.hrtime.bigint()}`)
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn('/usr/bin/time', ['-f', '%U %S', '-o', times, command, ...args], {
      cwd: root,
      env: {...process.env, ...env},
      stdio: ['ignore', 'ignore', 'pipe']
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    let peak = 0
    let peakPss = 0
    const timer = sample
      ? setInterval(() => {
          const {rss, pss} = treeMemory(child.pid!)
          peak = Math.max(peak, rss)
          peakPss = Math.max(peakPss, pss)
        }, 50)
      : undefined
    child.on('error', reject)
    child.on('close', (code) => {
      clearInterval(timer)
      const seconds = (performance.now() - started) / 1000
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr}`))
      const [user, system] = readFileSync(times, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number)
      resolve({seconds, cpu: (user ?? 0) + (system ?? 0), peakMiB: peak / 1024, peakPssMiB: peakPss / 1024, stderr})
    })
  })
}

/**
 * Memory of a process and all its descendants, KiB: resident (RSS) and proportional (PSS).
 * Chromium's eight or so processes share its 200 MB binary and much else, which summed RSS
 * counts once per process; PSS is what the tree takes from the machine.
 */
function treeMemory(pid: number): {rss: number; pss: number} {
  let rss = 0
  let pss = 0
  const stack = [pid]
  while (stack.length > 0) {
    const current = stack.pop()!
    try {
      rss += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${current}/status`, 'utf8'))?.[1] ?? 0)
      pss += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${current}/smaps_rollup`, 'utf8'))?.[1] ?? 0)
      for (const task of readdirSync(`/proc/${current}/task`)) {
        stack.push(...readFileSync(`/proc/${current}/task/${task}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number))
      }
    } catch {
      // The process ended between two looks.
    }
  }
  return {rss, pss}
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const seconds = (runs: Run[]) => median(runs.map((run) => run.seconds))
const fmt = (value: number) => `${value.toFixed(2)} s`
const summary: string[] = []
function report(line: string): void {
  console.log(line)
  summary.push(line)
}

const work = mkdtempSync(path.join(os.tmpdir(), 'folio-bench-'))
const folioBin = path.join(root, 'bin/folio.js')
const folio = (input: string, out: string, ...args: string[]) => [folioBin, input, '--out', out, '--quiet', ...args]
const fileIn = (folder: string, extension: string) =>
  path.join(
    folder,
    readdirSync(folder).find((name) => name.endsWith(extension))!
  )
const pages = (file: string) => (readFileSync(file, 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length
const browser = only.has('default') || only.has('pdf') ? await findBrowser() : undefined
const printArgs = (html: string, pdf: string) => [
  ...launchArgs(process.getuid?.() === 0),
  '--headless',
  '--disable-gpu',
  '--no-pdf-header-footer',
  `--print-to-pdf=${pdf}`,
  `file://${html}`
]

const pack = writeSyntheticPack(path.join(work, 'pack'), {readings})
const readingFiles = readFileSync(path.join(pack, 'pack.yaml'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('  - ') && line.endsWith('.md'))
  .map((line) => path.join(pack, line.slice(4)))
console.log(`folio bench: ${readings} readings, ${rounds} rounds, in ${work}\n`)

if (only.has('startup')) {
  const ours: Run[] = []
  const bare: Run[] = []
  for (let round = 0; round < rounds * 5; round++) {
    bare.push(await measure(process.execPath, ['-e', '0']))
    ours.push(await measure(process.execPath, [folioBin, '--version']))
  }
  report(
    `start-up: folio --version ${fmt(seconds(ours))} (median of ${ours.length}), node -e 0 ${fmt(seconds(bare))}; ratio ${(seconds(ours) / seconds(bare)).toFixed(2)}x`
  )
}

if (only.has('default')) {
  const out = path.join(work, 'default')
  await measure(process.execPath, folio(path.join(root, 'content'), out, '--format', 'html', '--no-cache'))
  const html = fileIn(out, '.html')
  const floors: Run[] = []
  const ours: Run[] = []
  for (let round = 0; round < rounds; round++) {
    floors.push(await measure(browser!.executablePath, printArgs(html, path.join(work, 'default-floor.pdf'))))
    ours.push(await measure(process.execPath, folio(path.join(root, 'content'), path.join(work, 'default-all'), '--no-cache')))
  }
  const cpu = (runs: Run[]) => median(runs.map((run) => run.cpu))
  report(
    `default pack, three editions cold: ${fmt(seconds(ours))} against Chromium printing its web page ${fmt(seconds(floors))}; ` +
      `ratio ${(seconds(ours) / seconds(floors)).toFixed(2)}x wall, ${(cpu(ours) / cpu(floors)).toFixed(2)}x CPU (bar: 2.00x wall)`
  )
}

if (only.has('rebuild')) {
  const cold: Run[] = []
  const unchanged: Run[] = []
  const changed: Run[] = []
  for (let round = 0; round < rounds; round++) {
    const cache = path.join(work, `cache-${round}`)
    const out = path.join(work, 'rebuild')
    cold.push(await measure(process.execPath, folio(pack, out, '--cache', cache)))
    unchanged.push(await measure(process.execPath, folio(pack, out, '--cache', cache)))
    appendFileSync(readingFiles[Math.floor(readingFiles.length / 2)]!, `\nA sentence added in round ${round + 1} of the bench.\n`)
    changed.push(await measure(process.execPath, folio(pack, out, '--cache', cache), {FOLIO_TIMINGS: '1'}))
    rmSync(cache, {recursive: true, force: true})
  }
  report(
    `rebuilds, ${readings} readings, three editions: cold ${fmt(seconds(cold))}; nothing changed ${fmt(seconds(unchanged))} ` +
      `(${(seconds(unchanged) / seconds(cold)).toFixed(2)}x, bar 0.20x); one reading changed ${fmt(seconds(changed))} ` +
      `(${(seconds(changed) / seconds(cold)).toFixed(2)}x, bar 0.40x)`
  )
  console.log(`  where the last one-reading-changed rebuild spent its time:\n${changed.at(-1)!.stderr.trimEnd()}`)
}

if (only.has('pandoc')) {
  if (spawnSync('pandoc', ['--version']).status !== 0) report('pandoc: not installed, skipped')
  else {
    for (const format of ['epub', 'html'] as const) {
      const pandocArgs = [
        '--citeproc',
        `--bibliography=${path.join(pack, 'references.bib')}`,
        `--resource-path=${pack}`,
        '--metadata=title:A synthetic course pack',
        ...(format === 'html' ? ['--standalone', '--self-contained', '--to=html5'] : ['--to=epub3']),
        `--output=${path.join(work, `pandoc.${format}`)}`,
        ...readingFiles
      ]
      const theirs: Run[] = []
      const ours: Run[] = []
      for (let round = 0; round < rounds; round++) {
        theirs.push(await measure('pandoc', pandocArgs))
        ours.push(await measure(process.execPath, folio(pack, path.join(work, 'against-pandoc'), '--format', format, '--no-cache')))
      }
      const memory = await measure(process.execPath, folio(pack, path.join(work, 'against-pandoc'), '--format', format, '--no-cache'), {}, true)
      report(
        `${format === 'epub' ? 'EPUB' : 'web page'}: folio ${fmt(seconds(ours))} (peak ${memory.peakPssMiB.toFixed(0)} MiB PSS), ` +
          `pandoc --citeproc ${fmt(seconds(theirs))}; ratio ${(seconds(ours) / seconds(theirs)).toFixed(2)}x (bar: 1.00x)`
      )
    }
  }
}

if (only.has('unified')) {
  const chain = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify)
  const ours: number[] = []
  const bare: number[] = []
  const sources = readingFiles.map((file) => readFileSync(file, 'utf8'))
  for (let round = 0; round < rounds; round++) {
    let started = performance.now()
    for (const source of sources) chain.processSync(source)
    bare.push((performance.now() - started) / 1000)
    started = performance.now()
    const citations = createCitationContext()
    const input = await loadInput(pack, citations)
    const pipeline = createPipeline({root: input.root, checkImage: input.images.check, citations})
    for (const file of input.readings) await pipeline.run(pipeline.parse(file), file)
    ours.push((performance.now() - started) / 1000)
  }
  report(
    `parse and transform (load, citations, every plugin): ${fmt(median(ours))}; bare unified chain to HTML: ${fmt(median(bare))}; ratio ${(median(ours) / median(bare)).toFixed(2)}x`
  )
}

if (only.has('pdf')) {
  const out = path.join(work, 'pdf')
  await measure(process.execPath, folio(pack, out, '--format', 'html', '--no-cache'))
  const html = fileIn(out, '.html')
  const floorPdf = path.join(work, 'floor.pdf')
  const floors: Run[] = []
  const ours: Run[] = []
  for (let round = 0; round < rounds; round++) {
    floors.push(await measure(browser!.executablePath, printArgs(html, floorPdf)))
    ours.push(await measure(process.execPath, folio(pack, out, '--format', 'pdf', '--no-cache'), {FOLIO_TIMINGS: '1'}))
  }
  const peak = (run: Run) => `${run.peakPssMiB.toFixed(0)} MiB PSS (${run.peakMiB.toFixed(0)} MiB summed RSS)`
  const floorMemory = await measure(browser!.executablePath, printArgs(html, floorPdf), {}, true)
  const ourMemory = await measure(process.execPath, folio(pack, out, '--format', 'pdf', '--no-cache'), {}, true)
  report(
    `PDF: folio ${fmt(seconds(ours))}, ${pages(fileIn(out, '.pdf'))} pages, peak ${peak(ourMemory)} (bar: 1536 MiB); ` +
      `Chromium printing the web page ${fmt(seconds(floors))}, ${pages(floorPdf)} pages, peak ${peak(floorMemory)}; ratio ${(seconds(ours) / seconds(floors)).toFixed(2)}x (bar: 1.10x)`
  )
  console.log(`  where the last PDF run spent its time:\n${ours.at(-1)!.stderr.trimEnd()}`)
}

if (only.has('watch')) {
  // How long a save takes to reach the served page: the seconds between writing a reading and
  // the first answer from the server that has the new text.
  const copy = path.join(work, 'watched')
  cpSync(path.join(root, 'content'), copy, {recursive: true})
  const child = spawn(
    process.execPath,
    [folioBin, 'watch', copy, '--out', path.join(work, 'watched-out'), '--port', '0', '--cache', path.join(work, 'watch-cache')],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit']
    }
  )
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  const poll = async <T>(check: () => Promise<T | undefined> | T | undefined): Promise<T> => {
    for (;;) {
      const value = await check()
      if (value !== undefined) return value
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  const url = await poll(() => /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1])
  const reading = path.join(copy, 'introduction.md')
  const latencies: number[] = []
  for (let round = 0; round < rounds * 3; round++) {
    const marker = `A sentence saved in round ${round + 1} of the bench.`
    const started = performance.now()
    appendFileSync(reading, `\n${marker}\n`)
    await poll(async () => ((await (await fetch(url)).text()).includes(marker) ? true : undefined))
    latencies.push((performance.now() - started) / 1000)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  child.kill('SIGINT')
  report(`watch, default pack: a saved reading is in the served page after ${fmt(median(latencies))} (median of ${latencies.length}; bar: 2 s)`)
}

console.log(`\nsummary (${os.loadavg()[0]!.toFixed(1)} load average at the end):\n${summary.map((line) => `  ${line}`).join('\n')}`)
rmSync(work, {recursive: true, force: true})
