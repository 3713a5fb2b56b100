import { describe, expect, it } from 'vitest'
import { createEmulator } from '../../src/index.js'
import { act, startMfa } from './helpers.js'

const ORIGIN = 'http://localhost:3000'

/** Rewrites one base64 member of the assertion JSON. */
function tamper(
  assertion: string,
  member: 'clientDataJSON' | 'authenticatorData' | 'signature',
  edit: (b: Buffer) => Buffer,
) {
  const parsed = JSON.parse(assertion)
  parsed.response[member] = edit(Buffer.from(parsed.response[member], 'base64')).toString('base64')
  return JSON.stringify(parsed)
}

describe('FIDO2', () => {
  it('ASSERTION_REQUIRED carries PingOne-style request options; the test authenticator passes', async () => {
    const emu = createEmulator()
    const started = await startMfa(emu, 'fido')
    const flow = started.body
    expect(flow.status).toBe('ASSERTION_REQUIRED')
    expect(Object.keys(flow._links).sort()).toEqual([
      'assertion.check',
      'device.select',
      'self',
      'signOnPage',
    ])
    expect(typeof flow.publicKeyCredentialRequestOptions).toBe('string')
    const options = JSON.parse(flow.publicKeyCredentialRequestOptions)
    expect(options.challenge).toHaveLength(32)
    expect(options.challenge.every((b: number) => Number.isInteger(b) && b >= -128 && b <= 127)).toBe(true)
    expect(options).toMatchObject({ rpId: 'localhost', timeout: 120000, userVerification: 'preferred' })
    expect(options.allowCredentials[0].type).toBe('public-key')

    const assertion = emu.fido.getAssertion(flow.publicKeyCredentialRequestOptions, ORIGIN)
    const parsed = JSON.parse(assertion)
    expect(parsed.type).toBe('public-key')
    const clientData = JSON.parse(Buffer.from(parsed.response.clientDataJSON, 'base64').toString())
    expect(clientData).toMatchObject({ type: 'webauthn.get', origin: ORIGIN })

    const done = await act(emu, flow, 'assertion.check', { origin: ORIGIN, assertion, compatibility: 'FULL' })
    expect(done.status).toBe(200)
    expect(done.body.status).toBe('COMPLETED')
  })

  it('refuses tampered assertions, a wrong origin and a replayed counter', async () => {
    const emu = createEmulator()
    const flow = (await startMfa(emu, 'fido')).body
    const good = emu.fido.getAssertion(flow.publicKeyCredentialRequestOptions, ORIGIN)
    const flip = (b: Buffer) => {
      const copy = Buffer.from(b)
      copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 0x01
      return copy
    }
    const cases: [string, string, string][] = [
      ['signature', tamper(good, 'signature', flip), ORIGIN],
      ['authenticatorData', tamper(good, 'authenticatorData', flip), ORIGIN],
      [
        'challenge',
        tamper(good, 'clientDataJSON', (b) => {
          const data = JSON.parse(b.toString())
          data.challenge = Buffer.alloc(32, 7).toString('base64url')
          return Buffer.from(JSON.stringify(data))
        }),
        ORIGIN,
      ],
      ['origin', good, 'https://evil.example'],
    ]
    for (const [, assertion, origin] of cases) {
      const refused = await act(emu, flow, 'assertion.check', { origin, assertion })
      expect(refused.status).toBe(400)
      expect(refused.body).toMatchObject({ code: 'INVALID_DATA', details: [{ target: 'assertion' }] })
    }
    const after = await act(emu, flow, 'assertion.check', { origin: ORIGIN, assertion: good })
    expect(after.body.status).toBe('COMPLETED')

    // A second flow with a stale assertion: the challenge differs, and so would the counter.
    const second = (await startMfa(emu, 'fido')).body
    const replay = await act(emu, second, 'assertion.check', { origin: ORIGIN, assertion: good })
    expect(replay.status).toBe(400)
    const garbled = (await act(emu, second, 'assertion.check', { origin: ORIGIN, assertion: '{' })).body
    expect(garbled.details[0].target).toBe('assertion')
  })

  it('requires origin and assertion', async () => {
    const emu = createEmulator()
    const flow = (await startMfa(emu, 'fido')).body
    const noOrigin = await act(emu, flow, 'assertion.check', { assertion: 'x' })
    expect(noOrigin.body.details[0]).toMatchObject({ code: 'REQUIRED_VALUE', target: 'origin' })
    const noAssertion = await act(emu, flow, 'assertion.check', { origin: ORIGIN })
    expect(noAssertion.body.details[0]).toMatchObject({ code: 'REQUIRED_VALUE', target: 'assertion' })
  })

  it('switches to a WebAuthn JSON object with base64url members', async () => {
    const emu = createEmulator({
      pingOne: { fidoRequestOptionsEncoding: 'base64url', fidoRequestOptionsAsString: false },
    })
    const flow = (await startMfa(emu, 'fido')).body
    const options = flow.publicKeyCredentialRequestOptions
    expect(typeof options).toBe('object')
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(typeof options.allowCredentials[0].id).toBe('string')
    const assertion = emu.fido.getAssertion(options, ORIGIN)
    expect((await act(emu, flow, 'assertion.check', { origin: ORIGIN, assertion })).body.status).toBe(
      'COMPLETED',
    )
  })

  it('refuses an assertion without user verification when it is required', async () => {
    const emu = createEmulator({ pingOne: { fidoUserVerification: 'required' } })
    const flow = (await startMfa(emu, 'fido')).body
    const assertion = emu.fido.getAssertion(flow.publicKeyCredentialRequestOptions, ORIGIN, {
      userVerified: false,
    })
    const refused = await act(emu, flow, 'assertion.check', { origin: ORIGIN, assertion })
    expect(refused.status).toBe(400)
    expect(refused.body.details[0].message).toContain('not verified')
  })
})
