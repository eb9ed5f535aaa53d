/**
 * `folio init [DIR]`: a new pack a user can build at once, copied from `templates/init/`
 * (whatever that folder holds: the pack, a reading, a bibliography, a README, CI workflows).
 * Nothing is overwritten: when any file is already there, nothing is copied.
 */
import {constants, copyFile, mkdir, readdir, stat} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/** Where the scaffold lives in the project. */
export const initTemplate = fileURLToPath(new URL('../../templates/init/', import.meta.url))

/**
 * Files whose real name npm would not keep in a package (`npm pack` drops `.gitignore`),
 * stored under another and renamed on the way out.
 */
const renamed: Record<string, string> = {gitignore: '.gitignore'}

export class InitConflictError extends Error {
  constructor(readonly existing: string[]) {
    super(`Unexpected existing file${existing.length === 1 ? '' : 's'} ${existing.join(', ')}, expected a folder without them: nothing written`)
  }
}

/** Copy the scaffold into `target` (created when missing); returns the files written, relative to it. */
export async function initPack(target: string, template = initTemplate): Promise<string[]> {
  const files = await listFiles(template)
  const plan = files.map((relative) => ({from: path.join(template, relative), to: outputName(relative)}))
  const existing: string[] = []
  for (const {to} of plan) if (await exists(path.join(target, to))) existing.push(to)
  if (existing.length > 0) throw new InitConflictError(existing)
  for (const {from, to} of plan) {
    const destination = path.join(target, to)
    await mkdir(path.dirname(destination), {recursive: true})
    // A file that appeared since the check is still not overwritten.
    await copyFile(from, destination, constants.COPYFILE_EXCL)
  }
  return plan.map(({to}) => to)
}

function outputName(relative: string): string {
  const base = path.basename(relative)
  return path.join(path.dirname(relative), renamed[base] ?? base)
}

async function listFiles(folder: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(folder, prefix), {withFileTypes: true})
  const files: string[] = []
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = path.join(prefix, entry.name)
    if (entry.isDirectory()) files.push(...(await listFiles(folder, relative)))
    else if (entry.isFile()) files.push(relative)
  }
  return files
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file)
    return true
  } catch {
    return false
  }
}
