import { createEmulator } from '@redirectless/emulator'
import {
  createHybridLoginMachine,
  createLoginStore,
  createMemoryFlowStore,
  type FlowStore,
  hybridLoginPhase,
  loginHintTokenFromSecret,
  submitEvent,
} from '@redirectless/orchestrator'
import { createPingFederateClient } from '@redirectless/pingfederate'
import { createPingOneClient } from '@redirectless/pingone'
import { createRedisFlowStore } from '@redirectless/store-redis'
import { createClient } from 'redis'
import { startRedis } from '../../suites/support/redis-server.js'
import { loadUser, loadUserOptions, PASSWORD } from '../emulator/users.js'
import { median } from '../lib/stats.js'
import { totp } from '../lib/totp.js'

export interface StoreRow {
  readonly store: 'memory' | 'redis'
  readonly logins: number
  readonly concurrency: number
  /** get / put / delete calls per login, and all of them. */
  readonly perLogin: {
    readonly get: number
    readonly put: number
    readonly delete: number
    readonly total: number
  }
  readonly loginsPerSecond: number
  /** Median wall ms of one login (4 requests). */
  readonly medianMs: number
}

/** Counts what a store is asked. */
function counting(store: FlowStore) {
  const calls = { get: 0, put: 0, delete: 0 }
  const counted: FlowStore = {
    get: (id) => {
      calls.get++
      return store.get(id)
    },
    put: (id, value, options) => {
      calls.put++
      return store.put(id, value, options)
    },
    delete: (id) => {
      calls.delete++
      return store.delete(id)
    },
  }
  return { counted, calls }
}

/**
 * Hybrid logins through `createLoginStore` (what a BFF does per request: claim, run, keep), the
 * emulator in-process so that the store is what differs: the memory store, then a real
 * redis-server on a unix socket. Four requests per login: start, password, device, OTP.
 */
export async function measureStores(options: { readonly logins: number; readonly concurrency: number }) {
  const redis = await startRedis()
  const client = createClient({ socket: { path: redis.socket, tls: false } })
  await client.connect()
  try {
    const rows: StoreRow[] = []
    for (const kind of ['memory', 'redis'] as const) {
      // A first round, not counted, warms the JIT so that neither store pays for it.
      const warmup = Math.min(20, Math.ceil(options.logins / 10))
      const emu = createEmulator(loadUserOptions(options.logins + warmup))
      const machine = createHybridLoginMachine({
        pingFederate: createPingFederateClient({
          baseUrl: emu.pingFederate.baseUrl,
          clientId: emu.pingFederate.clientId,
          fetch: emu.fetch,
        }),
        pingOne: createPingOneClient({
          authBaseUrl: emu.pingOne.authBaseUrl,
          environmentId: emu.pingOne.environmentId,
          clientId: emu.pingOne.clientId,
          clientSecret: emu.pingOne.clientSecret,
          fetch: emu.fetch,
        }),
        loginHintToken: loginHintTokenFromSecret({
          issuer: emu.pingOne.loginHintIssuer.clientId,
          secret: emu.pingOne.loginHintIssuer.secret,
          audience: emu.pingOne.issuer,
        }),
        pingOneParams: { acrValues: emu.pingOne.mfaOnlyAcrValues },
      })
      const base =
        kind === 'memory' ? createMemoryFlowStore() : createRedisFlowStore({ client, prefix: 'bench:' })
      const { counted, calls } = counting(base)
      const logins = createLoginStore({ store: counted, machine, sealingKey: new Uint8Array(32).fill(3) })
      const durations: number[] = []
      let next = 0
      let started = performance.now()
      const run = (until: number) =>
        Promise.all(
          Array.from({ length: options.concurrency }, async () => {
            while (next < until) {
              const { username } = loadUser(next++)
              const t = performance.now()
              const { id } = await logins.start()
              const selecting = await logins.step(id, (a) =>
                a.send(submitEvent('checkUsernamePassword', { username, password: PASSWORD })),
              )
              const devices = selecting.conflict
                ? []
                : ((
                    selecting.snapshot.context.state as {
                      _embedded?: { devices?: { id: string; type: string }[] }
                    }
                  )?._embedded?.devices ?? [])
              const device = devices.find((d) => d.type === 'TOTP')
              await logins.step(id, (a) =>
                a.send(submitEvent('device.select', { device: { id: device?.id ?? '' } })),
              )
              const done = await logins.step(id, (a) => a.send(submitEvent('otp.check', { otp: totp() })))
              if (done.conflict || hybridLoginPhase(done.snapshot) !== 'done') {
                throw new Error(`a ${kind} login did not finish for ${username}`)
              }
              durations.push(performance.now() - t)
            }
          }),
        )
      await run(warmup)
      durations.length = 0
      Object.assign(calls, { get: 0, put: 0, delete: 0 })
      started = performance.now()
      await run(warmup + options.logins)
      const seconds = (performance.now() - started) / 1000
      const per = (n: number) => n / options.logins
      rows.push({
        store: kind,
        logins: options.logins,
        concurrency: options.concurrency,
        perLogin: {
          get: per(calls.get),
          put: per(calls.put),
          delete: per(calls.delete),
          total: per(calls.get + calls.put + calls.delete),
        },
        loginsPerSecond: options.logins / seconds,
        medianMs: median(durations),
      })
      await emu.close()
    }
    return rows
  } finally {
    await client.close()
    await redis.close()
  }
}
