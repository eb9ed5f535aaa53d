/**
 * Writing editions: the only place a build touches the output folder. Every file is written
 * beside its target under a name no other build uses and renamed into place only when all of
 * a build's files are written, so a reader (or a second build into the same folder) sees
 * whole files only, and a failure or a signal leaves the previous editions as they were and
 * no temporary file behind.
 */
import {randomBytes} from 'node:crypto'
import {unlinkSync} from 'node:fs'
import {access, constants, mkdir, rename, rmdir, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {onInterrupt} from '../util/cleanup.ts'
import {MachineFault, writeFault} from '../util/faults.ts'

/** One file to write: where, and its bytes. */
export interface PendingFile {
  target: string
  data: string | Uint8Array
}

/**
 * The output folder, created when missing; a fault of the machine when it cannot be written.
 * Returns the folders it made, for `removeUnused` when the build ends writing nothing.
 */
export async function writableFolder(folder: string): Promise<string[]> {
  try {
    const made = await makeFolder(folder)
    await access(folder, constants.W_OK)
    return made
  } catch (error) {
    throw writeFault(error, folder)
  }
}

/** Remove the folders `writableFolder` made that are still empty, innermost first: a build that wrote nothing leaves nothing. */
export async function removeUnused(made: readonly string[]): Promise<void> {
  for (const folder of [...made].reverse()) {
    // Only an empty folder can be removed so; one that has files in it stays.
    await rmdir(folder).catch(() => undefined)
  }
}

/** Write all `files` or none: temporaries first, then one rename each. */
export async function writeAllAtomically(files: readonly PendingFile[]): Promise<void> {
  const temporaries = files.map(({target}) => `${target}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`)
  const removeAll = () => {
    for (const temporary of temporaries) {
      try {
        unlinkSync(temporary)
      } catch {
        // Not written yet, or renamed already.
      }
    }
  }
  const forget = onInterrupt(removeAll)
  try {
    for (const [index, {target, data}] of files.entries()) {
      await makeFolder(path.dirname(target)).catch((error: unknown) => {
        throw writeFault(error, path.dirname(target))
      })
      await writeFile(temporaries[index]!, data).catch((error: unknown) => {
        throw writeFault(error, target)
      })
    }
    for (const [index, {target}] of files.entries()) {
      await rename(temporaries[index]!, target).catch((error: unknown) => {
        throw writeFault(error, target)
      })
    }
  } catch (error) {
    removeAll()
    throw error instanceof MachineFault ? error : writeFault(error, path.dirname(files[0]?.target ?? '.'))
  } finally {
    forget()
  }
}

/**
 * `mkdir -p`, one level at a time: Node's recursive `mkdir` never returns where a folder
 * cannot be made inside a pseudo file system (`--out /proc/x` spins forever in Node 20).
 * Returns the folders it made, outermost first.
 */
async function makeFolder(folder: string): Promise<string[]> {
  const missing: string[] = []
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined
      throw error
    })
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error(`${current} is not a folder`), {code: 'ENOTDIR'})
      break
    }
    missing.push(current)
    if (path.dirname(current) === current) break
  }
  const made: string[] = []
  for (const each of missing.reverse()) {
    const created = await mkdir(each).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error
        return false
      }
    )
    if (created) made.push(each)
  }
  return made
}
