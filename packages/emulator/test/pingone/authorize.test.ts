import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { createEmulator, defaultPingOneConfig } from '../../src/index.js'
import {
  answer,
  authorize,
  loginHintToken,
  requestObject,
  startMfa,
  unsignedRequestObject,
} from './helpers.js'

/** The platform error envelope with one detail naming `target`. */
function expectInvalid(body: unknown, target: string) {
  expect(body).toMatchObject({
    id: expect.any(String),
    code: expect.stringMatching(/^INVALID_(DATA|REQUEST)$/),
    message: expect.any(String),
    details: [expect.objectContaining({ target })],
  })
}

describe('authorize: pi.remoteIp and the MFA-Only policy', () => {
  it('skips MFA for an allow-listed pi.remoteIp and completes at once', async () => {
    const emu = createEmulator()
    const request = await requestObject(emu, { 'pi.remoteIp': '203.0.113.77' })
    const done = await startMfa(emu, 'joe', { request })
    expect(done.status).toBe(200)
    expect(done.body.status).toBe('COMPLETED')
    expect(done.cookie).toMatch(/^ST=/)
    expect(emu.outbox.all('joe')).toHaveLength(0)
  })

  it('asks for MFA from any other address, or without pi.remoteIp', async () => {
    const emu = createEmulator()
    const request = await requestObject(emu, { 'pi.remoteIp': '198.51.100.7' })
    expect((await startMfa(emu, 'joe', { request })).body.status).toBe('OTP_REQUIRED')
    expect((await startMfa(emu, 'joe')).body.status).toBe('OTP_REQUIRED')
  })

  it('takes one JWT as both request and login_hint_token when it carries sub', async () => {
    const emu = createEmulator()
    const both = await requestObject(emu, { sub: 'joe', 'pi.remoteIp': '203.0.113.1' })
    const done = await authorize(emu, { acr_values: 'MFA-Only', request: both, login_hint_token: both })
    expect(done.body.status).toBe('COMPLETED')
  })

  it('without acr_values uses the app’s first policy (Single_Factor: the password form)', async () => {
    const emu = createEmulator()
    const flow = await authorize(emu, {})
    expect(flow.body.status).toBe('USERNAME_PASSWORD_REQUIRED')
    expect(Object.keys(flow.body._links).sort()).toEqual([
      'password.forgot',
      'self',
      'session.reset',
      'signOnPage',
      'usernamePassword.check',
    ])
    expect(flow.cookie).toBeUndefined()
  })
})

