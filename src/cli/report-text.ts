/**
 * Diagnostics: every message of every file, formatted once, at the end, as
 * `path:line:column: warning|error reason (source:ruleId)`.
 */
import path from 'node:path'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {severity} from '../util/messages.ts'
import {isInside} from '../util/paths.ts'

export function formatMessage(file: VFile, message: VFileMessage, cwd: string): string {
  const filePath = file.path ? relativePath(file.path, cwd) : '<input>'
  const line = message.line ?? 1
  const column = message.column ?? 1
  const origin = message.source || message.ruleId ? ` (${[message.source, message.ruleId].filter(Boolean).join(':')})` : ''
  return `${filePath}:${line}:${column}: ${severity(message)} ${message.reason}${origin}`
}

export function formatMessages(files: VFile[], cwd: string): string[] {
  return files.flatMap((file) =>
    [...file.messages].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)).map((message) => formatMessage(file, message, cwd))
  )
}

function relativePath(filePath: string, cwd: string): string {
  return isInside(cwd, filePath) ? path.relative(cwd, filePath) : filePath
}
