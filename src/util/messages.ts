/**
 * Problems in content, as messages on the file with their place. An error is a message marked
 * fatal, not vfile's `fail`, which throws: a build reports every problem it finds, then stops.
 */
import type {VFile} from 'vfile'
import type {Options, VFileMessage} from 'vfile-message'

export function contentError(file: VFile, reason: string, options: Options): VFileMessage {
  const message = file.message(reason, options)
  message.fatal = true
  return message
}

export function hasErrors(files: VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal === true))
}

/** Warnings only: vfile's info messages (`fatal` undefined) are neither warnings nor errors. */
export function hasWarnings(files: VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal === false))
}

/** `error`, `warning` or `info`, as vfile marks them. */
export function severity(message: VFileMessage): 'error' | 'warning' | 'info' {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
}
