import { importJWK, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import {
  JWT_CLIENT_ID,
  JWT_CLIENT_SECRET,
  PRIVATE_KEY_JWT_CLIENT_ID,
  PRIVATE_KEY_JWT_CLIENT_KEY,
} from '../../src/pingfederate/index.js'
import { browser, DEMO, demoParams, emulator, self } from './helpers.js'

const TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
const TOKEN = 'https://pingfederate.emulator.test/as/token.oauth2'

/** A code issued to `clientId` (no PKCE: the confidential clients do not require it). */
async function codeFor(emu: ReturnType<typeof emulator>, clientId: string): Promise<string> {
  const b = browser(emu)
  const { params } = await demoParams({ client_id: clientId })
  const { code_challenge: _c, code_challenge_method: _m, ...rest } = params
  const first = await b.authorize(rest)
  const done = await b.act(self(first), 'checkUsernamePassword', { username: 'joe', password: DEMO.password })
  return done.body.authorizeResponse.code as string
}

async function assertion(
  key: Uint8Array | CryptoKey,
  alg: string,
  clientId: string,
  claims: { aud?: string; exp?: number; jti?: string; iss?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({ jti: claims.jti ?? crypto.randomUUID() })
    .setProtectedHeader({ alg })
    .setIssuer(claims.iss ?? clientId)
    .setSubject(clientId)
    .setAudience(claims.aud ?? TOKEN)
    .setIssuedAt(now)
    .setExpirationTime(claims.exp ?? now + 60)
    .sign(key)
}

const secret = new TextEncoder().encode(JWT_CLIENT_SECRET)

describe('client authentication with a client assertion (RFC 7523)', () => {
  it('client_secret_jwt: an HS256 assertion over the secret', async () => {
    const emu = emulator()
    const b = browser(emu)
    const token = await b.token({
      grant_type: 'authorization_code',
      code: await codeFor(emu, JWT_CLIENT_ID),
      client_assertion_type: TYPE,
      client_assertion: await assertion(secret, 'HS256', JWT_CLIENT_ID),
    })
    expect(token.body).toMatchObject({ token_type: 'Bearer', id_token: expect.any(String) })
  })

  it('private_key_jwt: an ES256 assertion verified with the client’s JWKS; the issuer is a valid aud too', async () => {
    const emu = emulator()
    const b = browser(emu)
    const key = (await importJWK(PRIVATE_KEY_JWT_CLIENT_KEY, 'ES256')) as CryptoKey
    const token = await b.token({
      grant_type: 'authorization_code',
      code: await codeFor(emu, PRIVATE_KEY_JWT_CLIENT_ID),
      client_id: PRIVATE_KEY_JWT_CLIENT_ID,
      client_assertion_type: TYPE,
      client_assertion: await assertion(key, 'ES256', PRIVATE_KEY_JWT_CLIENT_ID, {
        aud: emu.pingFederate.issuer,
      }),
    })
    expect(token.body.token_type).toBe('Bearer')
    expect(emu.pingFederate.privateKeyJwtClient?.clientId).toBe(PRIVATE_KEY_JWT_CLIENT_ID)
  })

  it('refuses replays, wrong audiences, expired or long-lived assertions, bad signatures and other methods', async () => {
    const emu = emulator()
    const b = browser(emu)
    const try_ = async (client_assertion: string, extra: Record<string, string> = {}) =>
      b.token({
        grant_type: 'authorization_code',
        code: await codeFor(emu, JWT_CLIENT_ID),
        client_assertion_type: TYPE,
        client_assertion,
        ...extra,
      })
    const now = Math.floor(Date.now() / 1000)
    const once = await assertion(secret, 'HS256', JWT_CLIENT_ID)
    expect((await try_(once)).res.status).toBe(200)
    const replay = await try_(once)
    expect(replay.res.status).toBe(401)
    expect(replay.body).toMatchObject({
      error: 'invalid_client',
      error_description: expect.stringContaining('used before'),
    })
    expect(
      (await try_(await assertion(secret, 'HS256', JWT_CLIENT_ID, { aud: 'https://elsewhere' }))).res.status,
    ).toBe(401)
    expect((await try_(await assertion(secret, 'HS256', JWT_CLIENT_ID, { exp: now - 10 }))).res.status).toBe(
      401,
    )
    expect(
      (await try_(await assertion(secret, 'HS256', JWT_CLIENT_ID, { exp: now + 3600 }))).res.status,
    ).toBe(401)
    expect(
      (await try_(await assertion(new TextEncoder().encode('x'.repeat(48)), 'HS256', JWT_CLIENT_ID))).res
        .status,
    ).toBe(401)
    expect((await try_(await assertion(secret, 'HS256', JWT_CLIENT_ID, { iss: 'someone' }))).res.status).toBe(
      401,
    )
    expect((await try_('not.a.jwt')).res.status).toBe(401)
    expect(
      (await try_(await assertion(secret, 'HS256', JWT_CLIENT_ID), { client_assertion_type: 'other' })).res
        .status,
    ).toBe(401)
    const mismatch = await try_(await assertion(secret, 'HS256', JWT_CLIENT_ID), {
      client_id: 'redirectless-bff',
    })
    expect(mismatch.body.error).toBe('invalid_client')
    // The BFF client may use only its secret methods: an assertion is refused for it.
    const bff = await b.token({
      grant_type: 'authorization_code',
      code: 'x',
      client_assertion_type: TYPE,
      client_assertion: await assertion(
        new TextEncoder().encode('redirectless-bff-secret-2FederateM0re-0123456789'),
        'HS256',
        'redirectless-bff',
      ),
    })
    expect(bff.body).toMatchObject({
      error: 'invalid_client',
      error_description: expect.stringContaining('not allowed'),
    })
    // And the assertion client may not fall back to its secret.
    const post = await b.token({
      grant_type: 'authorization_code',
      code: 'x',
      client_id: JWT_CLIENT_ID,
      client_secret: JWT_CLIENT_SECRET,
    })
    expect(post.res.status).toBe(401)
  })
})
