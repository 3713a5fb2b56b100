/**
 * The BFF example as it runs behind a load balancer: two instances over one real redis-server (a
 * fresh one on a unix socket, see suites/support/redis-server.ts) and one emulator. Every login must
 * end for the right user or with a coded error, no step may run twice, and nothing may be left behind.
 */
import { createEmulator, type Emulator } from '@redirectless/emulator'
import { loginHintTokenFromSecret } from '@redirectless/orchestrator'
import { createPingFederateClient } from '@redirectless/pingfederate'
import { createPingOneClient } from '@redirectless/pingone'
import { createRedisFlowStore } from '@redirectless/store-redis'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadUser, loadUserOptions, PASSWORD } from '../../bench/emulator/users.js'
import { totp } from '../../bench/lib/totp.js'
import { type RedisServer, startRedis } from '../../suites/support/redis-server.js'
import { createBffApp } from './app.js'

const ORIGIN = 'http://bff.test'
const USERS = 520
const KEY = crypto.getRandomValues(new Uint8Array(32))

let redis: RedisServer
const clients: { close(): Promise<unknown>; keys(pattern: string): Promise<string[]> }[] = []
let emu: Emulator
/** The `otp.check`s PingOne was sent: a step that ran twice would show as one too many. */
let otpChecks = 0
/** Requests of the instance to "kill" never get an answer from the emulator once this is set. */
let killed = false

beforeAll(async () => {
  redis = await startRedis()
  emu = createEmulator(loadUserOptions(USERS))
})
afterAll(async () => {
  for (const client of clients) await client.close()
  await redis?.close()
})

/** One instance: its own Redis connection and clients, the emulator shared, as in production. */
async function instance(name: string, options: { readonly leaseMs?: number } = {}) {
  const client = createClient({ socket: { path: redis.socket, tls: false } })
  await client.connect()
  clients.push(client)
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    if (name === 'doomed' && killed) return new Promise<Response>(() => {})
    if (request.headers.get('content-type')?.includes('otp.check')) otpChecks++
    return emu.fetch(request)
  }
  return createBffApp({
    sealingKey: KEY,
    origins: [ORIGIN],
    secureCookies: false,
    longPollMs: 2_000,
    store: createRedisFlowStore({ client, prefix: 'bff:' }),
    ...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }),
    login: {
      pingFederate: createPingFederateClient({
        baseUrl: emu.pingFederate.baseUrl,
        clientId: emu.pingFederate.clientId,
        fetch,
      }),
      pingOne: createPingOneClient({
        authBaseUrl: emu.pingOne.authBaseUrl,
        environmentId: emu.pingOne.environmentId,
        clientId: emu.pingOne.clientId,
        clientSecret: emu.pingOne.clientSecret,
        fetch,
      }),
      loginHintToken: loginHintTokenFromSecret({
        issuer: emu.pingOne.loginHintIssuer.clientId,
        secret: emu.pingOne.loginHintIssuer.secret,
        audience: emu.pingOne.issuer,
      }),
      pingOneParams: { acrValues: emu.pingOne.mfaOnlyAcrValues },
    },
  })
}

type App = Awaited<ReturnType<typeof instance>>

/** What the BFF answers, as far as these tests read it. */
interface Answer {
  readonly phase?: string
  readonly status?: string
  readonly sub?: string
  readonly user?: { readonly sub?: string }
  readonly error?: { readonly code: string }
  readonly model?: { readonly _embedded?: { readonly devices?: readonly { id: string; type: string }[] } }
}

