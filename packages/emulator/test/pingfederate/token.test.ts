import { describe, expect, it } from 'vitest'
import { type Browser, browser, DEMO, emulator, self, signIn } from './helpers.js'

async function codeFor(b: Browser, extra: Record<string, string> = {}) {
  const { completed, pkce } = await signIn(b, 'joe', extra)
  return { code: completed.body.authorizeResponse.code as string, verifier: pkce.verifier }
}

/** Signs joe in through the confidential client and returns the code. */
async function bffCode(b: Browser, extra: Record<string, string> = {}) {
  const start = await b.authorize({
    client_id: 'redirectless-bff',
    response_type: 'code',
    scope: 'openid',
    ...extra,
  })
  const done = await b.act(self(start), 'checkUsernamePassword', { username: 'joe', password: DEMO.password })
  return done.body.authorizeResponse.code as string
}

// One emulator for the file: its RSA key is made once, and each test uses its own browser and codes.
const shared = emulator()

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`

describe('authorization_code grant', () => {
  it('codes are single-use; a replay is invalid_grant and revokes what the code bought', async () => {
    const emu = shared
    const b = browser(emu)
    const { code, verifier } = await codeFor(b, { scope: 'openid offline_access' })
    const form = {
      grant_type: 'authorization_code',
      code,
      client_id: 'redirectless-demo',
      code_verifier: verifier,
    }
    const first = await b.token(form)
    expect(first.res.status).toBe(200)
    expect(first.body.refresh_token).toEqual(expect.any(String))
    const replay = await b.token(form)
    expect(replay.res.status).toBe(400)
    expect(replay.body).toEqual({ error: 'invalid_grant', error_description: expect.any(String) })
    const refreshed = await b.token({
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token,
      client_id: 'redirectless-demo',
    })
    expect(refreshed.body.error).toBe('invalid_grant')
  })

  it('codes expire after 60 s of emulator time', async () => {
    const emu = shared
    const b = browser(emu)
    const { code, verifier } = await codeFor(b)
    emu.clock.advance(61_000)
    const call = await b.token({
      grant_type: 'authorization_code',
      code,
      client_id: 'redirectless-demo',
      code_verifier: verifier,
    })
    expect(call.body.error).toBe('invalid_grant')
  })

  it('checks PKCE: a wrong or missing verifier is invalid_grant and does not burn the code', async () => {
    const b = browser(shared)
    const { code, verifier } = await codeFor(b)
    const form = { grant_type: 'authorization_code', code, client_id: 'redirectless-demo' }
    expect((await b.token({ ...form, code_verifier: 'x'.repeat(43) })).body.error).toBe('invalid_grant')
    expect((await b.token(form)).body.error).toBe('invalid_grant')
    expect((await b.token({ ...form, code_verifier: verifier })).res.status).toBe(200)
  })

  it('requires the same redirect_uri when one was sent at authorize', async () => {
    const b = browser(shared)
    const { code, verifier } = await codeFor(b, { redirect_uri: 'http://localhost:3000/callback' })
    const form = {
      grant_type: 'authorization_code',
      code,
      client_id: 'redirectless-demo',
      code_verifier: verifier,
    }
    expect((await b.token(form)).body.error).toBe('invalid_grant')
    expect((await b.token({ ...form, redirect_uri: 'http://localhost:3000/other' })).body.error).toBe(
      'invalid_grant',
    )
    expect((await b.token({ ...form, redirect_uri: 'http://localhost:3000/callback' })).res.status).toBe(200)
  })

  it("refuses another client's code", async () => {
    const b = browser(shared)
    const code = await bffCode(b)
    const call = await b.token({ grant_type: 'authorization_code', code, client_id: 'redirectless-demo' })
    expect(call.body.error).toBe('invalid_grant')
  })

  it('validates the request itself', async () => {
    const b = browser(shared)
    const json = await b.send(`${b.baseUrl}/as/token.oauth2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(json.body.error).toBe('invalid_request')
    expect((await b.token({ client_id: 'redirectless-demo' })).body.error).toBe('invalid_request')
    expect((await b.token({ client_id: 'redirectless-demo', grant_type: 'password' })).body.error).toBe(
      'unsupported_grant_type',
    )
    expect(
      (await b.token({ client_id: 'redirectless-demo', grant_type: 'authorization_code' })).body.error,
    ).toBe('invalid_request')
    const get = await b.send(`${b.baseUrl}/as/token.oauth2`, {}, false)
    expect(get.res.status).toBe(405)
  })
})

