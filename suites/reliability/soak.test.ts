import { ErrorCodes, isRedirectlessError } from '@redirectless/core'
import { createEmulator } from '@redirectless/emulator'
import {
  createHybridLoginMachine,
  type HybridLoginAnswer,
  type HybridLoginStep,
  loginHintTokenFromSecret,
  runHybridLogin,
} from '@redirectless/orchestrator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAST_RETRY, otpFor, p1Client, pfClient } from './support/clients.js'
import { faultInjector, INJECTED, type InjectedFault } from './support/fault-injector.js'
import { population, type TestUser } from './support/population.js'
import { activeResources, countUnhandledRejections, leakedSince } from './support/process-guards.js'
import { seededRandom } from './support/seeded.js'

// Enough for every fault kind to meet every step many times (the outcomes line shows it), few enough
// for a loaded 2-core CI machine.
const LOGINS = 2_000
const CONCURRENCY = 50
/** Chance that any one request meets a fault. */
const FAULT_RATE = 0.05
const SEED = 0x5eed_2025
/** No login may take longer; hitting it means something hung. */
const LOGIN_DEADLINE_MS = 15_000
/** A user answers a step again after a passing error; past this many answers they give up. */
const MAX_ANSWERS = 12

interface LoginRecord {
  readonly index: number
  readonly user: TestUser
  readonly faults: InjectedFault[]
  outcome?: 'completed' | string
  subjects?: { pingFederate: unknown; pingOne: unknown }
  uncoded?: string
  hung?: true
}

const { users, options } = population('soak', 2 * CONCURRENCY)
const emu = createEmulator(options())
const rejections = countUnhandledRejections()
const records: LoginRecord[] = []
const injected = Object.fromEntries(INJECTED.map((f) => [f, 0])) as Record<InjectedFault, number>
let durationMs = 0
let requests = 0
let baseline: Map<string, number>

/**
 * One lane: its own clients, machine and seeded fault stream (so what a lane injects depends only on
 * its own requests and replays from the seed), running its share of the logins one after another.
 */
async function lane(k: number): Promise<void> {
  const random = seededRandom(SEED + k)
  let current: LoginRecord | undefined
  const faulty = faultInjector(emu.fetch, random, FAULT_RATE, (fault) => {
    injected[fault]++
    current?.faults.push(fault)
  })
  // Every attempt counts, including the ones a fault stops before they reach the emulator.
  const fetch: typeof faulty = (input, init) => {
    requests++
    return faulty(input, init)
  }
  const machine = createHybridLoginMachine({
    pingFederate: pfClient(emu, fetch, { retry: FAST_RETRY, timeout: 5_000 }),
    pingOne: p1Client(emu, fetch, { retry: FAST_RETRY, timeout: 5_000 }),
    loginHintToken: loginHintTokenFromSecret({
      issuer: emu.pingOne.loginHintIssuer.clientId,
      secret: emu.pingOne.loginHintIssuer.secret,
      audience: emu.pingOne.issuer,
    }),
    pingOneParams: { acrValues: emu.pingOne.mfaOnlyAcrValues },
  })
  for (let index = k, round = 0; index < LOGINS; index += CONCURRENCY, round++) {
    // Two users per lane, taking turns: the same machine and clients sign different people in.
    const user = users[2 * k + (round % 2)] as TestUser
    const record: LoginRecord = { index, user, faults: [] }
    current = record
    records[index] = record
    await login(machine, record)
  }
}

async function login(machine: ReturnType<typeof createHybridLoginMachine>, record: LoginRecord) {
  const { user } = record
  let answers = 0
  const onStep = (step: HybridLoginStep): HybridLoginAnswer => {
    if (++answers > MAX_ANSWERS) return { cancel: true }
    if (step.canRetry) return { retry: true }
    switch (step.status) {
      case 'USERNAME_PASSWORD_REQUIRED':
        return { action: 'checkUsernamePassword', body: { username: user.username, password: user.password } }
      case 'OTP_REQUIRED':
        return { action: 'otp.check', body: { otp: otpFor(emu, user.username, step.state?.id) } }
      default:
        return { cancel: true }
    }
  }
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  // The abort must settle the login; if even that does not happen, the race below says so.
  const hang = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort()
      timer = setTimeout(() => resolve('hung'), 2_000)
    }, LOGIN_DEADLINE_MS)
  })
  try {
    const result = await Promise.race([runHybridLogin({ machine, onStep, signal: controller.signal }), hang])
    if (result === 'hung') {
      record.hung = true
      return
    }
    record.outcome = 'completed'
    record.subjects = { pingFederate: result.pingFederate.claims?.sub, pingOne: result.pingOne?.claims?.sub }
  } catch (error) {
    if (isRedirectlessError(error)) record.outcome = error.code
    else record.uncoded = String(error)
  } finally {
    clearTimeout(timer)
  }
}

