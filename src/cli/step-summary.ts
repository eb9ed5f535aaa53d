/**
 * The Markdown appended to `GITHUB_STEP_SUMMARY`: each edition with its size, pages and
 * SHA-256, where its checksums are, and the problems counted by rule.
 */
import type {Edition, PackRun, Problem} from './problems.ts'
import {shownPath} from './problems.ts'

export function stepSummary(runs: PackRun[], problems: Problem[], editions: Edition[], workspace: string): string {
  const lines = ['## Folio editions', '']
  if (editions.length === 0) lines.push('No editions were written.', '')
  else {
    lines.push('| Edition | Size | Pages | SHA-256 |', '| --- | ---: | ---: | --- |')
    for (const edition of editions)
      lines.push(`| \`${cell(shownPath(edition.path, workspace))}\` | ${size(edition.bytes)} | ${edition.pages ?? '—'} | \`${edition.sha256}\` |`)
    lines.push('')
    const sums = runs.flatMap((run) => (run.result?.checksums ? [`\`${cell(shownPath(run.result.checksums, workspace))}\``] : []))
    lines.push(`Check a download with \`sha256sum -c SHA256SUMS\` beside it (${sums.join(', ')}).`, '')
  }

  const counts = new Map<string, {warning: number; error: number}>()
  for (const problem of problems) {
    if (problem.severity === 'info') continue
    const rule = problem.rule ? `${problem.source ?? 'folio'}:${problem.rule}` : (problem.source ?? 'folio')
    const count = counts.get(rule) ?? {warning: 0, error: 0}
    count[problem.severity] += 1
    counts.set(rule, count)
  }
  lines.push('### Problems by rule', '')
  if (counts.size === 0) lines.push('No warnings or errors.')
  else {
    lines.push('| Rule | Warnings | Errors |', '| --- | ---: | ---: |')
    for (const [rule, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      lines.push(`| \`${cell(rule)}\` | ${count.warning} | ${count.error} |`)
  }
  return `${lines.join('\n')}\n`
}

/** A file size the way people read them, in binary units. */
function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

/** Text safe inside a table cell. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|')
}
