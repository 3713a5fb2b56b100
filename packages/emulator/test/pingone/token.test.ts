import { createHash } from 'node:crypto'
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../../src/index.js'
import { completeJoe, resume, startMfa, tokenRequest } from './helpers.js'

const emu = createEmulator()
const appBy = (method: string) => {
  const app = emu.pingOne.applications.find((a) => a.tokenEndpointAuthMethod === method)
  if (!app) throw new Error(method)
  return { id: app.clientId, secret: app.clientSecret ?? '' }
}

/** A code for joe from `client_id` (PKCE and redirect_uri as given). */
async function codeFor(e: Emulator, params: Record<string, string>): Promise<string> {
  const { flow, cookie } = await completeJoe(e, params)
  return (await resume(e, flow, cookie)).body.authorizeResponse.code
}

describe('token endpoint: authorization_code', () => {
  it('codes are single use', async () => {
    const code = await codeFor(emu, {})
    const basic: [string, string] = [emu.pingOne.clientId, emu.pingOne.clientSecret]
    expect((await tokenRequest(emu, { grant_type: 'authorization_code', code }, { basic })).status).toBe(200)
    const again = await tokenRequest(emu, { grant_type: 'authorization_code', code }, { basic })
    expect(again.status).toBe(400)
    expect(again.body).toEqual({ error: 'invalid_grant', error_description: expect.any(String) })
  })

  it('codes expire', async () => {
    const e = createEmulator()
    const code = await codeFor(e, {})
    e.clock.advance(61_000)
    const late = await tokenRequest(
      e,
      { grant_type: 'authorization_code', code },
      { basic: [e.pingOne.clientId, e.pingOne.clientSecret] },
    )
    expect(late.body.error).toBe('invalid_grant')
  })

  it('CLIENT_SECRET_BASIC: wrong secret or wrong method is 401 invalid_client', async () => {
    const code = await codeFor(emu, {})
    const wrong = await tokenRequest(
      emu,
      { grant_type: 'authorization_code', code },
      { basic: [emu.pingOne.clientId, 'not-the-secret'] },
    )
    expect(wrong.status).toBe(401)
    expect(wrong.body.error).toBe('invalid_client')
    expect(wrong.response.headers.get('www-authenticate')).toContain('Basic')
    const posted = await tokenRequest(emu, {
      grant_type: 'authorization_code',
      code,
      client_id: emu.pingOne.clientId,
      client_secret: emu.pingOne.clientSecret,
    })
    expect(posted.status).toBe(401)
  })

  it('CLIENT_SECRET_POST authenticates in the body only', async () => {
    const post = appBy('CLIENT_SECRET_POST')
    const code = await codeFor(emu, { client_id: post.id })
    const basic = await tokenRequest(
      emu,
      { grant_type: 'authorization_code', code },
      { basic: [post.id, post.secret] },
    )
    expect(basic.status).toBe(401)
    const code2 = await codeFor(emu, { client_id: post.id })
    const ok = await tokenRequest(emu, {
      grant_type: 'authorization_code',
      code: code2,
      client_id: post.id,
      client_secret: post.secret,
    })
    expect(ok.status).toBe(200)
    expect(decodeJwt(ok.body.id_token).aud).toBe(post.id)
  })

  it('NONE with PKCE S256: the verifier must match; redirect_uri must match the authorize one', async () => {
    const spa = appBy('NONE')
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'
    const challenge = createHash('sha256').update(verifier).digest('base64url')
    const redirect = 'http://localhost:5173/callback'
    const params = {
      client_id: spa.id,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      redirect_uri: redirect,
    }

    const code = await codeFor(emu, params)
    const badVerifier = await tokenRequest(emu, {
      grant_type: 'authorization_code',
      code,
      client_id: spa.id,
      redirect_uri: redirect,
      code_verifier: 'x'.repeat(43),
    })
    expect(badVerifier.body.error).toBe('invalid_grant')

    const code2 = await codeFor(emu, params)
    const badRedirect = await tokenRequest(emu, {
      grant_type: 'authorization_code',
      code: code2,
      client_id: spa.id,
      redirect_uri: 'http://localhost:5173/other',
      code_verifier: verifier,
    })
    expect(badRedirect.body.error).toBe('invalid_grant')

    const code3 = await codeFor(emu, params)
    const ok = await tokenRequest(emu, {
      grant_type: 'authorization_code',
      code: code3,
      client_id: spa.id,
      redirect_uri: redirect,
      code_verifier: verifier,
      scope: 'openid',
    })
    expect(ok.status).toBe(200)
    expect(ok.body.scope).toBe('openid')
    expect(ok.body.refresh_token).toBeUndefined()
  })

  it('a confidential app may also use PKCE (lenient); the strict switch refuses it', async () => {
    const verifier = 'a'.repeat(50)
    const challenge = createHash('sha256').update(verifier).digest('base64url')
    const code = await codeFor(emu, { code_challenge: challenge, code_challenge_method: 'S256' })
    const ok = await tokenRequest(
      emu,
      { grant_type: 'authorization_code', code, code_verifier: verifier },
      { basic: [emu.pingOne.clientId, emu.pingOne.clientSecret] },
    )
    expect(ok.status).toBe(200)

    const strict = createEmulator({ pingOne: { pkceRequiresAuthMethodNone: true } })
    const refused = await startMfa(strict, 'joe', {
      code_challenge: challenge,
      code_challenge_method: 'S256',
    })
    expect(refused.status).toBe(400)
    expect(refused.body.details[0].target).toBe('code_challenge')
  })

  it('offline_access brings a refresh token that the refresh_token grant takes', async () => {
    const basic: [string, string] = [emu.pingOne.clientId, emu.pingOne.clientSecret]
    const code = await codeFor(emu, { scope: 'openid offline_access' })
    const first = await tokenRequest(emu, { grant_type: 'authorization_code', code }, { basic })
    expect(first.body.refresh_token).toBeTypeOf('string')
    const refreshed = await tokenRequest(
      emu,
      { grant_type: 'refresh_token', refresh_token: first.body.refresh_token },
      { basic },
    )
    expect(refreshed.status).toBe(200)
    expect(refreshed.body.access_token).toBeTypeOf('string')
  })

  it('refuses unknown grant types and non-form bodies', async () => {
    const basic: [string, string] = [emu.pingOne.clientId, emu.pingOne.clientSecret]
    expect((await tokenRequest(emu, { grant_type: 'password' }, { basic })).body.error).toBe(
      'unsupported_grant_type',
    )
    const json = await emu.fetch(`${emu.pingOne.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(json.status).toBe(400)
    expect((await json.json()).error).toBe('invalid_request')
  })
})

describe('implicit and hybrid through resume', () => {
  it('response_type=token id_token puts the tokens in authorizeResponse', async () => {
    const { flow, cookie } = await completeJoe(emu, {
      response_type: 'token id_token',
      scope: 'openid profile email',
      nonce: 'nn',
      state: 'ss',
    })
    const response = (await resume(emu, flow, cookie)).body.authorizeResponse
    expect(response).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'openid profile email',
      id_token: expect.any(String),
      state: 'ss',
    })
    const jwks = await (await emu.fetch(`${emu.pingOne.issuer}/jwks`)).json()
    const { payload } = await jwtVerify(response.id_token, createLocalJWKSet(jwks), {
      issuer: emu.pingOne.issuer,
      audience: emu.pingOne.clientId,
      currentDate: new Date(emu.clock.now()),
    })
    expect(payload).toMatchObject({ nonce: 'nn', email: 'joe@example.com', at_hash: expect.any(String) })
  })

  it("'minimal' members and the hybrid c_hash", async () => {
    const e = createEmulator({ pingOne: { authorizeResponseMembers: 'minimal' } })
    const { flow, cookie } = await completeJoe(e, { response_type: 'code id_token', state: 'ss', nonce: 'n' })
    const response = (await resume(e, flow, cookie)).body.authorizeResponse
    expect(Object.keys(response).sort()).toEqual(['code', 'id_token'])
    expect(decodeJwt(response.id_token).c_hash).toBeTypeOf('string')
  })

  it('response types the app does not allow are refused', async () => {
    const spa = appBy('NONE')
    const refused = await startMfa(emu, 'joe', { client_id: spa.id, response_type: 'token' })
    expect(refused.status).toBe(400)
    expect(refused.body.details[0].target).toBe('response_type')
  })
})
