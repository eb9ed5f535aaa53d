/**
 * What a build run found and made, flattened once for every reporter (text, GitHub, JSON, the
 * step summary): each message with its place, each edition with its size, pages and hash.
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {BuildOutput, BuildResult} from '../build.ts'
import {severity} from '../util/messages.ts'
import {isInside} from '../util/paths.ts'

/** One input of the command line, built or not. */
export interface PackRun {
  /** The pack folder or Markdown file, absolute. */
  input: string
  /** What the build returned; absent when it stopped before making one (`failure`). */
  result?: BuildResult
  /** Why there is no result: the input cannot be read, or no browser (one line or a few). */
  failure?: string
  /** 0 built, 1 problems in the content, 2 no browser. */
  status: number
}

/** A message in the terms every CI system uses. Lines and columns count from 1. */
export interface Problem {
  /** Absolute path of the file, or undefined for a problem with no file. */
  file: string | undefined
  line: number | undefined
  column: number | undefined
  endLine: number | undefined
  endColumn: number | undefined
  severity: 'error' | 'warning' | 'info'
  /** The rule's id (`citation-missing`), when the message has one. */
  rule: string | undefined
  /** Who found it: `folio`, or a plugin's name. */
  source: string | undefined
  text: string
}

export function problemsOf(runs: PackRun[]): Problem[] {
  return runs.flatMap((run) => [
    ...(run.result?.files ?? []).flatMap((file) => sorted(file).map((message) => problem(file, message))),
    ...(run.failure ? [failureProblem(run)] : [])
  ])
}

function sorted(file: VFile): VFileMessage[] {
  return [...file.messages].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
}

function problem(file: VFile, message: VFileMessage): Problem {
  const end = message.place && 'end' in message.place ? message.place.end : undefined
  return {
    file: file.path ? path.resolve(file.path) : undefined,
    line: message.line ?? undefined,
    column: message.column ?? undefined,
    endLine: end?.line,
    endColumn: end?.column,
    severity: severity(message),
    rule: message.ruleId ?? undefined,
    source: message.source ?? undefined,
    text: message.reason
  }
}

function failureProblem(run: PackRun): Problem {
  // A missing browser is about the machine, not a file; an unreadable input is about the input.
  const file = run.status === 2 ? undefined : run.input
  return {
    file,
    line: undefined,
    column: undefined,
    endLine: undefined,
    endColumn: undefined,
    severity: 'error',
    rule: undefined,
    source: 'folio',
    text: run.failure ?? ''
  }
}

/** A path relative to `base` when it is inside it, else absolute; always with `/`. */
export function shownPath(file: string, base: string): string {
  const shown = isInside(base, file) ? path.relative(base, file) : file
  return shown.split(path.sep).join('/')
}

/** One edition as reporters show it. */
export interface Edition extends Omit<BuildOutput, 'pages'> {
  /** Pages of a PDF; undefined for the web page and the EPUB, which have no fixed pages. */
  pages: number | undefined
}

/** Every edition the runs wrote, PDFs with their page count (read back with pdf-lib). */
export async function editionsOf(runs: PackRun[]): Promise<Edition[]> {
  const outputs = runs.flatMap((run) => run.result?.outputs ?? [])
  return Promise.all(outputs.map(async (output) => ({...output, pages: output.format === 'pdf' ? (output.pages ?? (await pdfPages(output.path))) : undefined})))
}

async function pdfPages(file: string): Promise<number> {
  const {PDFDocument} = await import('pdf-lib')
  const document = await PDFDocument.load(await readFile(file), {updateMetadata: false})
  return document.getPageCount()
}

/** The worst exit status of the runs: 2 beats 1 beats 0. */
export function worstStatus(runs: PackRun[]): number {
  return runs.reduce((worst, run) => Math.max(worst, run.status), 0)
}