/** A browser: its own cookie, each request to whichever instance `pick` names. */
function browser(pick: () => App) {
  let cookie = ''
  return async (path: string, body?: unknown, app: App = pick()) => {
    const response = await app.fetch(
      new Request(`${ORIGIN}${path}`, {
        method: path === '/me' ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN, ...(cookie && { cookie }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      }),
    )
    const set = response.headers.getSetCookie()
    if (set.length > 0) {
      cookie = set
        .map((line) => line.split(';')[0] ?? '')
        .filter((pair) => !pair.endsWith('='))
        .join('; ')
    }
    return { status: response.status, json: (await response.json()) as Answer }
  }
}

async function signIn(call: ReturnType<typeof browser>, username: string) {
  await call('/login/start')
  const selecting = await call('/login/submit', {
    action: 'checkUsernamePassword',
    body: { username, password: PASSWORD },
  })
  const totpDevice = selecting.json.model?._embedded?.devices?.find(
    (d: { type: string }) => d.type === 'TOTP',
  )
  await call('/login/submit', { action: 'device.select', body: { device: { id: totpDevice?.id } } })
  return call('/login/submit', { action: 'otp.check', body: { otp: totp() } })
}

describe('two BFF instances over one Redis', () => {
  it('signs 500 users in with every request sent to a random instance', async () => {
    const apps = [await instance('a'), await instance('b')]
    const random = () => apps[Math.floor(Math.random() * apps.length)] as App
    const outcomes: { username: string; status: number; user: string | undefined }[] = []
    let next = 0
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        while (next < 500) {
          const username = loadUser(next++).username
          const call = browser(random)
          const done = await signIn(call, username)
          const me = await call('/me')
          outcomes.push({ username, status: done.status, user: me.json.sub })
        }
      }),
    )
    expect(outcomes).toHaveLength(500)
    expect(otpChecks).toBe(500)
    for (const o of outcomes) expect(o).toEqual({ username: o.username, status: 200, user: o.username })
    // Ended logins are deleted: nothing is left in Redis.
    expect(await clients[0]?.keys('bff:*')).toEqual([])
  }, 120_000)

  it('runs a step sent 100 times at once, over both instances, exactly once', async () => {
    const apps = [await instance('c'), await instance('d')]
    const username = loadUser(500).username
    let turn = 0
    const call = browser(() => apps[turn++ % 2] as App)
    await call('/login/start')
    const selecting = await call('/login/submit', {
      action: 'checkUsernamePassword',
      body: { username, password: PASSWORD },
    })
    const device = selecting.json.model?._embedded?.devices?.find((d) => d.type === 'TOTP')
    await call('/login/submit', { action: 'device.select', body: { device: { id: device?.id } } })
    const before = otpChecks
    const answers = await Promise.all(
      Array.from({ length: 100 }, () =>
        call('/login/submit', { action: 'otp.check', body: { otp: totp() } }),
      ),
    )
    const ran = answers.filter((a) => a.status !== 409)
    expect(ran).toHaveLength(1)
    expect(ran[0]?.json).toMatchObject({ phase: 'done', user: { sub: username } })
    for (const a of answers.filter((a) => a.status === 409)) expect(a.json.error?.code).toBe('CONFLICT')
    expect(otpChecks - before).toBe(1)
  }, 60_000)

  it('finishes a login on the other instance when the one running its step dies', async () => {
    const doomed = await instance('doomed', { leaseMs: 1_000 })
    const survivor = await instance('survivor', { leaseMs: 1_000 })
    const username = loadUser(501).username
    const call = browser(() => survivor)
    await call('/login/start')
    const selecting = await call('/login/submit', {
      action: 'checkUsernamePassword',
      body: { username, password: PASSWORD },
    })
    const device = selecting.json.model?._embedded?.devices?.find((d) => d.type === 'TOTP')
    await call('/login/submit', { action: 'device.select', body: { device: { id: device?.id } } })
    // The doomed instance takes the OTP and dies before PingOne answers it: no reply, ever.
    killed = true
    void call('/login/submit', { action: 'otp.check', body: { otp: totp() } }, doomed)
    await new Promise((resolve) => setTimeout(resolve, 100))
    const meanwhile = await call('/login/submit', { action: 'otp.check', body: { otp: totp() } })
    expect(meanwhile.status).toBe(409)
    expect(meanwhile.json).toMatchObject({ error: { code: 'CONFLICT' }, status: 'OTP_REQUIRED' })
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    const done = await call('/login/submit', { action: 'otp.check', body: { otp: totp() } })
    expect(done.json).toMatchObject({ phase: 'done', user: { sub: username } })
    expect((await call('/me')).json.sub).toBe(username)
  }, 30_000)
})
