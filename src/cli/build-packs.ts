/**
 * The build command over one input or many: `--shard i/n` picks a stable slice of them, each
 * is built in turn with one browser, and the reporters say what happened (text, GitHub
 * workflow commands, the step summary, or one JSON document). Exit status: the worst pack's.
 */
import {appendFile} from 'node:fs/promises'
import {BrowserNotFoundError} from '../browser/find.ts'
import {BrowserSession} from '../browser/session.ts'
import {build, type BuildOutput, type Format} from '../build.ts'
import {InputError} from '../load/load-input.ts'
import {MachineFault} from '../util/faults.ts'
import {hasErrors, hasWarnings} from '../util/messages.ts'
import {editionsOf, problemsOf, shownPath, worstStatus, type PackRun} from './problems.ts'
import {formatAnnotations} from './report-github.ts'
import {jsonReport} from './report-json.ts'
import {formatMessages} from './report-text.ts'
import {stepSummary} from './step-summary.ts'

export const reporters = ['text', 'json'] as const
export type Reporter = (typeof reporters)[number]

/** One of `count` slices of the inputs: `index` counts from 1. */
export interface Shard {
  index: number
  count: number
}

/** `i/n` with 1 ≤ i ≤ n, or undefined when the text is not one. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim())
  if (!match) return undefined
  const [index, count] = [Number(match[1]), Number(match[2])]
  return index >= 1 && index <= count ? {index, count} : undefined
}

/**
 * The inputs of one shard: all of them, without repeats, sorted by path (code units, so
 * every machine sorts alike), cut into `count` contiguous slices whose sizes differ by one
 * at most, the larger first. Every input lands in exactly one slice whatever the order they were given in.
 */
export function shardInputs(inputs: string[], shard: Shard | undefined): string[] {
  const all = [...new Set(inputs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  if (!shard) return all
  // Rounding up gives the first slices the extra inputs, so shard 1 is never the empty one.
  const start = Math.ceil(((shard.index - 1) * all.length) / shard.count)
  const end = Math.ceil((shard.index * all.length) / shard.count)
  return all.slice(start, end)
}

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

  const session = new BrowserSession()
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
        if (run.failure) console.error(`folio: ${run.failure}`)
        else if (run.status === 1)
          console.error(
            `folio: nothing written${inputs.length > 1 ? ` for ${shownPath(input, options.cwd)}` : ''}: ${hasErrors(run.result?.files ?? []) ? 'the content has errors' : 'warnings are errors with --strict'}`
          )
      }
      if (github) annotate(formatAnnotations(problemsOf([run]), {workspace, strict: options.strict}))
    }
  } finally {
    await session.close()
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
      onOutput
    })
    const failed = hasErrors(result.files) || (options.strict && hasWarnings(result.files))
    return {input, result, status: failed ? 1 : 0}
  } catch (error) {
    if (error instanceof InputError) return {input, failure: error.message, status: 1}
    if (error instanceof BrowserNotFoundError || error instanceof MachineFault) return {input, failure: error.message, status: 2}
    throw error
  }
}
