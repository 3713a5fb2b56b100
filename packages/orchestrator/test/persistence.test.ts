import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { inspect } from 'node:util'
import { deflateRawSync } from 'node:zlib'
import { startEmulator } from '@redirectless/emulator'
import { CompactEncrypt } from 'jose'
import { describe, expect, it } from 'vitest'
import { type AnyActorRef, createActor, type Snapshot, waitFor } from 'xstate'
import {
  createHybridLoginMachine,
  type HybridLoginStep,
  hybridLoginPhase,
  hybridLoginResult,
  MAX_SEALED_LENGTH,
  MAX_UNSEALED_BYTES,
  seal,
  sealSnapshot,
  submitEvent,
  unseal,
  unsealSnapshot,
} from '../src/index.js'
import { answerAs } from './answers.js'
import { hybridEmulatorOptions, hybridOptions, PASSWORD, pingOneId, setup } from './support.js'

type Machine = ReturnType<typeof createHybridLoginMachine>
const settled = ['input', 'error', 'done', 'failed', 'canceled']

async function settle(actor: ReturnType<typeof createActor<Machine>>) {
  return waitFor(actor, (s) => settled.includes(hybridLoginPhase(s)), { timeout: 10_000 })
}

describe('persisted snapshots', () => {
  it('are plain JSON that a fresh actor, with fresh clients, continues after every step', async () => {
    const { emu } = setup()
    const answer = answerAs(emu, 'joe')
    let json = ''
    let actor = createActor(createHybridLoginMachine(hybridOptions(emu)))
    actor.start()
    for (let step = 0; step < 10; step++) {
      const snapshot = await settle(actor)
      if (hybridLoginPhase(snapshot) === 'done') break
      json = JSON.stringify(actor.getPersistedSnapshot())
      actor.stop()
      // As a stateless BFF does: a new request, a new machine and new clients, the snapshot from storage.
      const restored = JSON.parse(json) as Snapshot<unknown>
      actor = createActor(createHybridLoginMachine(hybridOptions(emu)), { snapshot: restored })
      actor.start()
      const { vault: _vault, ...view } = actor.getSnapshot().context
      const next = answer(view as HybridLoginStep)
      if ('action' in next) actor.send(submitEvent(next.action, next.body))
    }
    const done = await settle(actor)
    const result = hybridLoginResult(done)
    expect(result.pingFederate.claims?.sub).toBe('joe')
    expect(result.pingOne?.claims?.sub).toBe(pingOneId(emu, 'joe'))
    expect(answer.seen).toEqual(['pingFederate:USERNAME_PASSWORD_REQUIRED', 'pingOne:OTP_REQUIRED'])
    // What was stored carried the cookies and PKCE state, never the password or the OTP.
    expect(json).toContain('codeVerifier')
    expect(json).not.toContain(PASSWORD)
    expect(json).not.toContain(String(emu.outbox.last('joe')?.otp))
    expect(() => structuredClone(JSON.parse(json))).not.toThrow()
  })

  it('restore a login in another process (over loopback HTTP)', async () => {
    const emu = await startEmulator(hybridEmulatorOptions())
    try {
      const options = hybridOptions(emu, {}, null)
      const actor = createActor(createHybridLoginMachine(options))
      actor.start()
      await settle(actor)
      actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password: PASSWORD }))
      const atOtp = await settle(actor)
      expect(atOtp.context.status).toBe('OTP_REQUIRED')
      const snapshot = JSON.stringify(actor.getPersistedSnapshot())
      actor.stop()

      const child = spawn(
        process.execPath,
        [
          '--conditions=@redirectless/source',
          '--import',
          'tsx',
          fileURLToPath(new URL('./child-continue.ts', import.meta.url)),
        ],
        {
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      )
      const out: Buffer[] = []
      const err: Buffer[] = []
      child.stdout.on('data', (d: Buffer) => out.push(d))
      child.stderr.on('data', (d: Buffer) => err.push(d))
      child.stdin.end(
        JSON.stringify({
          snapshot,
          otp: emu.outbox.last('joe')?.otp,
          pingFederate: emu.pingFederate,
          pingOne: { ...emu.pingOne },
        }),
      )
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
      expect(Buffer.concat(err).toString()).toBe('')
      expect(code).toBe(0)
      const result = JSON.parse(Buffer.concat(out).toString()) as { pingFederate: string; pingOne: string }
      expect(result).toEqual({ pingFederate: 'joe', pingOne: pingOneId(emu, 'joe') })
    } finally {
      await emu.close()
    }
  }, 30_000)

  it('a snapshot persisted mid-submission refuses the lost submission instead of replaying it', async () => {
    const { emu } = setup()
    const actor = createActor(createHybridLoginMachine(hybridOptions(emu)))
    actor.start()
    await settle(actor)
    actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password: PASSWORD }))
    const inFlight = JSON.stringify(actor.getPersistedSnapshot())
    expect(inFlight).not.toContain(PASSWORD)
    actor.stop()
    const restored = createActor(createHybridLoginMachine(hybridOptions(emu)), {
      snapshot: JSON.parse(inFlight),
    })
    restored.start()
    const snapshot = await settle(restored)
    expect(snapshot.context.error?.code).toBe('STALE_STATE')
    expect(hybridLoginPhase(snapshot)).toBe('input')
  })

  it('refuses something that is not a snapshot', () => {
    const { emu } = setup()
    const actor = createActor(createHybridLoginMachine(hybridOptions(emu)), {
      snapshot: { nope: true } as never,
    })
    const errors: unknown[] = []
    actor.subscribe({ error: (error) => errors.push(error) })
    actor.start()
    expect(actor.getSnapshot().status).toBe('error')
    expect(errors).toEqual([expect.objectContaining({ code: 'INVALID_ARGUMENT' })])
  })
})

