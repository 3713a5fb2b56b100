import { CompactEncrypt } from 'jose'
import { describe, expect, it } from 'vitest'
import { createActor, waitFor } from 'xstate'
import { createHybridLoginMachine, hybridLoginPhase, submitEvent, unsealSnapshot } from '../src/index.js'
import { hybridOptions, PASSWORD, setup } from './support.js'

const settled = ['input', 'error', 'done', 'failed', 'canceled']

describe('regressions', () => {
  it('an implicit PingFederate stage keeps its tokens out of the context and inspection events', async () => {
    const { emu } = setup()
    const events: unknown[] = []
    const machine = createHybridLoginMachine(
      hybridOptions(emu, { pingFederateParams: { scope: 'openid', responseType: 'id_token token' } }),
    )
    const actor = createActor(machine, { inspect: (event) => events.push(event) })
    actor.start()
    await waitFor(actor, (s) => hybridLoginPhase(s) === 'input')
    actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password: PASSWORD }))
    const atOtp = await waitFor(actor, (s) => s.context.status === 'OTP_REQUIRED')
    const seen = new WeakSet()
    const json = JSON.stringify(events, (_k, v) => {
      if (v && typeof v === 'object') {
        if (seen.has(v)) return undefined
        seen.add(v)
        if ('sessionId' in v) return 'actor'
      }
      return v
    })
    expect(json).not.toContain('access_token')
    expect(json).not.toMatch(/eyJ[\w-]+\.eyJ/)
    expect(JSON.stringify(atOtp.context)).not.toContain('access_token')
    expect(atOtp.context.pingFederateClaims?.sub).toBe('joe')
  })

  it('a snapshot persisted mid-call holds its secrets only in context.vault, and resumes the call', async () => {
    const { emu } = setup()
    const actor = createActor(createHybridLoginMachine(hybridOptions(emu)))
    actor.start()
    await waitFor(actor, (s) => hybridLoginPhase(s) === 'input')
    actor.send(submitEvent('checkUsernamePassword', { username: 'ann', password: PASSWORD }))
    const selecting = await waitFor(actor, (s) => s.context.status === 'DEVICE_SELECTION_REQUIRED')
    const devices = (
      selecting.context.state as unknown as { _embedded: { devices: { id: string; type: string }[] } }
    )._embedded.devices
    actor.send(
      submitEvent('device.select', { device: { id: devices.find((d) => d.type === 'MOBILE')?.id ?? '' } }),
    )
    await waitFor(actor, (s) => hybridLoginPhase(s) === 'waiting')
    const persisted = actor.getPersistedSnapshot() as unknown as { context: unknown; children: unknown }
    actor.stop()
    expect(JSON.stringify(persisted.children)).not.toMatch(/cookies|codeVerifier|Tokens/)
    const restored = createActor(createHybridLoginMachine(hybridOptions(emu)), {
      snapshot: JSON.parse(JSON.stringify(persisted)),
    })
    restored.start()
    setTimeout(() => emu.push.approve('ann'), 100)
    const done = await waitFor(restored, (s) => settled.includes(hybridLoginPhase(s)), { timeout: 10_000 })
    expect(hybridLoginPhase(done)).toBe('done')
  })

  it('a sealed snapshot whose content is null is INVALID_ARGUMENT, not a TypeError', async () => {
    const passphrase = 'a passphrase of at least thirty-two characters'
    const key = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(passphrase)))
    const deflated = new Uint8Array(
      await new Response(
        new Blob([new TextEncoder().encode('null')])
          .stream()
          .pipeThrough(new CompressionStream('deflate-raw')),
      ).arrayBuffer(),
    )
    const sealed = await new CompactEncrypt(deflated)
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: 'redirectless-snapshot+deflate' })
      .encrypt(key)
    await expect(unsealSnapshot(sealed, passphrase)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  })
})
