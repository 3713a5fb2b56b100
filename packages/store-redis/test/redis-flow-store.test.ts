import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RedisServer, startRedis } from '../../../suites/support/redis-server.js'
import { flowStoreContract } from '../../orchestrator/test/store/flow-store-contract.js'
import { createRedisFlowStore } from '../src/index.js'

let server: RedisServer
let client: ReturnType<typeof createClient>
beforeAll(async () => {
  server = await startRedis()
  client = createClient({ socket: { path: server.socket, tls: false } })
  await client.connect()
})
afterAll(async () => {
  await client?.close()
  await server?.close()
})

// Each run of the contract in its own key space, so the tests cannot see each other's values.
let run = 0
flowStoreContract('createRedisFlowStore', () => createRedisFlowStore({ client, prefix: `t${++run}:` }))

describe('createRedisFlowStore', () => {
  it('keeps in Redis only a hash of the login id as the key, and nothing after a delete', async () => {
    const store = createRedisFlowStore({ client, prefix: 'keys:' })
    const id = 'the-login-id-is-a-bearer-credential'
    await store.put(id, { sealed: 'x' }, { ttlSeconds: 60 })
    const keys = await client.keys('keys:*')
    expect(keys).toHaveLength(1)
    expect(keys[0]).not.toContain(id)
    expect(await client.pTTL(keys[0] as string)).toBeGreaterThan(50_000)
    await store.delete(id)
    expect(await client.keys('keys:*')).toEqual([])
  })

  it('refuses what is not a redis client', () => {
    expect(() => createRedisFlowStore({ client: {} as never })).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })
})
