/**
 * GitHub Actions workflow commands (`::warning file=…,line=…::message`), so the runner
 * annotates the pull request at the line. Escaping follows GitHub's toolkit
 * (`@actions/core`'s `command.ts`): `%`, CR and LF in the message; also `:` and `,` in the
 * properties, which those characters separate.
 */
import type {Problem} from './problems.ts'
import {shownPath} from './problems.ts'

export interface GithubOptions {
  /** `GITHUB_WORKSPACE`: file paths are relative to it, as annotations need. */
  workspace: string
  /** `--strict`: warnings fail the build, so they are annotated as errors. */
  strict: boolean
}

export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')
}

export function formatAnnotation(problem: Problem, options: GithubOptions): string {
  const command =
    problem.severity === 'error' || (problem.severity === 'warning' && options.strict) ? 'error' : problem.severity === 'warning' ? 'warning' : 'notice'
  const properties: Array<[string, string | number | undefined]> = [
    ['file', problem.file === undefined ? undefined : shownPath(problem.file, options.workspace)],
    ['line', problem.line],
    ['col', problem.column],
    ['endLine', problem.endLine],
    ['endColumn', problem.endColumn],
    ['title', problem.rule ? `${problem.source ?? 'folio'}(${problem.rule})` : (problem.source ?? 'folio')]
  ]
  const shown = properties.filter((entry): entry is [string, string | number] => entry[1] !== undefined)
  return `::${command} ${shown.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',')}::${escapeData(problem.text)}`
}

export function formatAnnotations(problems: Problem[], options: GithubOptions): string[] {
  return problems.map((problem) => formatAnnotation(problem, options))
}
