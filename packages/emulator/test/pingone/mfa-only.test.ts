import { createLocalJWKSet, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator, startEmulator } from '../../src/index.js'
import { act, type Fetch, read, resume, startMfa, tokenRequest, userId } from './helpers.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** The whole MFA-only path of contract §3.3 for joe, against one transport. */
async function joeEndToEnd(emu: Emulator, fetch: Fetch) {
  const envId = emu.pingOne.environmentId
  const started = await startMfa(emu, 'joe', { state: 'st-1', nonce: 'n-1' }, fetch)
  expect(started.status).toBe(200)
  const flow = started.body
  expect(flow.id).toMatch(UUID)
  expect(flow.status).toBe('OTP_REQUIRED')
  expect(Object.keys(flow._links).sort()).toEqual(['device.select', 'otp.check', 'self', 'signOnPage'])
  const self = `${emu.pingOne.authBaseUrl}/${envId}/flows/${flow.id}`
  expect(flow._links.self.href).toBe(self)
  expect(flow._links['otp.check'].href).toBe(self)
  expect(flow._links.signOnPage.href).toContain(`/${envId}/signon/?flowId=${flow.id}`)
  expect(flow.environment).toEqual({ id: envId })
  expect(flow.session.id).toMatch(UUID)
  expect(flow.resumeUrl).toBe(`${emu.pingOne.authBaseUrl}/${envId}/as/resume?flowId=${flow.id}`)
  expect(flow.createdAt).toMatch(ISO_MS)
  expect(Date.parse(flow.expiresAt) - Date.parse(flow.createdAt)).toBe(15 * 60 * 1000)
  expect(flow.bypassAllowed).toBe(false)
  const [sms, email] = flow._embedded.devices
  expect(flow.selectedDevice).toEqual({ id: sms.id })
  expect(sms).toMatchObject({ type: 'SMS', status: 'ACTIVE', phone: '*********01', userRetries: 0 })
  expect(email).toMatchObject({ type: 'EMAIL', email: 'jo****@example.com', userRetries: 0 })

  // ST on the first response where the user is known (contract §3.4).
  const setCookie = started.response.headers.get('set-cookie') ?? ''
  expect(setCookie).toMatch(/^ST=[^;]+; Path=\/[^;]+; Max-Age=2592000; Expires=/)
  expect(setCookie).toContain(`Path=/${envId}`)
  expect(setCookie).toContain('HttpOnly')
  expect(setCookie).toContain('SameSite=None')
  expect(setCookie).toContain('; Secure')

  const sent = emu.outbox.last('joe')
  expect(sent).toMatchObject({ channel: 'SMS', deviceId: sms.id, flowId: flow.id, purpose: 'otp' })
  expect(sent?.otp).toMatch(/^\d{6}$/)
  expect(sent?.text).toContain(sent?.otp)

  const polled = await read(emu, flow, fetch)
  expect(polled.body.status).toBe('OTP_REQUIRED')
  expect(polled.cookie).toBeUndefined()

  const done = await act(emu, flow, 'otp.check', { otp: sent?.otp }, { fetch })
  expect(done.status).toBe(200)
  expect(done.body.status).toBe('COMPLETED')
  expect(Object.keys(done.body._links).sort()).toEqual(['self', 'signOnPage'])
  expect(done.body.authorizeResponse).toBeUndefined()

  const resumed = await resume(emu, done.body, started.cookie, fetch)
  expect(resumed.status).toBe(200)
  expect(resumed.body.status).toBe('COMPLETED')
  expect(resumed.body.authorizeResponse).toEqual({ code: expect.stringMatching(UUID), state: 'st-1' })

  const tokens = await tokenRequest(
    emu,
    { grant_type: 'authorization_code', code: resumed.body.authorizeResponse.code },
    { basic: [emu.pingOne.clientId, emu.pingOne.clientSecret], fetch },
  )
  expect(tokens.status).toBe(200)
  expect(tokens.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'openid profile' })

  const jwks = await (await fetch(`${emu.pingOne.issuer}/jwks`)).json()
  const discovery = await (await fetch(`${emu.pingOne.issuer}/.well-known/openid-configuration`)).json()
  expect(discovery.issuer).toBe(`${emu.pingOne.authBaseUrl}/${envId}/as`)
  expect(discovery.jwks_uri).toBe(`${emu.pingOne.issuer}/jwks`)
  const { payload, protectedHeader } = await jwtVerify(tokens.body.id_token, createLocalJWKSet(jwks), {
    issuer: discovery.issuer,
    audience: emu.pingOne.clientId,
    currentDate: new Date(emu.clock.now()),
  })
  expect(protectedHeader.alg).toBe('RS256')
  expect(payload).toMatchObject({
    sub: userId(emu, 'joe'),
    preferred_username: 'joe',
    nonce: 'n-1',
    acr: 'MFA-Only',
    amr: ['sms', 'mfa'],
    sid: flow.session.id,
  })
  expect(typeof payload.auth_time).toBe('number')
  expect(typeof payload.iat).toBe('number')
  expect(typeof payload.exp).toBe('number')
}

describe('joe, MFA-only, in-process', () => {
  it('login_hint_token → OTP_REQUIRED → otp.check → COMPLETED → resume → token → id_token', async () => {
    const emu = createEmulator()
    await joeEndToEnd(emu, emu.fetch)
  })

  it('accepts the user id as the login_hint_token subject', async () => {
    const emu = createEmulator()
    const started = await startMfa(emu, userId(emu, 'joe'))
    expect(started.body.status).toBe('OTP_REQUIRED')
    expect(started.body._embedded.user).toEqual({ id: userId(emu, 'joe'), username: 'joe' })
  })
})

describe('joe, MFA-only, over HTTP', () => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await startEmulator()
  })
  afterAll(async () => {
    await emu.close()
  })

  it('runs the same path on loopback, with a Secure ST cookie (browsers keep those on loopback)', async () => {
    expect(emu.pingOne.authBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    await joeEndToEnd(emu, (input, init) => fetch(input, init))
  })
})
