/**
 * Progress of a long build on a terminal: one status line on stderr ("readings parsed
 * 40/111", "pages laid out 712", "printing 712 pages 4 s"), rewritten in place and wiped
 * before anything else is printed, so it never garbles a message. Without a terminal, or with
 * `--quiet`, nothing at all.
 */
import type {BuildProgress} from '../build.ts'

export interface Progress {
  /** Show where the build is. */
  update: (event: BuildProgress) => void
  /** Wipe the status line (until the next update); call before printing anything else. */
  clear: () => void
}

export function createProgress(options: {quiet: boolean; stream?: NodeJS.WriteStream}): Progress {
  const stream = options.stream ?? process.stderr
  if (options.quiet || !stream.isTTY) return {update: () => undefined, clear: () => undefined}

  let shown = false
  let current: BuildProgress | undefined
  let since = performance.now()
  // A stage without counts (printing) still shows it is alive: its seconds tick.
  const ticker = setInterval(() => current && draw(), 500)
  ticker.unref()

  const draw = () => {
    if (!current) return
    const count = current.total !== undefined ? ` ${current.done ?? 0}/${current.total}` : current.done !== undefined ? ` ${current.done}` : ''
    const seconds = Math.floor((performance.now() - since) / 1000)
    const text = `folio: ${current.stage}${count}${seconds >= 1 ? `  ${seconds} s` : ''}`
    stream.write(`\r\x1b[2K${text.slice(0, (stream.columns || 80) - 1)}`)
    shown = true
  }

  return {
    update(event) {
      if (event.stage !== current?.stage) since = performance.now()
      current = event.finished ? undefined : event
      if (current) draw()
      else if (shown) {
        stream.write('\r\x1b[2K')
        shown = false
      }
    },
    clear() {
      // Drawn again at the next update, below whatever was printed; until then the ticker
      // has nothing to draw, so a stale line never follows the last message.
      current = undefined
      if (!shown) return
      stream.write('\r\x1b[2K')
      shown = false
    }
  }
}