describe('authorize: login_hint_token', () => {
  const cases: [string, (emu: ReturnType<typeof createEmulator>) => Promise<string>][] = [
    ['forged (wrong secret)', (emu) => loginHintToken(emu, 'joe', { secret: 'x'.repeat(40) })],
    ['expired', (emu) => loginHintToken(emu, 'joe', { exp: Math.floor(emu.clock.now() / 1000) - 120 })],
    ['wrong aud', (emu) => loginHintToken(emu, 'joe', { aud: 'https://auth.pingone.com/other/as' })],
    ['without exp', (emu) => loginHintToken(emu, 'joe', { exp: null })],
    [
      'not yet valid (nbf)',
      (emu) => loginHintToken(emu, 'joe', { nbf: Math.floor(emu.clock.now() / 1000) + 600 }),
    ],
    ['unknown sub', (emu) => loginHintToken(emu, 'mallory')],
    ['unknown iss', (emu) => loginHintToken(emu, 'joe', { iss: '00000000-0000-4000-8000-000000000000' })],
    ['with cty', (emu) => loginHintToken(emu, 'joe', { header: { cty: 'JWT' } })],
  ]
  for (const [name, mint] of cases) {
    it(`refuses a ${name} token with 400 and target login_hint_token`, async () => {
      const emu = createEmulator()
      const refused = await startMfa(emu, 'joe', { login_hint_token: await mint(emu) })
      expect(refused.status).toBe(400)
      expectInvalid(refused.body, 'login_hint_token')
      expect(emu.outbox.all()).toHaveLength(0)
    })
  }

  it('refuses an RS256-signed token', async () => {
    const emu = createEmulator()
    const { privateKey } = await generateKeyPair('RS256')
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(emu.pingOne.loginHintIssuer.clientId)
      .setSubject('joe')
      .setAudience(emu.pingOne.issuer)
      .setExpirationTime('5m')
      .sign(privateKey)
    expectInvalid((await startMfa(emu, 'joe', { login_hint_token: token })).body, 'login_hint_token')
  })

  it('accepts HS512, a token signed by the authenticating app itself, and a missing exp when lenient', async () => {
    const emu = createEmulator({ pingOne: { loginHintTokenRequireExp: false } })
    const hs512 = await loginHintToken(emu, 'joe', { alg: 'HS512' })
    expect((await startMfa(emu, 'joe', { login_hint_token: hs512 })).body.status).toBe('OTP_REQUIRED')
    const self = await loginHintToken(emu, 'joe', {
      iss: emu.pingOne.clientId,
      secret: emu.pingOne.clientSecret,
    })
    expect((await startMfa(emu, 'joe', { login_hint_token: self })).body.status).toBe('OTP_REQUIRED')
    const noExp = await loginHintToken(emu, 'joe', { exp: null })
    expect((await startMfa(emu, 'joe', { login_hint_token: noExp })).body.status).toBe('OTP_REQUIRED')
  })

  it('MFA-Only without a login_hint_token is refused', async () => {
    const emu = createEmulator()
    const refused = await authorize(emu, { acr_values: 'MFA-Only' })
    expect(refused.status).toBe(400)
    expectInvalid(refused.body, 'login_hint_token')
  })
})

describe('authorize: request objects', () => {
  it('refuses an unsigned request object unless the app allows it', async () => {
    const emu = createEmulator()
    const web = unsignedRequestObject(emu, { 'pi.remoteIp': '203.0.113.9' }, emu.pingOne.clientId)
    const refused = await startMfa(emu, 'joe', { request: web })
    expect(refused.status).toBe(400)
    expectInvalid(refused.body, 'request')

    const postApp = emu.pingOne.applications.find((a) => a.tokenEndpointAuthMethod === 'CLIENT_SECRET_POST')
    const clientId = postApp?.clientId ?? ''
    const unsigned = unsignedRequestObject(emu, { 'pi.remoteIp': '203.0.113.9' }, clientId)
    const accepted = await startMfa(emu, 'joe', { client_id: clientId, request: unsigned })
    expect(accepted.status).toBe(200)
    expect(accepted.body.status).toBe('COMPLETED')
  })

  it('refuses a request object signed with another secret', async () => {
    const emu = createEmulator()
    const forged = await requestObject(emu, {}, { secret: 'y'.repeat(40) })
    expectInvalid((await startMfa(emu, 'joe', { request: forged })).body, 'request')
  })

  it('verifies an RS256 request object against the app’s registered jwks', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256')
    const jwk = { ...(await exportJWK(publicKey)), kid: 'app-key', alg: 'RS256' }
    const [web, ...rest] = defaultPingOneConfig.applications
    const emu = createEmulator({
      pingOne: { applications: [{ ...web!, jwks: { keys: [jwk] } }, ...rest] },
    })
    const signed = await new SignJWT({ 'pi.remoteIp': '203.0.113.5' })
      .setProtectedHeader({ alg: 'RS256', kid: 'app-key' })
      .setIssuer(emu.pingOne.clientId)
      .setAudience(emu.pingOne.issuer)
      .setExpirationTime('5m')
      .sign(privateKey)
    expect((await startMfa(emu, 'joe', { request: signed })).body.status).toBe('COMPLETED')
  })

  it('refuses an unknown notification template', async () => {
    const emu = createEmulator()
    const request = await requestObject(emu, { 'pi.template': { name: 'nope', variables: {} } })
    expectInvalid((await startMfa(emu, 'joe', { request })).body, 'request')
  })
})

