/**
 * `--reporter json`: one JSON document on stdout, for any CI system. Paths are shown as the
 * text report shows them (relative to where the command ran when inside it); absent places
 * and page counts are `null`, so every record has every key.
 */
import type {Edition, PackRun, Problem} from './problems.ts'
import {shownPath, worstStatus} from './problems.ts'

export interface JsonReport {
  /** The command's exit status. */
  status: number
  packs: Array<{input: string; status: number; checksums: string | null}>
  messages: Array<{
    file: string | null
    line: number | null
    column: number | null
    endLine: number | null
    endColumn: number | null
    severity: Problem['severity']
    rule: string | null
    source: string | null
    text: string
  }>
  outputs: Array<{format: string; path: string; bytes: number; pages: number | null; sha256: string}>
}

export function jsonReport(runs: PackRun[], problems: Problem[], editions: Edition[], cwd: string): JsonReport {
  return {
    status: worstStatus(runs),
    packs: runs.map((run) => ({
      input: shownPath(run.input, cwd),
      status: run.status,
      checksums: run.result?.checksums ? shownPath(run.result.checksums, cwd) : null
    })),
    messages: problems.map((problem) => ({
      file: problem.file === undefined ? null : shownPath(problem.file, cwd),
      line: problem.line ?? null,
      column: problem.column ?? null,
      endLine: problem.endLine ?? null,
      endColumn: problem.endColumn ?? null,
      severity: problem.severity,
      rule: problem.rule ?? null,
      source: problem.source ?? null,
      text: problem.text
    })),
    outputs: editions.map((edition) => ({
      format: edition.format,
      path: shownPath(edition.path, cwd),
      bytes: edition.bytes,
      pages: edition.pages ?? null,
      sha256: edition.sha256
    }))
  }
}