describe('client authentication', () => {
  it('client_secret_basic and client_secret_post both work for the BFF client', async () => {
    const emu = shared
    const b = browser(emu)
    const { clientId, clientSecret } = emu.pingFederate.bffClient!
    expect(clientSecret.length).toBeGreaterThanOrEqual(32)
    const viaBasic = await b.token(
      { grant_type: 'authorization_code', code: await bffCode(b, { prompt: 'login' }) },
      { authorization: basic(clientId, clientSecret) },
    )
    expect(viaBasic.res.status).toBe(200)
    const viaPost = await b.token({
      grant_type: 'authorization_code',
      code: await bffCode(b, { prompt: 'login' }),
      client_id: clientId,
      client_secret: clientSecret,
    })
    expect(viaPost.res.status).toBe(200)
  })

  it('fails with 401 invalid_client for a wrong secret, no secret, an unknown client, or a bad header', async () => {
    const emu = shared
    const b = browser(emu)
    const { clientId, clientSecret } = emu.pingFederate.bffClient!
    const code = await bffCode(b)
    const wrongBasic = await b.token(
      { grant_type: 'authorization_code', code },
      { authorization: basic(clientId, 'no') },
    )
    expect(wrongBasic.res.status).toBe(401)
    expect(wrongBasic.body.error).toBe('invalid_client')
    expect(wrongBasic.res.headers.get('www-authenticate')).toMatch(/^Basic/)
    const wrongPost = await b.token({
      grant_type: 'authorization_code',
      code,
      client_id: clientId,
      client_secret: 'no',
    })
    expect(wrongPost.res.status).toBe(401)
    const none = await b.token({ grant_type: 'authorization_code', code, client_id: clientId })
    expect(none.res.status).toBe(401)
    const unknown = await b.token({ grant_type: 'authorization_code', code, client_id: 'nobody' })
    expect(unknown.res.status).toBe(401)
    const anonymous = await b.token({ grant_type: 'authorization_code', code })
    expect(anonymous.res.status).toBe(401)
    const garbage = await b.token({ grant_type: 'authorization_code', code }, { authorization: 'Basic %%%' })
    expect(garbage.res.status).toBe(401)
    const both = await b.token(
      { grant_type: 'authorization_code', code, client_secret: clientSecret },
      { authorization: basic(clientId, clientSecret) },
    )
    expect(both.body.error).toBe('invalid_request')
    // The code survived all of that.
    const ok = await b.token(
      { grant_type: 'authorization_code', code },
      { authorization: basic(clientId, clientSecret) },
    )
    expect(ok.res.status).toBe(200)
  })

  it('a public client may not authenticate with a secret', async () => {
    const b = browser(shared)
    const { code, verifier } = await codeFor(b)
    const call = await b.token({
      grant_type: 'authorization_code',
      code,
      client_id: 'redirectless-demo',
      client_secret: 'x'.repeat(32),
      code_verifier: verifier,
    })
    expect(call.res.status).toBe(401)
  })
})

describe('refresh_token grant', () => {
  it('issues a refresh token for offline_access, rotates it, and can narrow the scope', async () => {
    const emu = shared
    const b = browser(emu)
    const { code, verifier } = await codeFor(b, { scope: 'openid profile offline_access' })
    const first = await b.token({
      grant_type: 'authorization_code',
      code,
      client_id: 'redirectless-demo',
      code_verifier: verifier,
    })
    const refreshed = await b.token({
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token,
      client_id: 'redirectless-demo',
      scope: 'openid',
    })
    expect(refreshed.res.status).toBe(200)
    expect(refreshed.body).toMatchObject({
      token_type: 'Bearer',
      scope: 'openid',
      id_token: expect.any(String),
    })
    expect(refreshed.body.refresh_token).not.toBe(first.body.refresh_token)
    const old = await b.token({
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token,
      client_id: 'redirectless-demo',
    })
    expect(old.body).toEqual({
      error: 'invalid_grant',
      error_description: 'unknown, invalid, or expired refresh token',
    })
    const wider = await b.token({
      grant_type: 'refresh_token',
      refresh_token: refreshed.body.refresh_token,
      client_id: 'redirectless-demo',
      scope: 'openid email',
    })
    expect(wider.body.error).toBe('invalid_scope')
    const again = await b.token({
      grant_type: 'refresh_token',
      refresh_token: refreshed.body.refresh_token,
      client_id: 'redirectless-demo',
    })
    // The rotated token keeps the original grant's scope.
    expect(again.body.scope).toBe('openid profile offline_access')
  })

  it('keeps the refresh token when rotateRefreshTokens is off', async () => {
    const b = browser(emulator({ rotateRefreshTokens: false }))
    const { code, verifier } = await codeFor(b, { scope: 'openid offline_access' })
    const first = await b.token({
      grant_type: 'authorization_code',
      code,
      client_id: 'redirectless-demo',
      code_verifier: verifier,
    })
    const refresh = {
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token,
      client_id: 'redirectless-demo',
    }
    expect((await b.token(refresh)).body.refresh_token).toBe(first.body.refresh_token)
    expect((await b.token(refresh)).res.status).toBe(200)
  })

  it('refuses a refresh token of another client and the grant for a client without it', async () => {
    const emu = shared
    const b = browser(emu)
    const { code, verifier } = await codeFor(b, { scope: 'openid offline_access' })
    const first = await b.token({
      grant_type: 'authorization_code',
      code,
      client_id: 'redirectless-demo',
      code_verifier: verifier,
    })
    const { clientId, clientSecret } = emu.pingFederate.bffClient!
    const other = await b.token(
      { grant_type: 'refresh_token', refresh_token: first.body.refresh_token },
      { authorization: basic(clientId, clientSecret) },
    )
    expect(other.body.error).toBe('invalid_grant')
    const legacy = await b.token({
      grant_type: 'refresh_token',
      refresh_token: 'x',
      client_id: 'redirectless-legacy',
    })
    expect(legacy.body.error).toBe('unauthorized_client')
  })
})

describe('userinfo', () => {
  it('refuses a missing, unknown or expired token', async () => {
    const emu = shared
    const b = browser(emu)
    const url = `${b.baseUrl}/idp/userinfo.openid`
    expect((await b.send(url, {}, false)).res.status).toBe(401)
    const { code, verifier } = await codeFor(b)
    const tokens = await b.token({
      grant_type: 'authorization_code',
      code,
      client_id: 'redirectless-demo',
      code_verifier: verifier,
    })
    const auth = { headers: { authorization: `Bearer ${tokens.body.access_token}` } }
    expect((await b.send(url, auth, false)).res.status).toBe(200)
    emu.clock.advance(7201_000)
    const expired = await b.send(url, auth, false)
    expect(expired.res.status).toBe(401)
    expect(expired.res.headers.get('www-authenticate')).toMatch(/invalid_token/)
  })
})