describe('authorize: parameters', () => {
  it('validates client, response_type, redirect_uri, PKCE, acr_values and response_mode', async () => {
    const emu = createEmulator()
    const lht = await loginHintToken(emu, 'joe')
    const base = { acr_values: 'MFA-Only', login_hint_token: lht }
    const publicId =
      emu.pingOne.applications.find((a) => a.tokenEndpointAuthMethod === 'NONE')?.clientId ?? ''
    const checks: [Record<string, string>, string][] = [
      [{ client_id: '' }, 'client_id'],
      [{ client_id: 'unknown' }, 'client_id'],
      [{ response_type: 'banana' }, 'response_type'],
      [{ response_type: '' }, 'response_type'],
      [{ redirect_uri: 'https://evil.example/cb' }, 'redirect_uri'],
      [{ client_id: publicId }, 'code_challenge'],
      [{ client_id: publicId, code_challenge: 'a'.repeat(43) }, 'code_challenge_method'],
      [
        { client_id: publicId, code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' },
        'code_challenge_method',
      ],
      [{ acr_values: 'Nope' }, 'acr_values'],
      [{ response_mode: 'query' }, 'response_mode'],
      [{ response_type: 'id_token', scope: 'profile' }, 'scope'],
    ]
    for (const [params, target] of checks) {
      const refused = await authorize(emu, { ...base, ...params })
      expect(refused.status, target).toBe(400)
      expectInvalid(refused.body, target)
    }
    const ok = await authorize(emu, {
      ...base,
      client_id: publicId,
      redirect_uri: 'http://localhost:5173/callback',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    })
    expect(ok.status).toBe(200)
  })

  it('takes the same parameters as a POST form body, and refuses other content types', async () => {
    const emu = createEmulator()
    const url = `${emu.pingOne.issuer}/authorize`
    const form = new URLSearchParams({
      client_id: emu.pingOne.clientId,
      response_type: 'code',
      response_mode: 'pi.flow',
      acr_values: 'MFA-Only',
      login_hint_token: await loginHintToken(emu, 'joe'),
    })
    const posted = await answer(await emu.fetch(url, { method: 'POST', body: form }))
    expect(posted.body.status).toBe('OTP_REQUIRED')
    const asJson = await emu.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Object.fromEntries(form)),
    })
    expect(asJson.status).toBe(415)
  })

  it("answers OAuth-style errors when authorizeErrorStyle is 'oauth'", async () => {
    const emu = createEmulator({ pingOne: { authorizeErrorStyle: 'oauth' } })
    const refused = await authorize(emu, { response_type: 'banana' })
    expect(refused.status).toBe(400)
    expect(refused.body).toEqual({
      error: 'unsupported_response_type',
      error_description: expect.any(String),
    })
    const badHint = await authorize(emu, { acr_values: 'MFA-Only', login_hint_token: 'a.b.c' })
    expect(badHint.body.error).toBe('invalid_request')
  })

  it('never echoes a secret or token in an error', async () => {
    const emu = createEmulator()
    const token = await loginHintToken(emu, 'joe', { secret: 'z'.repeat(40) })
    const refused = await startMfa(emu, 'joe', { login_hint_token: token })
    expect(JSON.stringify(refused.body)).not.toContain(token)
    expect(JSON.stringify(refused.body)).not.toContain(emu.pingOne.loginHintIssuer.secret)
  })

  it('an unknown environment is 404 NOT_FOUND', async () => {
    const emu = createEmulator()
    const response = await answer(
      await emu.fetch(`${emu.pingOne.authBaseUrl}/00000000-0000-4000-8000-000000000000/as/authorize`),
    )
    expect(response.status).toBe(404)
    expect(response.body.code).toBe('NOT_FOUND')
  })
})
