/**
 * Hostile packs, one class per test (the whole corpus is `npx tsx test/hostile-corpus.ts`):
 * each is built beside a canary file outside the pack and a listener on 127.0.0.1; nothing
 * of the canary may reach an edition or a message and nothing may reach the listener, also
 * when the web page is opened in Chromium with request interception off.
 */
import {execFileSync, spawn} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {findBrowser} from '../src/browser/find.ts'
import {build} from '../src/build.ts'
import {formatMessages} from '../src/cli/report-text.ts'
import {closeReader, runCase} from './hostile-corpus.ts'
import {hostileCases, openTrap, writeCase, type HostileCase, type Trap} from './helpers/hostile.ts'
import {epubFiles, folio, projectRoot, temporaryFolder} from './helpers/run.ts'

let trap: Trap
beforeAll(async () => {
  trap = await openTrap()
})
afterAll(async () => {
  await trap.close()
  await closeReader()
})

const cases = new Map(hostileCases().map((hostile) => [hostile.name, hostile]))
const named = (name: string): HostileCase => {
  const hostile = cases.get(name)
  if (!hostile) throw new Error(`no hostile case ${name}`)
  return hostile
}

/** Build a case in this process as the web page; returns the messages and what was written. */
async function buildHtml(name: string) {
  const folder = temporaryFolder('folio-hostile-')
  const pack = writeCase(folder, named(name), trap)
  const out = path.join(folder, 'out')
  const result = await build({input: pack, outDir: out, formats: ['html']})
  const messages = formatMessages(result.files, pack).join('\n')
  const written = existsSync(out) ? readdirSync(out) : []
  const html = written.includes('hostile.html') ? readFileSync(path.join(out, 'hostile.html'), 'utf8') : ''
  return {messages, written, html, out}
}

