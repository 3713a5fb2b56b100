import { ErrorCodes, RedirectlessError } from '@redirectless/core'

/** A stored value and the version it has: the version a compare-and-set names. */
export interface StoredValue {
  readonly value: unknown
  readonly version: number
}

/** How {@link FlowStore.put} writes: against the version read, and for how long. */
export interface PutOptions {
  /**
   * The version the caller read. The write succeeds only if the stored value still has it; without
   * one, only if there is no value yet. Either way a lost race is `CONFLICT`, never an overwrite.
   */
  readonly version?: number
  /** Seconds until the value expires (and `get` no longer finds it). */
  readonly ttlSeconds: number
}

/**
 * Where a backend keeps logins between requests, shared by all its instances: a key-value store
 * with a version per value (compare-and-set) and a time to live. Implementations: the in-memory
 * {@link createMemoryFlowStore}, `createRedisFlowStore` in `@redirectless/store-redis`, or your own
 * on any store that can compare and set atomically. Values are plain JSON.
 */
export interface FlowStore {
  /** The value stored under `id` with its version, or undefined when there is none (or it expired). */
  get(id: string): Promise<StoredValue | undefined>
  /**
   * Writes `value` if the stored version is `options.version` (or, without it, if nothing is
   * stored), and returns the new version.
   * @throws `CONFLICT` when another writer got there first.
   */
  put(id: string, value: unknown, options: PutOptions): Promise<number>
  /** Removes the value under `id`, if any. */
  delete(id: string): Promise<void>
}

/** The `CONFLICT` a store throws when a compare-and-set loses. */
export function storeConflict(id: string): RedirectlessError {
  return new RedirectlessError(
    ErrorCodes.CONFLICT,
    `Another request changed stored login ${id.slice(0, 8)}… first`,
    { retryable: true },
  )
}

/** Checks what every store is given, so each implementation refuses the same mistakes. */
export function checkPut(id: unknown, options: PutOptions | undefined): void {
  if (typeof id !== 'string' || id === '' || id.length > 256) {
    throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, 'A store key is a non-empty string')
  }
  const ttl = options?.ttlSeconds
  if (typeof ttl !== 'number' || !(ttl > 0) || !Number.isFinite(ttl)) {
    throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, 'ttlSeconds must be a positive number')
  }
  const version = options?.version
  if (version !== undefined && !(Number.isSafeInteger(version) && version > 0)) {
    throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, 'version must be a version a get returned')
  }
}

interface Entry {
  readonly json: string
  readonly version: number
  readonly expiresAt: number
}

/**
 * A {@link FlowStore} in this process's memory: for one instance, development and tests. Values
 * are kept as JSON, as a shared store would keep them, so nothing is shared by reference.
 */
export function createMemoryFlowStore(options: { readonly now?: () => number } = {}): FlowStore {
  const now = options.now ?? Date.now
  const entries = new Map<string, Entry>()
  const live = (id: string): Entry | undefined => {
    const entry = entries.get(id)
    if (entry && entry.expiresAt <= now()) {
      entries.delete(id)
      return undefined
    }
    return entry
  }
  // Expired entries are dropped as they are met, and every so often all at once.
  let writes = 0
  const sweep = () => {
    if (++writes % 256 !== 0) return
    const t = now()
    for (const [id, entry] of entries) if (entry.expiresAt <= t) entries.delete(id)
  }
  return {
    async get(id) {
      const entry = live(id)
      return entry ? { value: JSON.parse(entry.json), version: entry.version } : undefined
    },
    async put(id, value, putOptions) {
      checkPut(id, putOptions)
      const current = live(id)
      const expected = putOptions.version
      if (expected === undefined ? current !== undefined : current?.version !== expected) {
        throw storeConflict(id)
      }
      const version = (current?.version ?? 0) + 1
      const json = JSON.stringify(value)
      if (json === undefined) throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, 'Only JSON is stored')
      entries.set(id, { json, version, expiresAt: now() + putOptions.ttlSeconds * 1000 })
      sweep()
      return version
    },
    async delete(id) {
      entries.delete(id)
    },
  }
}
