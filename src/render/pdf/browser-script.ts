/**
 * The measurer and composer run inside the print page. They are TypeScript like the rest,
 * bundled once per process into one script to inject (esbuild, which tsx already uses).
 */
import {fileURLToPath} from 'node:url'
import {buildSync} from 'esbuild'

let script: string | undefined

export function browserScript(): string {
  script ??= buildSync({
    entryPoints: [fileURLToPath(new URL('browser/entry.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    write: false,
    minify: false,
    legalComments: 'none'
  }).outputFiles[0]!.text
  return script
}