beforeAll(async () => {
  baseline = activeResources()
  const started = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, k) => lane(k)))
  durationMs = performance.now() - started
}, 110_000)

afterAll(async () => {
  rejections.dispose()
  await emu.close()
})

describe(`soak: ${LOGINS} hybrid logins, ${CONCURRENCY} at a time, ${FAULT_RATE * 100} % of requests faulted`, () => {
  it('every login settled before its deadline', () => {
    expect(records.filter((r) => r === undefined)).toEqual([])
    expect(records).toHaveLength(LOGINS)
    expect(records.filter((r) => r.hung).map((r) => r.index)).toEqual([])
    // ABORTED would mean the per-login deadline fired: a login that did not hang but crawled.
    expect(records.filter((r) => r.outcome === ErrorCodes.ABORTED).map((r) => r.index)).toEqual([])
  })

  it('every completed login is bound to its own user at both stages', () => {
    const completed = records.filter((r) => r.outcome === 'completed')
    const wrong = completed.filter(
      (r) => r.subjects?.pingFederate !== r.user.username || r.subjects?.pingOne !== r.user.pingOneId,
    )
    expect(wrong.map((r) => ({ index: r.index, user: r.user.username, got: r.subjects }))).toEqual([])
  })

  it('every failed login failed with a coded RedirectlessError', () => {
    expect(records.filter((r) => r.uncoded).map((r) => `${r.index}: ${r.uncoded}`)).toEqual([])
    const known = new Set<string>([...Object.values(ErrorCodes), 'completed'])
    expect(records.filter((r) => !known.has(r.outcome ?? '')).map((r) => r.outcome)).toEqual([])
  })

  it('a login that met no fault always completed, and faults were really injected', () => {
    const clean = records.filter((r) => r.faults.length === 0)
    expect(clean.filter((r) => r.outcome !== 'completed').map((r) => `${r.index}: ${r.outcome}`)).toEqual([])
    // Each kind was hit, and often enough to mean something, at roughly the configured rate.
    for (const kind of INJECTED) expect(injected[kind], kind).toBeGreaterThan(100)
    const total = Object.values(injected).reduce((a, b) => a + b, 0)
    expect(total / requests).toBeGreaterThan(FAULT_RATE * 0.8)
    expect(total / requests).toBeLessThan(FAULT_RATE * 1.2)
    // Most faulted logins recover (GET retries, the user answering again, RETRY).
    const faulted = records.filter((r) => r.faults.length > 0)
    expect(faulted.filter((r) => r.outcome === 'completed').length).toBeGreaterThan(faulted.length / 2)
  })

  it('left no unhandled rejection and no timer or handle behind', async () => {
    expect(rejections.reasons).toEqual([])
    expect(await leakedSince(baseline)).toEqual({})
  })

  it('accounted for every login', () => {
    const outcomes: Record<string, number> = {}
    for (const r of records) outcomes[r.outcome ?? 'none'] = (outcomes[r.outcome ?? 'none'] ?? 0) + 1
    const faulted = records.filter((r) => r.faults.length > 0).length
    console.info(
      `soak: ${LOGINS} logins (${faulted} met a fault), ${requests} requests, ${Math.round(durationMs)} ms; ` +
        `injected ${JSON.stringify(injected)}; outcomes ${JSON.stringify(outcomes)}`,
    )

    // The time bound is the set-up's own timeout (a hung soak fails there); wall time is the bench's.
    expect(records).toHaveLength(LOGINS)
    expect(Object.values(outcomes).reduce((a, b) => a + b, 0)).toBe(LOGINS)
    expect(outcomes.none).toBeUndefined()
  })
})
