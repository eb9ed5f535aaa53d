/**
 * `npx tsx test/hostile-corpus.ts [FILTER]`: build every hostile case (`helpers/hostile.ts`)
 * with the real command, beside a canary and a loopback listener, and sort the outcomes:
 *
 * - leak: the canary in an edition or a message, or a request to the listener (during the
 *   build, or when the web page is opened in Chromium with request interception off);
 * - crash: a stack trace, an exit status other than the case allows, or no usable message;
 * - hang: the build ran past 120 s;
 * - leftovers: a `*.tmp` or partial file in the output folder, an edition written for content
 *   with errors, a browser process or profile left behind, an EPUB EPUBCheck rejects or a
 *   PDF `qpdf --check` rejects;
 * - handled well: none of those.
 *
 * Prints one line per case and the counts; exits 1 when any case is not handled well.
 */
import {execFileSync, spawn} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import JSZip from 'jszip'
import type {Browser} from 'puppeteer-core'
import {hostileCases, openTrap, writeCase, type HostileCase, type Trap} from './helpers/hostile.ts'
import {projectRoot, temporaryFolder} from './helpers/run.ts'

const budget = 120_000

export type Verdict = 'handled well' | 'leak' | 'crash' | 'hang' | 'leftovers'

export interface Outcome {
  verdict: Verdict
  detail: string
  status: number | null
  seconds: number
}

/** Run one case with the CLI and judge it. */
export async function runCase(hostile: HostileCase, trap: Trap, options: {openPage?: boolean} = {}): Promise<Outcome> {
  const folder = temporaryFolder('folio-hostile-')
  try {
    const pack = writeCase(folder, hostile, trap)
    const out = path.join(folder, 'out')
    const args = (hostile.args ?? ['--format', 'html']).map((arg) => arg.replaceAll('{PACK}', pack))
    const outDir = args.includes('--out') ? args[args.indexOf('--out') + 1]! : out
    const input = hostile.input ? path.join(pack, hostile.input) : pack
    const profilesBefore: string[] = []
    const started = Date.now()
    const result = await run([input, ...(args.includes('--out') ? [] : ['--out', out]), ...args], hostile.env ?? {})
    const seconds = (Date.now() - started) / 1000
    const judge = (verdict: Verdict, detail: string): Outcome => ({verdict, detail, status: result.status, seconds})
    if (result.timedOut) return judge('hang', `still running after ${budget / 1000} s`)
    const output = result.stdout + result.stderr
    const written = existsSync(outDir) && statIsFolder(outDir) ? readdirSync(outDir).map((name) => path.join(outDir, name)) : []
    const editions = written.filter((file) => /\.(html|pdf|epub)$/.test(file) && statIsFile(file))

    // Leaks first: they matter most.
    if (output.includes(trap.canary)) return judge('leak', 'the canary is in the output')
    for (const file of editions) if (await holdsCanary(file, trap.canary)) return judge('leak', `the canary is in ${path.basename(file)}`)
    if (options.openPage !== false) {
      for (const file of editions.filter((edition) => edition.endsWith('.html'))) await openInBrowser(file)
    }
    if (trap.hits.length > 0) return judge('leak', `the listener was reached: ${trap.hits.splice(0).join(', ')}`)

    if (/\n\s+at .+:\d+:\d+\)?\n/.test(output) || /^\s+at /m.test(result.stderr)) return judge('crash', `stack trace: ${firstLines(result.stderr)}`)
    const allowed = hostile.status ?? [0, 1]
    if (result.status === null || !allowed.includes(result.status))
      return judge('crash', `exit ${result.status}, expected ${allowed.join(' or ')}: ${firstLines(result.stderr)}`)
    if (hostile.message && !hostile.message.test(output)) return judge('crash', `no usable message (wanted ${hostile.message}): ${firstLines(result.stderr)}`)
    if (result.status !== 0 && !/^folio: |:\d+:\d+: (error|warning) /m.test(output)) return judge('crash', `no message: ${firstLines(result.stderr)}`)

    const temporary = written.filter((file) => file.endsWith('.tmp'))
    if (temporary.length > 0) return judge('leftovers', `temporary files ${temporary.map((file) => path.basename(file)).join(', ')}`)
    if (result.status !== 0 && editions.length > 0 && outDir === out) return judge('leftovers', 'an edition was written for content with errors')
    const stale = profiles(result.pid).filter((profile) => !profilesBefore.includes(profile))
    if (stale.length > 0) return judge('leftovers', `browser profile left: ${stale.join(', ')}`)
    if (browserProcesses(result.pid).length > 0) return judge('leftovers', 'browser processes left running')
    for (const file of editions) {
      const problem = checkEdition(file)
      if (problem) return judge('leftovers', problem)
    }
    return judge('handled well', `exit ${result.status} in ${seconds.toFixed(1)} s`)
  } finally {
    rmSync(folder, {recursive: true, force: true})
  }
}

