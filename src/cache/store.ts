/**
 * A content-addressed store of build results on disk (default `node_modules/.cache/folio`).
 * A key is the SHA-256 of everything the result depends on (Folio's build, the options, the
 * bytes of every input); nothing in the store is needed for a correct build. Each entry
 * carries the digest of its own bytes, so a truncated or corrupt entry reads as a miss and is
 * rebuilt, never trusted; writes go beside the entry and are renamed into place.
 */
import {createHash} from 'node:crypto'
import {mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'

/** Parts of a key: text, bytes, or nothing (kept apart from the empty string). */
export type KeyPart = string | Uint8Array | undefined

/** The SHA-256 of the parts, each length-prefixed so that no two lists collide. */
export function digest(...parts: KeyPart[]): string {
  const hash = createHash('sha256')
  for (const part of parts) {
    if (part === undefined) {
      hash.update('u;')
      continue
    }
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part
    hash.update(`${typeof part === 'string' ? 's' : 'b'}${bytes.byteLength};`)
    hash.update(bytes)
  }
  return hash.digest('hex')
}

export interface Store {
  /** The entry's bytes, or `undefined` when missing or unreadable. */
  get(kind: string, key: string): Buffer | undefined
  /** Keep an entry; failing to keep one is not the build's failure. */
  set(kind: string, key: string, data: string | Uint8Array): void
  /** Whether entries are kept at all (`--no-cache` makes a store that keeps none). */
  readonly enabled: boolean
  /** Where the entries are, for a worker thread to open the same store (`storeAt`). */
  readonly location?: StoreLocation
}

/** A store's folder and the scopes its keys are in, outermost first: what `storeAt` opens again. */
export interface StoreLocation {
  folder: string | false
  scopes: string[]
}

const digestBytes = 32

export function openStore(folder: string | false): Store {
  if (folder === false) return {get: () => undefined, set: () => undefined, enabled: false, location: {folder, scopes: []}}
  const file = (kind: string, key: string) => path.join(folder, kind, key.slice(0, 2), key)
  return {
    enabled: true,
    location: {folder, scopes: []},
    get(kind, key) {
      let data: Buffer
      try {
        data = readFileSync(file(kind, key))
      } catch {
        return undefined
      }
      const body = data.subarray(digestBytes)
      if (data.byteLength < digestBytes || !createHash('sha256').update(body).digest().equals(data.subarray(0, digestBytes))) {
        rmSync(file(kind, key), {force: true})
        return undefined
      }
      return body
    },
    set(kind, key, data) {
      const target = file(kind, key)
      const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
      const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
      try {
        mkdirSync(path.dirname(target), {recursive: true})
        writeFileSync(temporary, Buffer.concat([createHash('sha256').update(body).digest(), body]))
        renameSync(temporary, target)
      } catch {
        rmSync(temporary, {force: true})
      }
    }
  }
}

/** A JSON entry, or `undefined` when missing, corrupt or not JSON. */
export function getJson<T>(store: Store, kind: string, key: string): T | undefined {
  const data = store.get(kind, key)
  if (!data) return undefined
  try {
    return JSON.parse(data.toString('utf8')) as T
  } catch {
    return undefined
  }
}

/** A store whose every key also names the Folio that made the entry, for renderers' pieces. */
export function scopedStore(store: Store, scope: string): Store {
  return {
    enabled: store.enabled,
    ...(store.location ? {location: {folder: store.location.folder, scopes: [...store.location.scopes, scope]}} : {}),
    get: (kind, key) => store.get(kind, digest(scope, key)),
    set: (kind, key, data) => store.set(kind, digest(scope, key), data)
  }
}

/** The store at `location`, as `openStore` and `scopedStore` made it. */
export function storeAt(location: StoreLocation): Store {
  return location.scopes.reduce(scopedStore, openStore(location.folder))
}
