#!/usr/bin/env node
// Compiles `src/` to `lib/` (git-ignored) so that the `folio` command runs plain JavaScript:
// `prepare` runs it on `npm ci`, and the test suite's setup runs it so tests never spawn
// stale code. Each module stays its own file at the same depth as its source (`src/x/y.ts` →
// `lib/x/y.js`), so paths found from `import.meta.url` (templates, fonts, `content/`) resolve
// the same from either. The scripts that run inside the print page are bundled here, once,
// into `lib/browser-page.js`, instead of at every run.
import {readdirSync, rmSync, writeFileSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {performance} from 'node:perf_hooks'
import {build} from 'esbuild'

const root = fileURLToPath(new URL('../', import.meta.url))
const src = path.join(root, 'src')
const lib = path.join(root, 'lib')

/**
 * The worker threads (`src/transform/parse-worker.ts`, `src/render/pdf/file/finish-worker.ts`)
 * are each bundled with their dependencies into one file: a worker loads it at every start,
 * and one file loads in about half the time of the few hundred modules it is made of. Each
 * stays at its source's depth, so the paths its modules find from `import.meta.url` resolve
 * the same.
 */
const workers = ['transform/parse-worker.ts', 'render/pdf/file/finish-worker.ts'].map((file) => path.join(src, file))

/** Every module under `src/` that runs in Node (`*.d.ts` are types; `browser/` runs in the page). */
function modules(folder) {
  return readdirSync(folder, {withFileTypes: true}).flatMap((entry) => {
    const file = path.join(folder, entry.name)
    if (entry.isDirectory()) return file === path.join(src, 'render/pdf/browser') ? [] : modules(file)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !workers.includes(file) ? [file] : []
  })
}

/**
 * Keeps every import outside the module being compiled as an import: relative `.ts` ones
 * become the `.js` beside it in `lib/`, packages stay packages. esbuild only rewrites
 * import paths through a plugin when it bundles, hence bundle + this.
 */
const separateModules = {
  name: 'separate-modules',
  setup(builder) {
    builder.onResolve({filter: /.*/}, (args) => {
      if (args.kind === 'entry-point') return undefined
      if (args.path.startsWith('.')) {
        const relative = args.path.replace(/\.ts$/, '.js')
        // The manifest sits outside src/; from lib/ it is at the same relative place.
        return {path: relative, external: true}
      }
      return {path: args.path, external: true}
    })
  }
}

/**
 * The command itself (`bin/folio.js`) runs one bundle of the CLI with its packages, in
 * `lib/bin/`, split where editions load lazily: Node finds, reads and links a few files
 * instead of some seven hundred modules (the default pack builds in 5.7 s instead of 6.2). Each
 * module's `import.meta.url` is rewritten to the URL of its own file in `lib/`, so the paths
 * it finds from there (templates, fonts, `content/`, the parse worker) are the same as from
 * the module-per-file build beside it.
 */
const cliEntry = path.join(src, 'cli/index.ts')
const bundleDir = path.join(lib, 'bin')
const ownUrls = {
  name: 'own-urls',
  setup(builder) {
    builder.onLoad({filter: /\.ts$/}, async (args) => {
      const source = await readFile(args.path, 'utf8')
      if (!source.includes('import.meta.url')) return undefined
      const own = path.join(lib, path.relative(src, args.path)).replace(/\.ts$/, '.js')
      const relative = path.relative(bundleDir, own).split(path.sep).join('/')
      return {contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: 'ts'}
    })
  }
}

/** For the CommonJS packages a bundle holds, which call require() for Node's own modules. */
const requireBanner = {js: "import {createRequire as folioCreateRequire} from 'node:module'; const require = folioCreateRequire(import.meta.url);"}

const started = performance.now()
// Files are written over in place, not after emptying lib/, so a folio already running (a
// watch, a bench) never finds a module missing; what no source makes any more goes after.
/** What Node runs: ES modules for Node 20, with source maps. */
const forNode = {bundle: true, platform: 'node', format: 'esm', target: 'node20', sourcemap: 'linked', logLevel: 'warning', metafile: true, absWorkingDir: root}
const results = await Promise.all([
  build({...forNode, entryPoints: modules(src), outdir: lib, outbase: src, plugins: [separateModules]}),
  build({
    ...forNode,
    entryPoints: {folio: cliEntry},
    outdir: bundleDir,
    splitting: true,
    chunkNames: '[name]-[hash]',
    plugins: [ownUrls],
    // Loaded by Node as they are: pdf-lib is CommonJS, whose named exports esbuild gives a
    // split bundle's `import()` only as `default`; pdf.js finds its worker beside its own file.
    external: ['pdf-lib', 'pdfjs-dist', 'pdfjs-dist/*'],
    banner: requireBanner
  }),
  ...workers.map((worker) =>
    build({
      ...forNode,
      entryPoints: [worker],
      outfile: path.join(lib, path.relative(src, worker)).replace(/\.ts$/, '.js'),
      banner: requireBanner
    })
  ),
  build({
    entryPoints: [path.join(src, 'render/pdf/browser/entry.ts')],
    outfile: path.join(lib, 'browser-page.js'),
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    absWorkingDir: root
  })
])
const made = new Set([...results.flatMap((result) => Object.keys(result.metafile.outputs)).map((file) => path.resolve(root, file)), path.join(lib, 'build-id')])
for (const file of readdirSync(lib, {recursive: true, withFileTypes: true})) {
  const full = path.join(file.parentPath, file.name)
  if (file.isFile() && !made.has(full)) rmSync(full)
}
// Which code made a cached result (src/cache/version.ts): the same digest the sources compute.
const {sourceDigest} = await import(path.join(lib, 'cache/version.js'))
writeFileSync(path.join(lib, 'build-id'), `${sourceDigest(root)}\n`)
if (!process.argv.includes('--quiet')) console.log(`folio: compiled src/ to lib/ in ${((performance.now() - started) / 1000).toFixed(1)} s`)
