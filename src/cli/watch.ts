/**
 * `folio watch [INPUT] [--out DIR] [--format LIST] [--port N]`
 *
 * Builds the web edition, serves it on the loopback interface with live reload, and builds
 * again on every change to the pack's files; PDF and EPUB, when asked for, are rebuilt in
 * the background after each web edition, so the preview never waits for print. Content
 * problems go to the terminal and to a banner in the page. Ctrl-C stops it all.
 */
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {watch as watchFiles} from 'chokidar'
import {BrowserSession} from '../browser/session.ts'
import type {BuildOptions, BuildResult} from '../build.ts'
import {formats} from '../render/context.ts'
import {isInside} from '../util/paths.ts'
import {createProgress} from './progress.ts'
import {formatMessages} from './report-text.ts'
import {startPreview, type PreviewServer} from './serve.ts'

export const watchUsage = `Usage: folio watch [INPUT] [options]

Build the web edition, serve it with live reload and build again on every change.

  INPUT                 a pack folder (with pack.yaml) or one Markdown file (default: content/)

Options:
  -o, --out DIR         where to write the editions (default: dist/)
  -f, --format LIST     editions to keep up to date: html,pdf,epub (default: html);
                        PDF and EPUB are rebuilt in the background
  -p, --port N          port on 127.0.0.1 to serve on (default: 4600; a free one if taken)
      --cache DIR       where to keep results between builds (default: node_modules/.cache/folio)
      --no-cache        rebuild everything every time
  -q, --quiet           print only problems
  -h, --help            show this help`

/** Saves arrive as bursts of events (write, rename, chmod): build once they settle. */
const settle = 120

const cwd = process.env['INIT_CWD'] ?? process.cwd()

export async function watch(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parseWatchArgs>['values']
  let positionals: string[]
  try {
    ;({values, positionals} = parseWatchArgs(argv))
    if (positionals.length > 1) throw new Error(`Unexpected arguments \`${positionals.slice(1).join(' ')}\`, expected one INPUT`)
  } catch (error) {
    console.error(`folio watch: ${(error as Error).message}\n\n${watchUsage}`)
    return 2
  }
  if (values.help) {
    console.log(watchUsage)
    return 0
  }
  const requested = (values.format ?? ['html']).flatMap((value) => value.split(',')).map((value) => value.trim().toLowerCase())
  const unknown = requested.find((format) => !(formats as readonly string[]).includes(format))
  const port = Number(values.port ?? 4600)
  if (unknown !== undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(
      `folio watch: ${unknown !== undefined ? `Unexpected format \`${unknown}\`, expected ${formats.join(', ')}` : `Unexpected port \`${values.port}\`, expected a number from 0 to 65535`}\n\n${watchUsage}`
    )
    return 2
  }
  const background = formats.filter((format) => format !== 'html' && requested.includes(format))
  const input = path.resolve(cwd, positionals[0] ?? fileURLToPath(new URL('../../content/', import.meta.url)))
  const outDir = path.resolve(cwd, values.out ?? 'dist')
  const quiet = values.quiet ?? false
  const progress = createProgress({quiet})
  const {build} = await import('../build.ts')
  // One browser for the whole watch: starting one for each save was half of a rebuild.
  const session = new BrowserSession()

  let slug: string | undefined
  let edition = 0
  let preview: PreviewServer | undefined
  const common: Omit<BuildOptions, 'formats'> = {
    input,
    outDir,
    ...(values['no-cache'] ? {cache: false} : values.cache ? {cache: path.resolve(cwd, values.cache)} : {}),
    onProgress: progress.update,
    session
  }

  const report = (result: BuildResult | undefined, error: unknown): {problems: string[]; failed: boolean} => {
    const problems = result ? formatMessages(result.files, cwd) : [`folio: ${(error as Error).message}`]
    progress.clear()
    for (const line of problems) console.error(line)
    return {problems, failed: !result || result.outputs.length === 0}
  }

  /** One web edition; builds coalesce, so a burst of saves makes at most one more. */
  const web = serially(async () => {
    const started = performance.now()
    const result = await build({...common, formats: ['html']}).catch((error: unknown) => {
      report(undefined, error)
      return undefined
    })
    const {problems, failed} = report(result, undefined)
    if (result?.pack) slug = result.pack.slug
    if (!failed) edition++
    preview?.publish({edition, problems, failed})
    if (!quiet && !failed) console.log(`folio: web edition rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    if (!failed && background.length > 0) void print()
  })

  /** PDF and EPUB after a web edition, one build at a time, always of the latest content. */
  const print = serially(async () => {
    // No progress line: it would fight the web edition's over one line of the terminal.
    const {onProgress: _quiet, ...silent} = common
    const result = await build({...silent, formats: background, onOutput: (output) => !quiet && logOutput(output.path)}).catch((error: unknown) => {
      report(undefined, error)
      return undefined
    })
    if (!result) return
    if (!quiet) progress.clear()
  })

  const logOutput = (file: string) => {
    progress.clear()
    console.log(`folio: wrote ${path.relative(cwd, file) || file}`)
  }

  // The pack's whole folder is watched, so a reading newly listed in pack.yaml (or any
  // image or bibliography it names) is picked up without restarting.
  const root = input.endsWith('.md') || input.endsWith('.markdown') ? path.dirname(input) : input
  const watcher = watchFiles(root, {
    ignoreInitial: true,
    ignored: (file) => isInside(outDir, file) || /(^|[/\\])(\.|node_modules([/\\]|$))/.test(path.relative(root, file))
  })
  let timer: NodeJS.Timeout | undefined
  watcher.on('all', (_event, file) => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (!quiet) {
        progress.clear()
        console.log(`folio: ${path.relative(cwd, file) || file} changed`)
      }
      void web()
    }, settle)
  })

  await web()
  try {
    preview = await startPreview({root: outDir, page: () => `${slug ?? 'index'}.html`, port})
  } catch (error) {
    await watcher.close()
    console.error(`folio watch: cannot serve on 127.0.0.1:${port}: ${(error as Error).message}`)
    return 2
  }
  preview.publish({edition, problems: [], failed: false})
  console.log(`folio: serving ${preview.url} (Ctrl-C to stop)`)

  return new Promise<number>((resolve) => {
    const stop = async () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      clearTimeout(timer)
      progress.clear()
      await Promise.all([watcher.close(), preview?.close()])
      // A build still running loses its browser and ends with a fault nobody waits for.
      await session.close()
      resolve(0)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

function parseWatchArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: {type: 'string', short: 'o'},
      format: {type: 'string', short: 'f', multiple: true},
      port: {type: 'string', short: 'p'},
      cache: {type: 'string'},
      'no-cache': {type: 'boolean'},
      quiet: {type: 'boolean', short: 'q'},
      help: {type: 'boolean', short: 'h'}
    }
  })
}

/** A task that never runs twice at once: called while running, it runs once more after. */
function serially(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined
  let again = false
  const run = async (): Promise<void> => {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      do {
        again = false
        await task()
      } while (again)
    })()
    try {
      await running
    } finally {
      running = undefined
    }
  }
  return run
}
