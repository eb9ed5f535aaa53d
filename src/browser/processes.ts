/**
 * The browser's processes and its profile folder on disk: killing the one and removing the
 * other, however far the browser got (still starting, running, frozen), and the profiles of
 * Folio processes that were killed before they could clean up. Synchronous, so a signal
 * handler can run them (`onInterrupt`).
 */
import {existsSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type {Browser} from 'puppeteer-core'

/** Every profile folder is `<tmp>/folio-browser-<pid of its Folio>-<random>`. */
export const profilePrefix = 'folio-browser-'

/**
 * Kill the browser and every process it started: Puppeteer starts it as the leader of its
 * own process group, so the group goes at once (renderers included, frozen or not).
 */
export function killProcess(browser: Browser | undefined): void {
  const child = browser?.process()
  if (!child?.pid) return
  killGroup(child.pid, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
}

/** Kill the process group `leader` leads; when the group is gone already, `alone` kills the leader if it is still there. */
function killGroup(leader: number, alone: () => void): void {
  try {
    process.kill(-leader, 'SIGKILL')
  } catch {
    try {
      alone()
    } catch {
      // Gone already.
    }
  }
}

/**
 * Kill, with its process group, the browser this process started with `profile` (its
 * launcher script, or Chromium itself once the script has handed over), before Puppeteer has
 * handed back its process: a child of this process with `--user-data-dir=<profile>` among its
 * arguments. Linux only (`/proc`); elsewhere the pipe's closing ends such a browser once Node
 * has gone.
 */
export function killProcessesUsing(profile: string): void {
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name))
  } catch {
    return
  }
  for (const pid of pids) {
    let started: boolean
    try {
      const status = readFileSync(`/proc/${pid}/stat`, 'utf8')
      // `pid (name) state ppid …`; the name may hold spaces and parentheses.
      const parent = Number(status.slice(status.lastIndexOf(')') + 2).split(' ')[1])
      started = parent === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(`--user-data-dir=${profile}`)
    } catch {
      continue
    }
    if (started) killGroup(Number(pid), () => process.kill(Number(pid), 'SIGKILL'))
  }
}

/**
 * Remove a profile folder, again while a process killed a moment ago still recreates what
 * was removed (Chromium makes its profile folder when it is missing), for up to two seconds;
 * what is left after that must not turn closing into a failure.
 */
export function removeProfile(profile: string): void {
  const until = Date.now() + 2000
  for (;;) {
    try {
      rmSync(profile, {recursive: true, force: true, maxRetries: 5, retryDelay: 100})
    } catch {
      // Tried again below.
    }
    if (!existsSync(profile) || Date.now() > until) return
    // Removed by the next build (`removeStaleProfiles`) if it outlasts this.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100)
  }
}

/** Profiles of Folio processes that no longer run (killed before they could clean up). */
export function removeStaleProfiles(): void {
  let names: string[] = []
  try {
    names = readdirSync(os.tmpdir())
  } catch {
    return
  }
  for (const name of names) {
    const pid = Number(/^folio-browser-(\d+)-/.exec(name)?.[1])
    if (!pid || pid === process.pid || isRunning(pid)) continue
    rmSync(path.join(os.tmpdir(), name), {recursive: true, force: true})
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
