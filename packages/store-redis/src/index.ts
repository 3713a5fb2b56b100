/**
 * A `FlowStore` (from `@redirectless/orchestrator`) on Redis, so that a backend-for-frontend keeps its hybrid logins in the Redis
 * all its instances share: each write a compare-and-set (one Lua script, atomic in Redis), each
 * value with a time to live, each key a hash of the login's id so that reading Redis's keys hands
 * nobody a login.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis'
 * import { createLoginStore } from '@redirectless/orchestrator'
 * import { createRedisFlowStore } from '@redirectless/store-redis'
 *
 * const client = await createClient({ url: process.env.REDIS_URL }).connect()
 * const logins = createLoginStore({ store: createRedisFlowStore({ client }), machine, sealingKey })
 * ```
 * @module
 */
import { createHash } from 'node:crypto'
import { ErrorCodes, RedirectlessError } from '@redirectless/core'
import { checkPut, type FlowStore, storeConflict } from '@redirectless/orchestrator'

/**
 * The commands the store uses, as the official `redis` client (v5 and v6) has them; a client, a
 * cluster or a sentinel client will do.
 */
export interface RedisCommands {
  /** Runs a Lua script (the compare-and-set). */
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>
  /** Reads fields of a hash. */
  hmGet(key: string, fields: string[]): Promise<readonly (string | null | undefined)[]>
  /** Deletes keys. */
  del(keys: string | string[]): Promise<unknown>
}

/** What {@link createRedisFlowStore} takes. */
export interface RedisFlowStoreOptions {
  /** A connected client (`await createClient(…).connect()`); the store never closes it. */
  readonly client: RedisCommands
  /** Prepended to every key, so that the logins keep to themselves in a shared Redis. */
  readonly prefix?: string
}

// Compare-and-set: KEYS[1] the login; ARGV: the version the writer read ('' to create), the value,
// the time to live in ms. Returns the new version, or -1 when another writer got there first.
const COMPARE_AND_SET = `
local current = redis.call('HGET', KEYS[1], 'v')
if ARGV[1] == '' then
  if current then return -1 end
elseif current ~= ARGV[1] then
  return -1
end
local version = (tonumber(current) or 0) + 1
redis.call('HSET', KEYS[1], 'v', version, 'd', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return version
`

/** A `FlowStore` over `options.client`; see the module's description. */
export function createRedisFlowStore(options: RedisFlowStoreOptions): FlowStore {
  const client = options?.client
  if (!client || typeof client.eval !== 'function' || typeof client.hmGet !== 'function') {
    throw new RedirectlessError(
      ErrorCodes.INVALID_ARGUMENT,
      'createRedisFlowStore needs a connected redis client',
    )
  }
  const prefix = options.prefix ?? 'redirectless:login:'
  // A login's id is its bearer credential (a cookie); Redis sees only a hash of it.
  const keyOf = (id: string) => `${prefix}${createHash('sha256').update(id).digest('base64url')}`

  return {
    async get(id) {
      if (typeof id !== 'string' || id === '') return undefined
      const [version, data] = await client.hmGet(keyOf(id), ['v', 'd'])
      if (typeof version !== 'string' || typeof data !== 'string') return undefined
      return { value: JSON.parse(data) as unknown, version: Number(version) }
    },
    async put(id, value, putOptions) {
      checkPut(id, putOptions)
      const json = JSON.stringify(value)
      if (json === undefined) throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, 'Only JSON is stored')
      const result = await client.eval(COMPARE_AND_SET, {
        keys: [keyOf(id)],
        arguments: [
          putOptions.version === undefined ? '' : String(putOptions.version),
          json,
          String(Math.max(1, Math.ceil(putOptions.ttlSeconds * 1000))),
        ],
      })
      const version = Number(result)
      if (version === -1) throw storeConflict(id)
      return version
    },
    async delete(id) {
      if (typeof id === 'string' && id !== '') await client.del(keyOf(id))
    },
  }
}