describe('sealed values', () => {
  const key = 'a passphrase of at least thirty-two characters'
  const purpose = 'test-purpose'

  it('round-trip for their purpose, and refuse another purpose, a wrong key, tampering and expiry', async () => {
    const value = { cookies: 'PF=secret', n: 1 }
    const sealed = await seal(value, key, { purpose })
    expect(sealed).not.toContain('secret')
    expect(sealed.split('.')).toHaveLength(5)
    expect(await unseal(sealed, key, { purpose })).toEqual(value)
    const refused = { code: 'INVALID_ARGUMENT', message: 'The sealed value is invalid or expired' }
    await expect(unseal(sealed, key, { purpose: 'another-purpose' })).rejects.toMatchObject(refused)
    await expect(
      unseal(sealed, 'another passphrase, also thirty-two characters', { purpose }),
    ).rejects.toMatchObject(refused)
    const tampered = `${sealed.slice(0, -3)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-2)}`
    await expect(unseal(tampered, key, { purpose })).rejects.toMatchObject(refused)
    await expect(unseal(sealed, key, { purpose, now: () => Date.now() + 901_000 })).rejects.toMatchObject(
      refused,
    )
    const raw = new Uint8Array(32).fill(7)
    expect(
      await unseal(await seal(value, raw, { purpose }), new Uint8Array(32).fill(7), { purpose }),
    ).toEqual(value)
  })

  it('need real key material, a purpose, a bounded lifetime and a sealable size', async () => {
    const weak = [
      'short',
      ' '.repeat(32),
      'abababababababababababababababababab',
      new Uint8Array(16),
      42,
      [],
      [{ id: 'bad id!', key }],
      [
        { id: 'a', key },
        { id: 'a', key },
      ],
    ]
    for (const k of weak) {
      await expect(seal({}, k as never, { purpose })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    }
    for (const options of [{}, { purpose: '' }, { purpose: 'has space' }]) {
      await expect(seal({}, key, options as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    }
    for (const expiresIn of [0, -1, Number.NaN, 86_401, Number.POSITIVE_INFINITY]) {
      await expect(seal({}, key, { purpose, expiresIn })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    }
    await expect(seal({}, key, { purpose, now: () => Number.NaN })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
    await expect(seal({ big: 'x'.repeat(MAX_UNSEALED_BYTES) }, key, { purpose })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
    await expect(seal({ n: 1n }, key, { purpose })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  })

  it('rotate: the first key seals, every key of the ring unseals what it sealed', async () => {
    const oldKey = { id: 'k1', key: new Uint8Array(32).fill(1) }
    const newKey = { id: 'k2', key: new Uint8Array(32).fill(2) }
    const byOld = await seal('v', [oldKey], { purpose })
    const byNew = await seal('v', [newKey, oldKey], { purpose })
    expect(await unseal(byOld, [newKey, oldKey], { purpose })).toBe('v')
    expect(await unseal(byNew, [newKey, oldKey], { purpose })).toBe('v')
    await expect(unseal(byNew, [oldKey], { purpose })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    // The same bytes under another id are another key as far as the ring goes.
    await expect(unseal(byOld, [{ id: 'k3', key: oldKey.key }], { purpose })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
  })

  it('refuse what inflates past the cap, and anything longer than a sealed value can be', async () => {
    const raw = new Uint8Array(32).fill(9)
    const bomb = new Uint8Array(
      deflateRawSync(
        JSON.stringify({ exp: Date.now() / 1000 + 600, value: 'a'.repeat(2 * MAX_UNSEALED_BYTES) }),
      ),
    )
    expect(bomb.length).toBeLessThan(10_000)
    const sealed = await new CompactEncrypt(bomb)
      .setProtectedHeader({
        alg: 'dir',
        enc: 'A256GCM',
        cty: 'redirectless-sealed+deflate',
        kid: 'default',
        purpose,
      })
      .encrypt(raw)
    await expect(unseal(sealed, raw, { purpose })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    await expect(unseal('x'.repeat(MAX_SEALED_LENGTH + 1), raw, { purpose })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
  })
})

describe('sealed snapshots', () => {
  const key = 'a passphrase of at least thirty-two characters'

  it('are sealed for the hybrid login alone: a value sealed for another purpose is refused', async () => {
    const session = await seal({ sub: 'joe' }, key, { purpose: 'app-session', expiresIn: 3600 })
    await expect(unsealSnapshot(session, key)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    const { machine } = setup()
    const actor = createActor(machine)
    actor.start()
    await settle(actor)
    const sealed = await sealSnapshot(actor.getPersistedSnapshot(), key)
    actor.stop()
    await expect(unseal(sealed, key, { purpose: 'app-session' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
    // Sealed for the login, but not a login: refused as well.
    await expect(unsealSnapshot(await sealSnapshot({ sub: 'joe' }, key), key)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
  })

  it('carry a real login between actors', async () => {
    const { emu, machine } = setup()
    const actor = createActor(machine)
    actor.start()
    await settle(actor)
    const sealed = await sealSnapshot(actor.getPersistedSnapshot(), key)
    actor.stop()
    const restored = createActor(createHybridLoginMachine(hybridOptions(emu)), {
      snapshot: await unsealSnapshot(sealed, key),
    })
    restored.start()
    restored.send(submitEvent('checkUsernamePassword', { username: 'joe', password: PASSWORD }))
    expect((await settle(restored)).context.status).toBe('OTP_REQUIRED')
  })
})

describe('secrets', () => {
  it('never reach an inspection event, the context or an error', async () => {
    const { emu } = setup()
    const events: unknown[] = []
    const actor = createActor(createHybridLoginMachine(hybridOptions(emu)), {
      inspect: (event) => events.push(event),
    })
    actor.start()
    await settle(actor)
    actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password: 'wrong-canary-password' }))
    await settle(actor)
    actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password: PASSWORD }))
    await settle(actor)
    // PingFederate's cookies, while the vault still holds them (it drops them once that stage is done).
    const midway = actor.getPersistedSnapshot() as unknown as {
      context: { vault: { pingOne: { cookies: { cookies: { value: string }[] } } } }
    }
    const otp = String(emu.outbox.last('joe')?.otp)
    actor.send(submitEvent('otp.check', { otp }))
    const done = await settle(actor)
    const result = hybridLoginResult(done)

    const canaries = [
      PASSWORD,
      'wrong-canary-password',
      otp,
      emu.pingOne.clientSecret,
      emu.pingOne.loginHintIssuer.secret,
      result.pingFederate.tokens.access_token,
      result.pingFederate.tokens.id_token,
      result.pingOne?.tokens.access_token,
      result.pingOne?.tokens.id_token,
      ...midway.context.vault.pingOne.cookies.cookies.map((c) => c.value),
    ].filter((c): c is string => typeof c === 'string' && c.length > 3)
    expect(canaries.length).toBeGreaterThan(8)
    const seen = new WeakSet()
    const json = JSON.stringify(events, (_key, value) => {
      if (value && typeof value === 'object') {
        if (seen.has(value)) return undefined
        seen.add(value)
        if ('sessionId' in value && 'send' in value) return `actor:${(value as AnyActorRef).id}`
      }
      return value
    })
    // Each event as a logger would print it; the actor references lead to the whole actor system
    // (every snapshot again, and the machine's config), which the events' own snapshots already show.
    // Each event as a logger shows it: its type, the event it carries, and the snapshot's own state
    // (not the actor system the references lead to, nor the machine's config, which hold no value).
    const printed = events
      .map((inspection) => {
        const { type, event, snapshot } = inspection as { type: string; event?: unknown; snapshot?: unknown }
        const { value, status, context, output, error } = (snapshot ?? {}) as Record<string, unknown>
        return inspect({ type, event, snapshot: { value, status, context, output, error } }, { depth: 12 })
      })
      .join('\n')
    const context =
      JSON.stringify(done.context) + inspect(done.context, { depth: 12 }) + JSON.stringify(done.output)
    for (const canary of canaries) {
      expect(json).not.toContain(canary)
      expect(printed).not.toContain(canary)
      expect(context).not.toContain(canary)
    }
  })
})

describe('a snapshot persisted after actor.stop()', () => {
  it('still resumes the login (regression: it was restored as a stopped actor)', async () => {
    const { emu } = setup()
    const actor = createActor(createHybridLoginMachine(hybridOptions(emu)))
    actor.start()
    await settle(actor)
    actor.stop()
    const snapshot = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()))
    const restored = createActor(createHybridLoginMachine(hybridOptions(emu)), { snapshot })
    restored.start()
    restored.send(submitEvent('checkUsernamePassword', { username: 'joe', password: PASSWORD }))
    expect((await settle(restored)).context.status).toBe('OTP_REQUIRED')
  })
})