describe('hostile packs', () => {
  it('never reads through a symlink out of the pack, for any kind of file', async () => {
    for (const name of [
      'reading symlink out',
      'reading under symlinked folder',
      'image symlink out',
      'cover symlink out',
      'bibliography symlink out',
      'csl symlink out',
      'csl by name beside, symlink out'
    ]) {
      const {messages, written, html} = await buildHtml(name)
      expect(messages, name).toMatch(named(name).message!)
      expect(messages + html, name).not.toContain(trap.canary)
      // An image refused is a warning; the others are errors and nothing is written.
      if (name.startsWith('image')) expect(html, name).toContain('[alt text]')
      else expect(written, name).toEqual([])
    }
  })

  it('refuses folders, pipes and devices as files instead of blocking on them', async () => {
    for (const name of ['reading is a FIFO', 'image is /dev/zero', 'bibliography is a folder', 'style is a FIFO', 'cover is a folder']) {
      const {messages} = await buildHtml(name)
      expect(messages, name).toMatch(/:\d+:\d+: (error|warning) /)
      expect(messages, name).toMatch(named(name).message!)
    }
  })

  it('keeps only fragments and pack files in URL-bearing places, and the opened page requests nothing', async () => {
    // Every raw HTML trick of the corpus in one reading, built once and opened once.
    const raw = hostileCases().filter((hostile) => hostile.kind === 'raw html')
    expect(raw.length).toBeGreaterThan(30)
    const body = raw.map((hostile) => String(hostile.files!['a.md']).replace(/^---[\s\S]*?---\n/, '')).join('\n\n')
    const all: HostileCase = {name: 'all raw html', kind: 'raw html', files: {...raw[0]!.files, 'a.md': `---\ntitle: A\n---\n\n${body}\n`}, status: [0]}
    const outcome = await runCase(all, trap)
    expect(outcome.detail).toMatch(/^exit 0/)
    expect(outcome.verdict).toBe('handled well')
    expect(trap.hits).toEqual([])
  }, 180_000)

  it('checks images by their bytes: empty, wrong type, pixel bombs and entity bombs are left out with a warning', async () => {
    for (const name of [
      'zero-byte png',
      'text named png',
      'jpeg named png',
      'pixel bomb png',
      'svg entity bomb',
      'svg external entity',
      'svg not well-formed'
    ]) {
      const {messages, html} = await buildHtml(name)
      expect(messages, name).toMatch(/a\.md:5:1: warning Unexpected image/)
      expect(messages, name).toMatch(named(name).message!)
      expect(html, name).toContain('[alt text]')
      expect(html, name).not.toMatch(/<img[^>]*src="data:/)
    }
  })

  it('reports YAML bombs and deep YAML at their place', async () => {
    for (const name of [
      'alias bomb in pack.yaml',
      'alias bomb in front matter',
      'alias bomb in CSL-YAML',
      'deep flow nesting in pack.yaml',
      'deep block nesting in front matter'
    ]) {
      const {messages} = await buildHtml(name)
      expect(messages, name).toMatch(named(name).message!)
    }
  })

  it('reports bytes that are not UTF-8 at their line and column', async () => {
    expect((await buildHtml('invalid utf-8 in reading')).messages).toContain('a.md:6:3: error Unexpected bytes that are not UTF-8')
    expect((await buildHtml('invalid utf-8 in pack.yaml')).messages).toContain('pack.yaml:1:11: error Unexpected bytes that are not UTF-8')
    expect((await buildHtml('invalid utf-8')).messages).toMatch(/r\.bib:1:18: error Unexpected bytes that are not UTF-8/)
  })

  it('names the style file that is truncated, not CSL, or declares entities', async () => {
    for (const name of ['truncated csl', 'csl entity bomb', 'csl external entity', 'csl not xml', 'empty csl']) {
      const {messages, written} = await buildHtml(name)
      expect(messages, name).toMatch(/a\.md:3:6: error .*`s\.csl`/)
      expect(written, name).toEqual([])
    }
  })

  it('refuses deep and huge input at its place, in bounded time', async () => {
    for (const name of [
      '10,000-deep block quotes',
      '1,000-deep nested lists',
      '5,000-deep nested lists',
      '20,000 nested divs',
      '20,000 footnotes',
      '10,000 citations',
      'reading over the size limit',
      'huge bibliography (50 MB)'
    ]) {
      const started = Date.now()
      const {messages, written} = await buildHtml(name)
      expect(messages, name).toMatch(named(name).message!)
      expect(written, name).toEqual([])
      expect(Date.now() - started, name).toBeLessThan(60_000)
    }
  }, 600_000)

  it('exits 2 with one line for faults of the machine, and reports content errors before any', async () => {
    const folder = temporaryFolder('folio-hostile-')
    const pack = writeCase(folder, {name: 'plain', kind: 'fault', files: {'out-file': 'x'}}, trap)
    const noBrowser = folio([pack, '--format', 'pdf', '--out', path.join(folder, 'out')], {FOLIO_BROWSER: '/bin/false'})
    expect(noBrowser.status).toBe(2)
    expect(noBrowser.stderr.trim()).toMatch(/^folio: The browser `\/bin\/false` did not start: [^\n]+$/)
    await expect(build({input: pack, outDir: path.join(pack, 'out-file'), formats: ['html']})).rejects.toThrow(
      /^Cannot write `.*out-file`: a file stands where a folder is needed$/
    )
    const errors = writeCase(temporaryFolder('folio-hostile-'), {name: 'bad', kind: 'fault', files: {'a.md': '---\ntitle: [\n---\n'}}, trap)
    const result = await build({input: errors, outDir: path.join(folder, 'out2'), formats: ['pdf']})
    expect(formatMessages(result.files, errors).join('\n')).toMatch(/a\.md:2:\d+: error/)
    expect(existsSync(path.join(folder, 'out2'))).toBe(false)
  }, 120_000)

  it('on SIGTERM mid-build closes the browser, removes its profile and leaves no file behind', async () => {
    await stopMidBuild({})
  }, 180_000)

  it('on SIGTERM while the browser is still starting kills it too, though Puppeteer has not handed it back', async () => {
    const folder = temporaryFolder('folio-hostile-')
    // A browser that takes five seconds to start, writing into its profile meanwhile (as Chromium does).
    const slow = path.join(folder, 'slow-browser')
    writeFileSync(
      slow,
      [
        '#!/bin/sh',
        'for arg; do case "$arg" in --user-data-dir=*) dir="${arg#--user-data-dir=}";; esac; done',
        'end=$(($(date +%s) + 5)); while [ "$(date +%s)" -lt $end ]; do mkdir -p "$dir/Default"; done',
        `exec '${(await findBrowser()).executablePath}' "$@"`,
        ''
      ].join('\n'),
      {mode: 0o755}
    )
    await stopMidBuild({FOLIO_BROWSER: slow})
  }, 180_000)

  /** Build the default pack in print, stop it with SIGTERM once its browser has a profile, and look for what is left. */
  async function stopMidBuild(env: Record<string, string>): Promise<void> {
    const folder = temporaryFolder('folio-hostile-')
    const out = path.join(folder, 'out')
    const child = spawn(
      process.execPath,
      [path.join(projectRoot, 'bin/folio.js'), path.join(projectRoot, 'content'), '--format', 'pdf', '--no-cache', '--out', out],
      {
        cwd: projectRoot,
        env: {...process.env, INIT_CWD: projectRoot, ...env},
        stdio: ['ignore', 'ignore', 'pipe']
      }
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    // Wait until the browser runs (it has written into its profile), then stop the build.
    const profile = () => readdirSync(os.tmpdir()).filter((name) => name.startsWith(`folio-browser-${child.pid}-`))
    const running = () => profile().some((name) => readdirSync(path.join(os.tmpdir(), name)).length > 0)
    for (let waited = 0; !running() && waited < 120_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(profile().length).toBe(1)
    child.kill('SIGTERM')
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(status).toBe(143)
    expect(stderr).toContain('folio: stopped by SIGTERM')
    expect(profile()).toEqual([])
    const left = execFileSync('ps', ['-eo', 'args'], {encoding: 'utf8'})
      .split('\n')
      .filter((line) => line.includes(`folio-browser-${child.pid}-`))
    expect(left).toEqual([])
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([])
  }

  it('starts a browser that crashed under the editions once more, with the same bytes; a second crash fails, saying how it ended', async () => {
    const folder = temporaryFolder('folio-hostile-')
    // A Chromium that is killed as soon as it is handed a document, until `marker` exists.
    const crashing = path.join(folder, 'crashing-browser')
    const marker = path.join(folder, 'crashed')
    writeFileSync(
      crashing,
      [
        '#!/bin/sh',
        'for arg; do case "$arg" in --user-data-dir=*) dir="${arg#--user-data-dir=}";; esac; done',
        `if [ -n "$dir" ] && [ ! -e '${marker}' ]; then`,
        `  [ -n "$CRASH_ONCE" ] && touch '${marker}'`,
        // Away from the browser's pipes, which it would hold open after the browser died.
        '  (for i in $(seq 1200); do for f in "$dir"/document-*.html; do [ -e "$f" ] && kill -9 $$ && exit; done; sleep 0.05; done) </dev/null >/dev/null 2>&1 3>&- 4>&- &',
        'fi',
        `exec '${(await findBrowser()).executablePath}' "$@"`,
        ''
      ].join('\n'),
      {mode: 0o755}
    )
    const epoch = {SOURCE_DATE_EPOCH: '1700000000'}
    const outs = ['calm', 'once', 'always'].map((name) => path.join(folder, name))
    expect(folio(['--format', 'pdf,epub', '--out', outs[0]!], epoch).status).toBe(0)
    const once = folio(['--format', 'pdf,epub', '--out', outs[1]!], {...epoch, FOLIO_BROWSER: crashing, CRASH_ONCE: '1'})
    expect(once.stderr).toContain('folio: The browser quit with SIGKILL; the editions were made again in a new one')
    expect(once.status, once.stderr).toBe(0)
    expect(existsSync(marker)).toBe(true)
    for (const name of readdirSync(outs[0]!)) expect(readFileSync(path.join(outs[1]!, name)).equals(readFileSync(path.join(outs[0]!, name))), name).toBe(true)
    rmSync(marker)
    const always = folio(['--format', 'pdf', '--out', outs[2]!], {FOLIO_BROWSER: crashing})
    expect(always.status).toBe(2)
    expect(always.stderr.trim()).toBe('folio: The browser quit with SIGKILL')
    expect(existsSync(outs[2]!) ? readdirSync(outs[2]!) : []).toEqual([])
  }, 180_000)

  it('cleans SVG files for the EPUB, which passes EPUBCheck and requests nothing', async () => {
    const folder = temporaryFolder('folio-hostile-')
    const pack = writeCase(folder, named('svg file with remote references (epub)'), trap)
    const result = folio([pack, '--format', 'epub', '--out', path.join(folder, 'out')])
    expect(result.status).toBe(0)
    const epub = path.join(folder, 'out', 'hostile.epub')
    execFileSync('java', ['-jar', '/usr/share/java/epubcheck.jar', '-q', epub], {stdio: 'pipe'})
    const files = await epubFiles(epub)
    const svg = [...files.entries()].find(([name]) => name.endsWith('.svg'))?.[1] ?? ''
    expect(svg).toContain('<rect')
    expect(svg).not.toMatch(/127\.0\.0\.1|@import|<script|direction/)
    expect(trap.hits).toEqual([])
  }, 300_000)
})
