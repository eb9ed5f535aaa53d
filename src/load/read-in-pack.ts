/**
 * The one gate for every file the content names: readings, `pack.yaml`, bibliographies,
 * styles, images, the cover, PDF readings. A name is only a name: what is read is the file
 * it resolves to, every symlink followed, and it must be a regular file under the pack's
 * real folder and no larger than the limit for its kind. The file is opened without
 * blocking and checked again on the open handle, so a pipe, a device or a socket (or a
 * symlink to `/dev/zero`) is refused instead of read forever.
 *
 * A refusal is a value, not an exception: the caller words it at the place that names the
 * file (`refusalReason`), as an error or, for an image, a warning.
 */
import {closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync} from 'node:fs'
import {VFile} from 'vfile'
import {limits} from '../util/limits.ts'
import {contentError} from '../util/messages.ts'
import {decodeUtf8} from '../util/text.ts'
import {isInside} from '../util/paths.ts'

/** What a file is for: each kind has its own size limit. */
export type FileKind = 'manifest' | 'reading' | 'bibliography' | 'style' | 'image' | 'cover' | 'pdf'

/** The largest file of each kind Folio reads, in bytes. */
export const fileSizeLimits: Record<FileKind, number> = limits.fileSize

/** Why a file was not read. */
export type Refusal =
  | {reason: 'missing'}
  | {reason: 'outside'}
  | {reason: 'folder'}
  | {reason: 'special'}
  | {reason: 'too-large'; size: number; limit: number}
  | {reason: 'unreadable'; code: string}

export type ReadInPack = {ok: true; bytes: Buffer; realPath: string} | {ok: false; refusal: Refusal}

/**
 * Read `absolute` if it is a regular file inside `root` once every symlink is resolved,
 * at most `fileSizeLimits[kind]` bytes long. Never throws for a problem of the file.
 */
export function readInPack(root: string, absolute: string, kind: FileKind): ReadInPack {
  const limit = fileSizeLimits[kind]
  let realRoot: string
  let realPath: string
  try {
    realRoot = realpathSync(root)
    realPath = realpathSync(absolute)
  } catch (error) {
    return refuse(fromError(error))
  }
  if (!isInside(realRoot, realPath)) return refuse({reason: 'outside'})
  let descriptor: number | undefined
  try {
    // Checked by name first so that a pipe or device is never opened at all, then again on
    // the handle, which is what is read (the name may change in between).
    const named = statSync(realPath)
    if (!named.isFile()) return refuse(named.isDirectory() ? {reason: 'folder'} : {reason: 'special'})
    descriptor = openSync(realPath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW)
    const opened = fstatSync(descriptor)
    if (!opened.isFile()) return refuse(opened.isDirectory() ? {reason: 'folder'} : {reason: 'special'})
    if (opened.size > limit) return refuse({reason: 'too-large', size: opened.size, limit})
    // One byte more than allowed, so a file that grows while it is read is still caught.
    const buffer = Buffer.allocUnsafe(Math.min(opened.size, limit) + 1)
    let length = 0
    for (;;) {
      const read = readSync(descriptor, buffer, length, buffer.length - length, null)
      if (read === 0) break
      length += read
      if (length > limit) return refuse({reason: 'too-large', size: length, limit})
      if (length === buffer.length) break
    }
    return {ok: true, bytes: buffer.subarray(0, length), realPath}
  } catch (error) {
    return refuse(fromError(error))
  } finally {
    if (descriptor !== undefined) closeSync(descriptor)
  }
}

/**
 * The refusal in words, for a message at the place that names the file: `what` is the kind
 * in the reader's terms (`image`, `bibliography`), `name` the path as the content wrote it,
 * `expectedAt` where a missing file was looked for (an absolute path, or words).
 */
export function refusalReason(refusal: Refusal, what: string, name: string, expectedAt = 'that path in the pack'): string {
  switch (refusal.reason) {
    case 'missing':
      return `Cannot find ${what} \`${name}\`, expected a file at ${expectedAt}`
    case 'outside':
      return `Unexpected ${what} \`${name}\` that resolves outside the pack (through a symlink), expected a file in the pack's folder`
    case 'folder':
      return `Unexpected folder \`${name}\` as ${what}, expected a file`
    case 'special':
      return `Unexpected ${what} \`${name}\` that is not a regular file (a pipe, device or socket), expected a file`
    case 'too-large':
      return `Unexpected ${what} \`${name}\` of ${megabytes(refusal.size)}, expected at most ${megabytes(refusal.limit)}`
    case 'unreadable':
      return `Cannot read ${what} \`${name}\` (${refusal.code}), expected a readable file`
  }
}

const mebibyte = 1024 * 1024

function megabytes(bytes: number): string {
  return `${(bytes / mebibyte).toFixed(bytes < mebibyte ? 2 : 1)} MiB`
}

function refuse(refusal: Refusal): ReadInPack {
  return {ok: false, refusal}
}

function fromError(error: unknown): Refusal {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO'
  if (code === 'ENOENT' || code === 'ENOTDIR') return {reason: 'missing'}
  if (code === 'EISDIR') return {reason: 'folder'}
  return {reason: 'unreadable', code}
}

/**
 * A text file of the pack (reading, manifest, bibliography, style) through the gate, as a
 * VFile; bytes that are not UTF-8 are an error on it at their line and column.
 */
export function readTextInPack(root: string, absolute: string, kind: FileKind): {ok: true; file: VFile} | {ok: false; refusal: Refusal} {
  const read = readInPack(root, absolute, kind)
  if (!read.ok) return read
  const decoded = decodeUtf8(read.bytes)
  const file = new VFile({path: absolute, value: decoded.text})
  if (decoded.invalid) {
    contentError(file, 'Unexpected bytes that are not UTF-8, expected text encoded in UTF-8', {
      place: decoded.invalid,
      ruleId: 'encoding',
      source: 'folio'
    })
  }
  return {ok: true, file}
}
