/**
 * `folio [INPUT...] [--out DIR] [--format html,pdf,epub] [--strict] [--shard i/n] [--reporter text|json]`
 *
 * Argument parsing, progress and exit codes; nothing else. Exit 0 on success (warnings
 * allowed unless `--strict`), 1 on content errors, 2 on usage errors and faults of the machine.
 */
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {formats, type Format} from '../render/context.ts'
import {createProgress} from './progress.ts'
import {parseShard, reporters, type Reporter} from './shard.ts'
import {runInterruptTasks} from '../util/cleanup.ts'

const usage = `Usage: folio [INPUT...] [options]
       folio watch [INPUT] [options]   (see folio watch --help)
       folio init [DIR]      start a new pack in DIR (default: here); overwrites nothing

Make a web page, a PDF and an EPUB from a pack of Markdown readings.

  INPUT                 a pack folder (with pack.yaml) or one Markdown file (default: content/);
                        several are built in turn, each into OUT/<slug>/

Options:
  -o, --out DIR         where to write the editions (default: dist/)
  -f, --format LIST     editions to make, comma-separated: html,pdf,epub (default: all)
      --each            also write each reading as its own PDF, EPUB and web page
      --strict          fail (exit 1) on warnings too
      --shard I/N       build only the I-th of N slices of the inputs, sorted by path
      --reporter NAME   text (default) or json: one JSON document on stdout
      --cache DIR       where to keep results between builds (default: node_modules/.cache/folio)
      --no-cache        build everything afresh and keep nothing
  -q, --quiet           print only problems
  -h, --help            show this help
  -v, --version         show the version

Environment:
  SOURCE_DATE_EPOCH     seconds since 1970: the only date written into the editions
  FOLIO_BROWSER         path of the Chromium or Chrome to render with
  GITHUB_ACTIONS=true   also print each problem as a GitHub workflow command (an annotation)
  GITHUB_STEP_SUMMARY   append a Markdown summary of the editions and problems to this file

Exit status: 0 built, 1 problems in the content, 2 wrong usage or a fault of the machine
(no browser, a browser that died or froze, an output folder that cannot be written).`

/** Paths on the command line are relative to where the user typed them, even under `npm run`. */
const cwd = process.env['INIT_CWD'] ?? process.cwd()

class UsageError extends Error {}

function parse(argv: string[]) {
  const {values, positionals} = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: {type: 'string', short: 'o'},
      format: {type: 'string', short: 'f', multiple: true},
      strict: {type: 'boolean'},
      shard: {type: 'string'},
      reporter: {type: 'string'},
      each: {type: 'boolean'},
      cache: {type: 'string'},
      'no-cache': {type: 'boolean'},
      quiet: {type: 'boolean', short: 'q'},
      help: {type: 'boolean', short: 'h'},
      version: {type: 'boolean', short: 'v'}
    }
  })
  const shard = values.shard === undefined ? undefined : parseShard(values.shard)
  if (values.shard !== undefined && !shard) throw new UsageError(`Unexpected shard \`${values.shard}\`, expected I/N with 1 ≤ I ≤ N, such as 1/4`)
  const reporter = values.reporter ?? 'text'
  if (!(reporters as readonly string[]).includes(reporter)) throw new UsageError(`Unexpected reporter \`${reporter}\`, expected ${reporters.join(' or ')}`)
  const requested = (values.format ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim().toLowerCase())
    .filter(Boolean)
  for (const format of requested) {
    if (!(formats as readonly string[]).includes(format)) throw new UsageError(`Unexpected format \`${format}\`, expected ${formats.join(', ')}`)
  }
  return {
    inputs: (positionals.length > 0 ? positionals : [defaultInput()]).map((input) => path.resolve(cwd, input)),
    shard,
    reporter: reporter as Reporter,
    outDir: path.resolve(cwd, values.out ?? defaultOut()),
    formats: requested.length > 0 ? formats.filter((format) => requested.includes(format)) : [...formats],
    strict: values.strict ?? false,
    cache: values['no-cache'] ? (false as const) : values.cache === undefined ? undefined : path.resolve(cwd, values.cache),
    each: values.each,
    quiet: values.quiet ?? false,
    help: values.help ?? false,
    version: values.version ?? false
  }
}

/** The embedded default pack, found from the project whatever the working directory. */
function defaultInput(): string {
  return fileURLToPath(new URL('../../content/', import.meta.url))
}

function defaultOut(): string {
  return path.join(cwd, 'dist')
}

