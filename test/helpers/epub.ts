/**
 * The EPUB checkers the issue names, run the way a library or an e-book store runs them:
 * EPUBCheck (Debian's `epubcheck`) and Ace by DAISY (`@daisy/ace-cli`, on the system's
 * Chromium).
 */
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {expect} from 'vitest'
import {findBrowser} from '../../src/browser/find.ts'
import {projectRoot, temporaryFolder} from './run.ts'

export const epubcheckJar = '/usr/share/java/epubcheck.jar'

export interface EpubcheckResult {
  fatals: number
  errors: number
  warnings: number
  /** The lines that name a problem, for the failure message. */
  problems: string[]
}

export function epubcheck(file: string): EpubcheckResult {
  const result = spawnSync('java', ['-jar', epubcheckJar, file], {encoding: 'utf8', maxBuffer: 1 << 26})
  const output = `${result.stdout}\n${result.stderr}`
  const counts = /Messages: (\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/.exec(output)
  if (!counts) throw new Error(`EPUBCheck printed no summary:\n${output}`)
  return {
    fatals: Number(counts[1]),
    errors: Number(counts[2]),
    warnings: Number(counts[3]),
    problems: output
      .split('\n')
      .filter((line) => /^(FATAL|ERROR|WARNING)/.test(line))
      .map((line) => line.slice(0, 400))
  }
}

/** EPUBCheck finds nothing: no fatal, no error, no warning (the problems print on failure). */
export function expectEpubcheckPasses(file: string): void {
  const result = epubcheck(file)
  expect(result.problems).toEqual([])
  expect([result.fatals, result.errors, result.warnings]).toEqual([0, 0, 0])
}

export interface AceResult {
  /** Violations by impact: `critical`, `serious`, `moderate`, `minor`. */
  impacts: Record<string, number>
  /** One line per violation: document, impact, rule. */
  violations: string[]
}

interface AceReport {
  assertions: Array<{'earl:testSubject': {url: string}; assertions: Array<{'earl:test': {'earl:impact': string; 'dct:title': string}}>}>
}

/**
 * Ace launches Puppeteer's Chromium with `--no-sandbox` already (root in CI needs it); it
 * is told where the system's Chromium is, and given longer than its 5 s to start it on a
 * busy two-core machine.
 */
export async function ace(file: string, timeout = 600_000): Promise<AceResult> {
  const {executablePath} = await findBrowser()
  const out = temporaryFolder('folio-ace-')
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/@daisy/ace-cli/bin/ace.js'), '--force', '--silent', '--outdir', out, file], {
    encoding: 'utf8',
    env: {...process.env, PUPPETEER_EXECUTABLE_PATH: executablePath, PUPPETEER_SKIP_DOWNLOAD: '1', ACE_TIMEOUT_INITIAL: '60000'},
    timeout
  })
  let report: AceReport
  try {
    report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as AceReport
  } catch {
    throw new Error(`Ace wrote no report (exit ${result.status}):\n${result.stdout}\n${result.stderr}`)
  }
  const impacts: Record<string, number> = {}
  const violations: string[] = []
  for (const subject of report.assertions) {
    for (const assertion of subject.assertions) {
      const impact = assertion['earl:test']['earl:impact']
      impacts[impact] = (impacts[impact] ?? 0) + 1
      violations.push(`${subject['earl:testSubject'].url} ${impact} ${assertion['earl:test']['dct:title']}`)
    }
  }
  return {impacts, violations}
}

/** The package document of an unzipped EPUB (see `epubFiles`). */
export function packageDocumentOf(files: Map<string, string>): string {
  const container = files.get('META-INF/container.xml') ?? ''
  const opfPath = /full-path="([^"]+)"/.exec(container)?.[1]
  const opf = opfPath ? files.get(opfPath) : undefined
  if (!opf) throw new Error('No package document in the EPUB')
  return opf
}

/** The package's XHTML documents, by file name (without the package folder). */
export function contentDocuments(files: Map<string, string>): Map<string, string> {
  return new Map([...files].filter(([name]) => name.endsWith('.xhtml')).map(([name, text]) => [name.replace(/^OEBPS\//, ''), text]))
}

/** One file of an EPUB, as bytes. */
export async function epubEntry(file: string, name: string): Promise<Buffer> {
  const JSZip = (await import('jszip')).default
  const entry = (await JSZip.loadAsync(readFileSync(file))).file(name)
  if (!entry) throw new Error(`No ${name} in ${file}`)
  return entry.async('nodebuffer')
}

/** How each entry of the zip is compressed, by name (0: stored, 8: deflated), read from its central directory. */
export function zipMethods(file: string): Map<string, number> {
  const bytes = readFileSync(file)
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  const methods = new Map<string, number>()
  let at = bytes.readUInt32LE(end + 16)
  for (let count = bytes.readUInt16LE(end + 10); count > 0; count--) {
    const nameLength = bytes.readUInt16LE(at + 28)
    methods.set(bytes.toString('utf8', at + 46, at + 46 + nameLength), bytes.readUInt16LE(at + 10))
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32)
  }
  return methods
}
