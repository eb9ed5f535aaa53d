/**
 * The measurer and composer run inside the print page. They are TypeScript like the rest,
 * bundled once at compile time (`scripts/compile.js`) into `lib/browser-page.js`: this file
 * sits three folders below the project in `src/` and in `lib/` alike.
 */
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

let script: string | undefined

export function browserScript(): string {
  script ??= readFileSync(fileURLToPath(new URL('../../../lib/browser-page.js', import.meta.url)), 'utf8')
  return script
}