function sourceDate(): Date | undefined {
  const value = process.env['SOURCE_DATE_EPOCH']
  if (value === undefined || value === '') return undefined
  if (!/^\d+$/.test(value)) throw new UsageError(`Unexpected SOURCE_DATE_EPOCH \`${value}\`, expected whole seconds since 1970`)
  return new Date(Number(value) * 1000)
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'watch') return (await import('./watch.ts')).watch(argv.slice(1))
  if (argv[0] === 'init') return init(argv.slice(1))
  let options: ReturnType<typeof parse>
  let date: Date | undefined
  try {
    options = parse(argv)
    date = sourceDate()
  } catch (error) {
    if (error instanceof UsageError || (error as {code?: string}).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`folio: ${(error as Error).message}\n\n${usage}`)
      return 2
    }
    throw error
  }
  if (options.help) {
    console.log(usage)
    return 0
  }
  if (options.version) {
    const {default: manifest} = await import('../../package.json', {with: {type: 'json'}})
    console.log(manifest.version)
    return 0
  }

  // The pipeline and its libraries load only for a build, so `--version` and `--help` start
  // at once.
  const stopHandling = handleInterrupts()
  // Without the cache every edition is made afresh: the browser starts now, while the
  // pipeline's libraries load and the pack is read (with the cache, only once a reading turns
  // out to need parsing; when every result is kept, never). The build command owns it.
  const {BrowserSession} = await import('../browser/session.ts')
  const session = new BrowserSession()
  if (options.cache === false) session.prelaunch()
  const {buildCommand} = await import('./build-packs.ts')
  const progress = createProgress({quiet: options.quiet || options.reporter === 'json'})
  try {
    return await buildCommand({
      session,
      inputs: options.inputs,
      shard: options.shard,
      outDir: options.outDir,
      formats: options.formats as Format[],
      strict: options.strict,
      quiet: options.quiet,
      reporter: options.reporter,
      date,
      cwd,
      env: process.env,
      cache: options.cache,
      each: options.each,
      progress,
      onStep: process.env['FOLIO_TIMINGS']
        ? (step, milliseconds) => {
            progress.clear()
            console.error(`  ${step.padEnd(22)} ${(milliseconds / 1000).toFixed(2)} s`)
          }
        : undefined
    })
  } catch (error) {
    // The status of a machine fault, so CI never blames the content for it.
    reportInternalError(error)
    return 2
  } finally {
    // Closed by the build command; again here (a no-op then) for a failure before it ran.
    await session.close()
    stopHandling()
  }
}

/** Anything not worded already is Folio's own fault: one line, no stack trace. */
function reportInternalError(error: unknown): void {
  console.error(`folio: internal error: ${String((error as Error | undefined)?.message ?? error).split('\n')[0]}`)
}

/** Exit statuses for the signals a build stops on, as shells report them (128 + number). */
const signalStatus = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129} as const

/**
 * While a build runs, a signal closes the browser (its processes killed, its profile
 * removed) and removes half-written files before the process exits; so does a crash that
 * escaped every handler.
 */
function handleInterrupts(): () => void {
  const handlers = Object.entries(signalStatus).map(([signal, status]) => {
    const handler = () => {
      runInterruptTasks()
      console.error(`folio: stopped by ${signal}, nothing written`)
      process.exit(status)
    }
    process.on(signal, handler)
    return () => process.off(signal, handler)
  })
  const crash = (error: unknown) => {
    runInterruptTasks()
    reportInternalError(error)
    process.exit(2)
  }
  process.on('uncaughtException', crash)
  process.on('unhandledRejection', crash)
  return () => {
    for (const remove of handlers) remove()
    process.off('uncaughtException', crash)
    process.off('unhandledRejection', crash)
  }
}

async function init(argv: string[]): Promise<number> {
  if (argv.length > 1 || argv[0]?.startsWith('-')) {
    console.error(`folio: Unexpected arguments \`${argv.join(' ')}\`, expected \`folio init [DIR]\`\n\n${usage}`)
    return 2
  }
  const {initPack, InitConflictError} = await import('./init.ts')
  const target = path.resolve(cwd, argv[0] ?? '.')
  try {
    const written = await initPack(target)
    console.log(`A new pack in ${path.relative(cwd, target) || '.'}: ${written.join(', ')}\nBuild it with: folio ${path.relative(cwd, target) || '.'}`)
    return 0
  } catch (error) {
    if (error instanceof InitConflictError) {
      console.error(`folio: ${error.message}`)
      return 1
    }
    throw error
  }
}
