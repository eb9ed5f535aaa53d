/**
 * Folio's worker threads (`transform/parse-worker.ts`, `render/pdf/file/finish-worker.ts`),
 * started from the module beside them. Compiled, a worker is one bundled file
 * (`scripts/compile.js`); from the sources (the tests, `tsx`), it is TypeScript, which the
 * worker loads through tsx's loader.
 */
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {Worker} from 'node:worker_threads'

/** tsx's ESM loader API, as its package exports it to `import` (the `require` one cannot register in a worker). */
function tsxLoader(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json')
  const exported = (JSON.parse(readFileSync(manifest, 'utf8')) as {exports: Record<string, {import: {default: string}}>}).exports['./esm/api']!
  return path.join(path.dirname(manifest), exported.import.default)
}

/** Start the worker `name` (without extension) that sits beside the module at `besideUrl` (its `import.meta.url`). */
export function startWorker(besideUrl: string, name: string, workerData: unknown): Worker {
  const source = besideUrl.endsWith('.ts')
  const url = new URL(`./${name}${source ? '.ts' : '.js'}`, besideUrl)
  if (!source) return new Worker(url, {workerData})
  const tsx = pathToFileURL(tsxLoader()).href
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}) })`, {
    eval: true,
    workerData
  })
}
