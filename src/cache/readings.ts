/**
 * Cached results of the per-reading pipeline: the transformed tree, what the transforms left
 * in `file.data` and the messages they gave. An entry is found by the digest of what is known
 * before the run (the reading's path and bytes, its citation setup: records,
 * style, locales) and trusted only while every file the run looked at (its images, found or
 * not) is as it was then.
 */
import {readFileSync, statSync} from 'node:fs'
import type {Root} from 'hast'
import type {DataMap, VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {digest, getJson, type Store} from './store.ts'

/** The file data a run leaves; the loader's own (`idPrefix`, `citationSetup`) is not kept. */
export const keptData = ['matter', 'notes', 'headings', 'images', 'bibliography', 'howToCite'] as const satisfies ReadonlyArray<keyof DataMap>

export interface SavedMessage {
  reason: string
  fatal: VFileMessage['fatal']
  place: VFileMessage['place']
  ruleId: string | undefined
  source: string | undefined
  note: string | undefined
  url: string | undefined
  expected: string[] | undefined
}

export interface ReadingEntry {
  /** Files the run looked at, with the digest of their bytes (`null`: it did not exist). */
  dependencies: Array<[file: string, digest: string | null]>
  tree: Root
  data: Partial<Pick<DataMap, (typeof keptData)[number]>>
  messages: SavedMessage[]
}

/** Digests of files by path, once per build: images are shared between readings. */
export class FileDigests {
  #known = new Map<string, string | null>()

  of(file: string): string | null {
    let known = this.#known.get(file)
    if (known === undefined) {
      try {
        // Only a regular file is read: a pipe or a device put where an image was would block.
        known = statSync(file).isFile() ? digest(readFileSync(file)) : null
      } catch {
        known = null
      }
      this.#known.set(file, known)
    }
    return known
  }
}

/** Digests of the citation setup's large shared parts (style, locales), once per object. */
const partDigests = new WeakMap<object, string>()

function partDigest(value: object | string): string {
  if (typeof value === 'string') return digest(value)
  let known = partDigests.get(value)
  if (!known) {
    known = digest(JSON.stringify(value instanceof Map ? [...value] : value))
    partDigests.set(value, known)
  }
  return known
}

/** The key of a reading's run, from what the loader gave it. */
export function readingKey(build: string, file: VFile): string {
  const setup = file.data.citationSetup
  return digest(
    build,
    'reading',
    file.path,
    String(file.value),
    setup?.items ? partDigest(setup.items) : undefined,
    setup ? partDigest(setup.style) : undefined,
    setup ? partDigest(setup.locales) : undefined,
    setup?.lang,
    setup?.pack ? JSON.stringify(setup.pack) : undefined,
    // A PDF reading's file is `pack.yaml` itself: its entry and its PDF's bytes are what it is.
    file.data.pdf ? JSON.stringify([file.data.frontMatter?.values, file.data.pdf.path, file.data.pdf.source.pages, file.data.pdf.originalPages]) : undefined,
    file.data.pdf ? file.data.pdf.source.bytes : undefined
  )
}

/** The cached run of a reading, applied to its file, or `undefined` for a miss. */
export function restoreReading(store: Store, key: string, file: VFile, files: FileDigests): {tree: Root; entry: ReadingEntry} | undefined {
  const entry = getJson<ReadingEntry>(store, 'reading', key)
  if (!entry || !Array.isArray(entry.dependencies) || entry.tree?.type !== 'root') return undefined
  if (!entry.dependencies.every(([dependency, known]) => files.of(dependency) === known)) return undefined
  applyRun(file, entry)
  return {tree: entry.tree, entry}
}

/**
 * Put what a run left (its file data, its messages) on `file`, as if the run had been made
 * on it: for a cached run, and for one made in a worker thread (`transform/parse-workers.ts`).
 */
export function applyRun(file: VFile, run: Pick<ReadingEntry, 'data' | 'messages'>): void {
  Object.assign(file.data, run.data)
  for (const saved of run.messages) {
    const message = file.message(saved.reason, {
      place: saved.place,
      ...(saved.ruleId ? {ruleId: saved.ruleId} : {}),
      ...(saved.source ? {source: saved.source} : {})
    })
    message.fatal = saved.fatal
    if (saved.note !== undefined) message.note = saved.note
    if (saved.url !== undefined) message.url = saved.url
    if (saved.expected !== undefined) message.expected = saved.expected
  }
}

/** What a run left in `file.data`: the kept names, and any others asked for (`crossref` for a worker's run). */
export function runData(file: VFile, names: ReadonlyArray<keyof DataMap> = keptData): ReadingEntry['data'] {
  return Object.fromEntries(names.filter((name) => file.data[name] !== undefined).map((name) => [name, file.data[name]]))
}

/** The messages a run gave, from the `from`-th on, as plain data (to store or to send to another thread). */
export function savedMessages(file: VFile, from: number): SavedMessage[] {
  return file.messages.slice(from).map((message) => ({
    reason: message.reason,
    fatal: message.fatal,
    place: message.place,
    ruleId: message.ruleId,
    source: message.source,
    note: message.note,
    url: message.url,
    expected: message.expected
  }))
}

/** Keep a reading's run: `messagesBefore` counts the loader's messages, which are not its. */
export function saveReading(
  store: Store,
  key: string,
  file: VFile,
  tree: Root,
  looked: Iterable<string>,
  files: FileDigests,
  messagesBefore: number
): ReadingEntry {
  const entry: ReadingEntry = {
    dependencies: [...new Set(looked)].sort().map((dependency) => [dependency, files.of(dependency)]),
    tree,
    data: runData(file),
    messages: savedMessages(file, messagesBefore)
  }
  if (store.enabled) store.set('reading', key, JSON.stringify(entry))
  return entry
}
