/**
 * Which Folio made a cached result: the package's version and a digest of its code, its
 * templates and its locked dependencies (fonts, styles, citeproc), so results of other code
 * never come back. The compiled command reads the digest `scripts/compile.js` wrote into
 * `lib/`; the sources (under tsx or vitest) compute it from `src/` as they start.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {digest} from './store.ts'

/** The project's folder: this file is two below it in `src/` and in `lib/` alike. */
const project = fileURLToPath(new URL('../../', import.meta.url))
let id: string | undefined

export function folioBuildId(): string {
  id ??= import.meta.url.endsWith('.ts') ? sourceDigest(project) : readFileSync(path.join(project, 'lib', 'build-id'), 'utf8').trim()
  return id
}

/** What `scripts/compile.js` writes too: the version, then every file that shapes results. */
export function sourceDigest(root: string): string {
  const files = [...walk(path.join(root, 'src')), ...walk(path.join(root, 'templates')), path.join(root, 'package.json'), path.join(root, 'package-lock.json')]
  return digest(...files.sort().flatMap((file) => [path.relative(root, file), readFileSync(file)]))
}

function walk(folder: string): string[] {
  return readdirSync(folder, {withFileTypes: true}).flatMap((entry) => {
    const file = path.join(folder, entry.name)
    return entry.isDirectory() ? walk(file) : [file]
  })
}
