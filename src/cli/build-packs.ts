/**
 * The build command over one input or many: `--shard i/n` picks a stable slice of them, each
 * is built in turn with one browser, and the reporters say what happened (text, GitHub
 * workflow commands, the step summary, or one JSON document). Exit status: the worst pack's.
 */
import {appendFile} from 'node:fs/promises'
import {BrowserNotFoundError} from '../browser/find.ts'
import type {BrowserSession} from '../browser/session.ts'
import {build, type BuildOutput, type Format} from '../build.ts'
import type {Progress} from './progress.ts'
import {InputError} from '../load/load-input.ts'
import {MachineFault} from '../util/faults.ts'
import {hasErrors, hasWarnings} from '../util/messages.ts'
import {editionsOf, problemsOf, shownPath, worstStatus, type PackRun} from './problems.ts'
import {formatAnnotations} from './report-github.ts'
import {jsonReport} from './report-json.ts'
import {formatMessages} from './report-text.ts'
import {shardInputs, type Reporter, type Shard} from './shard.ts'
import {stepSummary} from './step-summary.ts'

export interface BuildCommandOptions {
  /** Absolute paths of the inputs, as given. */
  inputs: string[]
  shard: Shard | undefined
  outDir: string
  formats: Format[]
  strict: boolean
  quiet: boolean
  reporter: Reporter
  date: Date | undefined
  /** Where the command was typed: paths print relative to it. */
  cwd: string
  env: NodeJS.ProcessEnv
  onStep: ((step: string, milliseconds: number) => void) | undefined
  /** `--each`: every reading also as its own files (else as `pack.yaml` says). */
  each: boolean | undefined
  /** `--cache DIR`, or `false` for `--no-cache`; undefined: the default folder. */
  cache: string | false | undefined
  /** The progress line on a terminal (cleared before anything else prints). */
  progress: Progress
  /** The browser every input is built with (maybe started already); closed at the end. */
  session: BrowserSession
}

export async function buildCommand(options: BuildCommandOptions): Promise<number> {
  const inputs = shardInputs(options.inputs, options.shard)
  // Several inputs, or a shard of them (which may hold one), each get a folder of their own,
  // so every shard writes the same layout into a shared folder.
  const folderPerPack = new Set(options.inputs).size > 1 || options.shard !== undefined
  const text = options.reporter === 'text'
  const github = options.env['GITHUB_ACTIONS'] === 'true'
  const workspace = options.env['GITHUB_WORKSPACE'] || options.cwd
  // Workflow commands go to stdout, where the runner reads them, unless stdout is the JSON
  // document; the runner reads stderr too.
  const annotate = (lines: string[]) => {
    for (const line of lines) (text ? console.log : console.error)(line)
  }
  if (options.shard && inputs.length === 0) console.error(`folio: shard ${options.shard.index}/${options.shard.count} has no inputs`)

  const {session} = options
  const runs: PackRun[] = []
  try {
    for (const input of inputs) {
      const run = await buildOne(input, session, folderPerPack, options, (output) => {
        if (text && !options.quiet)
          console.log(`${shownPath(output.path, options.cwd)}  ${(output.bytes / 1024).toFixed(0)} KiB  ${(output.milliseconds / 1000).toFixed(1)} s`)
      })
      runs.push(run)
      if (text) {
        for (const line of formatMessages(run.result?.files ?? [], options.cwd)) console.error(line)
        for (const notice of run.result?.notices ?? []) console.error(`folio: ${notice}`)
        if (run.failure) console.error(`folio: ${run.failure}`)
        else if (run.status === 1)
          console.error(
            `folio: nothing written${inputs.length > 1 ? ` for ${shownPath(input, options.cwd)}` : ''}: ${hasErrors(run.result?.files ?? []) ? 'the content has errors' : 'warnings are errors with --strict'}`
          )
      }
      if (github) annotate(formatAnnotations(problemsOf([run]), {workspace, strict: options.strict}))
    }
  } finally {
    const closing = performance.now()
    await session.close()
    options.onStep?.('close the browser', performance.now() - closing)
  }

  const problems = problemsOf(runs)
  const summaryFile = options.env['GITHUB_STEP_SUMMARY']
  const needEditions = options.reporter === 'json' || Boolean(summaryFile)
  const editions = needEditions ? await editionsOf(runs) : []
  if (summaryFile) await appendFile(summaryFile, stepSummary(runs, problems, editions, workspace))
  if (options.reporter === 'json') console.log(JSON.stringify(jsonReport(runs, problems, editions, options.cwd), null, 2))
  return worstStatus(runs)
}

async function buildOne(
  input: string,
  session: BrowserSession,
  folderPerPack: boolean,
  options: BuildCommandOptions,
  onOutput: (output: BuildOutput) => void
): Promise<PackRun> {
  try {
    const result = await build({
      input,
      outDir: options.outDir,
      formats: options.formats,
      strict: options.strict,
      session,
      folderPerPack,
      ...(options.date ? {date: options.date} : {}),
      ...(options.onStep ? {onStep: options.onStep} : {}),
      ...(options.cache !== undefined ? {cache: options.cache} : {}),
      ...(options.each ? {each: true} : {}),
      onProgress: options.progress.update,
      onOutput: (output) => {
        options.progress.clear()
        onOutput(output)
      }
    })
    options.progress.clear()
    const failed = hasErrors(result.files) || (options.strict && hasWarnings(result.files))
    return {input, result, status: failed ? 1 : 0}
  } catch (error) {
    if (error instanceof InputError) return {input, failure: error.message, status: 1}
    if (error instanceof BrowserNotFoundError || error instanceof MachineFault) return {input, failure: error.message, status: 2}
    throw error
  }
}
