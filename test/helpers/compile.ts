/**
 * Vitest's global setup: compiles `src/` to `lib/` before any test, because tests spawn
 * `node bin/folio.js`, which runs the compiled code; so they never run stale code.
 */
import {execFileSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/compile.js', import.meta.url)), '--quiet'], {stdio: 'inherit'})
}
