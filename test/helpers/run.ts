/**
 * Running the real command and reading what it makes the way a reader would: the PDF's
 * text through poppler, the EPUB's documents through its zip.
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {decodeHTML} from 'entities'
import JSZip from 'jszip'

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url))

export interface CliResult {
  status: number
  stdout: string
  stderr: string
}

/**
/**
 * Variables a CI runner sets that change what `folio` prints or writes: a test sets them
 * itself when it means to, so the suite reads the same on GitHub's runners as anywhere.
 */
const runnerVariables = ['GITHUB_ACTIONS', 'GITHUB_WORKSPACE', 'GITHUB_STEP_SUMMARY']

/** Commands that take no build options. */
const commands = ['init', 'watch']

/**
 * Run `folio` with arguments, as `npm run build -- ARGS` would. Without the cache unless the
 * test names one: each test exercises the whole build (and a test of reproducible bytes must
 * not get the first build's file back); `test/cache.test.ts` tests the cache.
 */
export function folio(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !runnerVariables.includes(name)))
  const cache = commands.includes(args[0] ?? '') || args.includes('--cache') || args.includes('--no-cache') ? [] : ['--no-cache']
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'bin/folio.js'), ...args, ...cache], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: {...inherited, INIT_CWD: projectRoot, ...env},
    timeout: 600_000
  })
  return {status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr}
}

/** The edition with this extension that a build wrote into `folder` (not the landing page, `index.html`). */
export function editionIn(folder: string, extension: string): string {
  const name = readdirSync(folder).find((entry) => entry.endsWith(extension) && entry !== 'index.html')
  if (!name) throw new Error(`No ${extension} edition in ${folder}`)
  return path.join(folder, name)
}

/** Folders made by `temporaryFolder` in this test file, removed after it (`test/helpers/cleanup.ts`). */
const temporaries: string[] = []

export function temporaryFolder(prefix = 'folio-test-'): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), prefix))
  temporaries.push(folder)
  return folder
}

/**
 * Remove the folders this test file made: a suite leaves some 170 MB of packs, caches and
 * editions otherwise. `FOLIO_KEEP_TEST_FILES=1` keeps them, to look at.
 */
export function removeTemporaryFolders(): void {
  if (process.env['FOLIO_KEEP_TEST_FILES']) return
  for (const folder of temporaries.splice(0)) rmSync(folder, {recursive: true, force: true})
}

/** The PDF's text, page by page (pdftotext puts a form feed between pages). */
export function pdfPages(file: string): string[] {
  return execFileSync('pdftotext', ['-layout', file, '-'], {encoding: 'utf8', maxBuffer: 1 << 28})
    .split('\f')
    .slice(0, -1)
}

export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], {encoding: 'utf8'})
  return Object.fromEntries(
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const at = line.indexOf(':')
        return [line.slice(0, at).trim(), line.slice(at + 1).trim()]
      })
  )
}

/** Every file of an EPUB as text (binary files as Latin-1). */
export async function epubFiles(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file))
  const files = new Map<string, string>()
  for (const [name, entry] of Object.entries(zip.files)) {
    if (!entry.dir) files.set(name, await entry.async('string'))
  }
  return files
}

/** Text without markup, for "does the reader see this" checks. */
export function textOf(html: string): string {
  return (
    html
      .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
      // The print edition's page numbers in the web page's margin are furniture, as folios are in print.
      .replace(/<span class="page-break"[^>]*>[^<]*<\/span>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&[#\w]+;/g, (entity) => decodeHTML(entity))
  )
}

/**
 * Text reduced for matching across editions: no whitespace (line breaks differ), no hyphens
 * or soft hyphens (print hyphenates words at line ends).
 */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u00ad\u2010-]+/g, '').normalize('NFC')
}