function run(args: string[], env: Record<string, string>): Promise<{status: number | null; stdout: string; stderr: string; timedOut: boolean; pid: number}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin/folio.js'), ...args], {
      cwd: projectRoot,
      env: {...process.env, INIT_CWD: projectRoot, ...env},
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    let timedOut = false
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, budget)
    child.on('close', (status) => {
      clearTimeout(timer)
      resolve({status, stdout, stderr, timedOut, pid: child.pid ?? 0})
    })
  })
}

async function holdsCanary(file: string, canary: string): Promise<boolean> {
  const bytes = readFileSync(file)
  const encodings = [canary, Buffer.from(canary).toString('base64').slice(0, 12), Buffer.from(`${canary}\n`).toString('base64').slice(0, 12)]
  if (file.endsWith('.epub')) {
    const zip = await JSZip.loadAsync(bytes)
    for (const entry of Object.values(zip.files)) {
      if (entry.dir) continue
      const text = (await entry.async('nodebuffer')).toString('latin1')
      if (encodings.some((encoding) => text.includes(encoding))) return true
    }
    return false
  }
  if (file.endsWith('.pdf')) {
    const text = execFileSync('pdftotext', [file, '-'], {encoding: 'utf8', maxBuffer: 1 << 28})
    if (text.includes(canary)) return true
  }
  const text = bytes.toString('latin1')
  return encodings.some((encoding) => text.includes(encoding))
}

/** Open the web page as a reader would: Chromium, no request interception, scripts on. */
let reader: Promise<Browser> | undefined

async function openInBrowser(file: string): Promise<void> {
  reader ??= import('puppeteer-core').then(({default: puppeteer}) =>
    puppeteer.launch({executablePath: '/usr/bin/chromium', headless: true, pipe: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : []})
  )
  const page = await (await reader).newPage()
  try {
    await page.goto(`file://${file}`, {waitUntil: 'networkidle0', timeout: 30_000}).catch(() => undefined)
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight)).catch(() => undefined)
    await new Promise((resolve) => setTimeout(resolve, 300))
  } finally {
    await page.close()
  }
}

/** Close the browser that opened the web pages. */
export async function closeReader(): Promise<void> {
  await (await reader)?.close()
  reader = undefined
}

function checkEdition(file: string): string | undefined {
  try {
    if (file.endsWith('.pdf')) execFileSync('qpdf', ['--check', file], {stdio: 'pipe'})
    if (file.endsWith('.epub')) execFileSync('java', ['-jar', '/usr/share/java/epubcheck.jar', '-q', file], {stdio: 'pipe'})
  } catch (error) {
    return `${path.basename(file)} fails its check: ${firstLines(String((error as {stdout?: Buffer}).stdout ?? '') + String((error as {stderr?: Buffer}).stderr ?? ''))}`
  }
  return undefined
}

/** The profile folders the build with this process id made (other programs' are theirs). */
function profiles(pid: number): string[] {
  return readdirSync(os.tmpdir()).filter((name) => name.startsWith(`folio-browser-${pid}-`))
}

function browserProcesses(pid: number): string[] {
  try {
    return execFileSync('ps', ['-eo', 'pid,args'], {encoding: 'utf8'})
      .split('\n')
      .filter((line) => line.includes(`folio-browser-${pid}-`))
  } catch {
    return []
  }
}

function statIsFolder(file: string): boolean {
  try {
    return readdirSync(file) !== undefined
  } catch {
    return false
  }
}

function statIsFile(file: string): boolean {
  try {
    readFileSync(file, {flag: 'r'}).subarray(0, 0)
    return true
  } catch {
    return false
  }
}

function firstLines(text: string): string {
  return text.trim().split('\n').slice(0, 3).join(' | ').slice(0, 300)
}

async function main(): Promise<void> {
  // Comma-separated parts of names or kinds: `image,yaml`.
  const filters = process.argv[2]?.split(',') ?? []
  const cases = hostileCases().filter(
    (hostile) => filters.length === 0 || filters.some((filter) => hostile.name.includes(filter) || hostile.kind.includes(filter))
  )
  const trap = await openTrap()
  const counts: Record<Verdict, number> = {'handled well': 0, leak: 0, crash: 0, hang: 0, leftovers: 0}
  try {
    for (const hostile of cases) {
      const outcome = await runCase(hostile, trap)
      counts[outcome.verdict]++
      console.log(`${outcome.verdict.padEnd(12)} ${hostile.kind.padEnd(13)} ${hostile.name}: ${outcome.detail}`)
    }
  } finally {
    await trap.close()
    await closeReader()
  }
  console.log(
    `\n${cases.length} cases: ${Object.entries(counts)
      .map(([verdict, count]) => `${count} ${verdict}`)
      .join(', ')}`
  )
  process.exitCode = counts['handled well'] === cases.length ? 0 : 1
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
