import { createEmulator } from '@redirectless/emulator'
import { describe, expect, it } from 'vitest'
import {
  createHybridLoginMachine,
  createLoginStore,
  createMemoryFlowStore,
  type FlowStore,
  hybridLoginPhase,
  hybridLoginResult,
  submitEvent,
} from '../../src/index.js'
import { hybridOptions, PASSWORD } from '../support.js'

const sealingKey = new Uint8Array(32).fill(5)

/** The emulator behind a fetch that counts the OTP checks PingOne receives. */
function counted() {
  const emu = createEmulator()
  const seen = { otpChecks: 0 }
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    if (request.headers.get('content-type')?.includes('otp.check')) seen.otpChecks++
    return emu.fetch(request)
  }
  const machine = createHybridLoginMachine(hybridOptions(emu, {}, fetch))
  return { emu, machine, seen }
}

describe('createLoginStore', () => {
  it('runs a login across requests, keeps it sealed at rest, and deletes it once it ended', async () => {
    const { emu, machine } = counted()
    const writes: string[] = []
    const memory = createMemoryFlowStore()
    const store: FlowStore = {
      ...memory,
      put: (id, value, options) => {
        writes.push(JSON.stringify(value))
        return memory.put(id, value, options)
      },
    }
    const logins = createLoginStore({ store, machine, sealingKey })
    const started = await logins.start()
    expect(started.id).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(started.conflict).toBeUndefined()
    const atOtp = await logins.step(started.id, (actor) =>
      actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password: PASSWORD })),
    )
    expect(atOtp.conflict).toBeUndefined()
    expect(await logins.current(started.id)).toMatchObject({
      phase: 'input',
      context: { status: 'OTP_REQUIRED' },
    })
    const otp = emu.outbox.last('joe')?.otp as string
    const done = await logins.step(started.id, (actor) => actor.send(submitEvent('otp.check', { otp })))
    if (done.conflict) throw done.conflict
    expect(hybridLoginPhase(done.snapshot)).toBe('done')
    const { pingFederate, pingOne } = hybridLoginResult(done.snapshot)
    // Ended: nothing is left to steal or replay.
    expect(await store.get(started.id)).toBeUndefined()
    await expect(logins.step(started.id)).rejects.toMatchObject({ code: 'FLOW_EXPIRED' })
    // What was stored between requests was sealed: no password, code, token or cookie in the clear.
    const stored = writes.join('\n')
    for (const secret of [PASSWORD, otp, pingFederate.tokens.access_token, pingOne?.tokens.access_token]) {
      expect(stored).not.toContain(secret as string)
    }
    expect(stored).not.toMatch(/codeVerifier|"PF"|tough-cookie/)
  })

  it('runs a step sent many times at once exactly once: the others are CONFLICT with the current state', async () => {
    const { emu, machine, seen } = counted()
    const store = createMemoryFlowStore()
    // Two "instances": two login stores over one store, as two processes over one Redis.
    const [a, b] = [
      createLoginStore({ store, machine, sealingKey }),
      createLoginStore({ store, machine, sealingKey }),
    ]
    const { id } = await a.start()
    await b.step(id, (actor) =>
      actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password: PASSWORD })),
    )
    const otp = emu.outbox.last('joe')?.otp as string
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).step(id, (actor) => actor.send(submitEvent('otp.check', { otp }))),
      ),
    )
    const ran = results.filter((r) => !r.conflict)
    expect(ran).toHaveLength(1)
    expect(seen.otpChecks).toBe(1)
    for (const r of results.filter((r) => r.conflict)) {
      expect(r.conflict?.code).toBe('CONFLICT')
    }
  })

  it('lets another instance take a login over once the one holding it is gone past its lease', async () => {
    const { emu, machine, seen } = counted()
    let now = Date.now()
    const store = createMemoryFlowStore({ now: () => now })
    const options = { store, machine, sealingKey, leaseMs: 5_000, now: () => now }
    const dying = createLoginStore(options)
    const surviving = createLoginStore(options)
    const { id } = await dying.start()
    await surviving.step(id, (actor) =>
      actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password: PASSWORD })),
    )
    // The dying instance claims the login, then never finishes its step (its process was killed).
    const stored = await store.get(id)
    await store.put(
      id,
      { ...(stored?.value as object), lease: { owner: 'killed', until: now + 5_000 } },
      { version: stored?.version as number, ttlSeconds: 60 },
    )
    const otp = emu.outbox.last('joe')?.otp as string
    const blocked = await surviving.step(id, (actor) => actor.send(submitEvent('otp.check', { otp })))
    expect(blocked.conflict?.code).toBe('CONFLICT')
    expect(blocked.conflict ? blocked.current : undefined).toMatchObject({
      phase: 'input',
      context: { status: 'OTP_REQUIRED' },
    })
    expect(seen.otpChecks).toBe(0)
    now += 6_000
    const done = await surviving.step(id, (actor) => actor.send(submitEvent('otp.check', { otp })))
    if (done.conflict) throw done.conflict
    expect(hybridLoginPhase(done.snapshot)).toBe('done')
    expect(seen.otpChecks).toBe(1)
  })

  it('keeps a login no longer than its PingOne flow lives', async () => {
    const { machine } = counted()
    const ttls: number[] = []
    const memory = createMemoryFlowStore()
    const store: FlowStore = {
      ...memory,
      put: (id, value, options) => {
        ttls.push(options.ttlSeconds)
        return memory.put(id, value, options)
      },
    }
    const logins = createLoginStore({ store, machine, sealingKey, lifetimeSeconds: 3_600 })
    const { id } = await logins.start()
    await logins.step(id, (actor) =>
      actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password: PASSWORD })),
    )
    // At PingOne now: its flow expires in 15 minutes, sooner than the hour allowed.
    expect(ttls.at(-1)).toBeLessThanOrEqual(900)
    expect(ttls.at(-1)).toBeGreaterThan(800)
  })

  it('refuses a missing or unreadable login with FLOW_EXPIRED, and a bad store with INVALID_ARGUMENT', async () => {
    const { machine } = counted()
    const store = createMemoryFlowStore()
    const logins = createLoginStore({ store, machine, sealingKey })
    await expect(logins.step('no-such-login')).rejects.toMatchObject({ code: 'FLOW_EXPIRED' })
    await store.put('garbage', { sealed: 'not sealed' }, { ttlSeconds: 60 })
    await expect(logins.step('garbage')).rejects.toMatchObject({ code: 'FLOW_EXPIRED' })
    expect(() => createLoginStore({ store: {} as never, machine, sealingKey })).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })
})
