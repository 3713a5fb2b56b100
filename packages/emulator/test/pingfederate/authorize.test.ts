import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import { leftHalfHash } from '../../src/pingfederate/tokens.js'
import { browser, demoParams, emulator, self, signIn } from './helpers.js'

const base = 'https://pingfederate.emulator.test'

describe('authorization endpoint validation (contract §1.4)', () => {
  const cases: [string, Record<string, string | undefined>, string, RegExp][] = [
    ['missing client_id', { client_id: undefined }, 'invalid_request', /client_id/],
    ['unknown client', { client_id: 'nobody' }, 'invalid_client', /nobody/],
    ['redirectless not allowed', { client_id: 'redirectless-legacy' }, 'unauthorized_client', /pi\.flow/],
    ['missing response_type', { response_type: undefined }, 'invalid_request', /response_type/],
    ['unknown response_type', { response_type: 'magic' }, 'unsupported_response_type', /magic/],
    [
      'response_type not allowed',
      { client_id: 'redirectless-bff', response_type: 'token' },
      'unauthorized_client',
      /token/,
    ],
    [
      'unregistered redirect_uri',
      { redirect_uri: 'https://evil.example/cb' },
      'invalid_request',
      /redirect_uri/,
    ],
    ['unknown scope', { scope: 'openid admin' }, 'invalid_scope', /admin/],
    [
      'missing PKCE',
      { code_challenge: undefined, code_challenge_method: undefined },
      'invalid_request',
      /PKCE/,
    ],
    ['plain PKCE', { code_challenge_method: 'plain' }, 'invalid_request', /plain/],
    ['method defaults to plain', { code_challenge_method: undefined }, 'invalid_request', /plain/],
    ['bogus PKCE method', { code_challenge_method: 'S512' }, 'invalid_request', /S512/],
    ['malformed challenge', { code_challenge: 'short' }, 'invalid_request', /malformed/],
    ['method without challenge', { code_challenge: undefined }, 'invalid_request', /without code_challenge/],
    ['not pi.flow', { response_mode: 'query' }, 'invalid_request', /pi\.flow/],
    ['id_token without nonce', { response_type: 'id_token', nonce: undefined }, 'invalid_request', /nonce/],
    ['id_token without openid', { response_type: 'id_token', scope: 'profile' }, 'invalid_request', /openid/],
    ['prompt none with login', { prompt: 'none login' }, 'invalid_request', /prompt/],
    ['bad max_age', { max_age: '-1' }, 'invalid_request', /max_age/],
  ]

  it.each(cases)('%s → 400 VALIDATION_ERROR / %s', async (_name, change, detail, message) => {
    const b = browser(emulator())
    const { params } = await demoParams()
    const query: Record<string, string> = { ...params }
    for (const [k, v] of Object.entries(change)) {
      if (v === undefined) delete query[k]
      else query[k] = v
    }
    const { res, body } = await b.authorize(query)
    expect(res.status).toBe(400)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(body).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'One or more validation errors occurred.',
      userMessage: 'One or more validation errors occurred.',
    })
    expect(body.status).toBeUndefined()
    expect(body.details).toHaveLength(1)
    expect(body.details[0].code).toBe(detail)
    expect(body.details[0].message).toMatch(message)
    expect(body.details[0].userMessage).toBe(body.details[0].message)
  })

  it('refuses a repeated parameter', async () => {
    const b = browser(emulator())
    const { params } = await demoParams()
    const query = new URLSearchParams({ response_mode: 'pi.flow', ...params })
    query.append('state', 'again')
    const { res, body } = await b.send(`${base}/as/authorization.oauth2?${query}`)
    expect(res.status).toBe(400)
    expect(body.details[0].message).toMatch(/state/)
  })

  it('lets a confidential client skip PKCE and accepts a registered redirect_uri', async () => {
    const b = browser(emulator())
    const { body } = await b.authorize({
      client_id: 'redirectless-bff',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: 'http://localhost:3000/callback',
    })
    expect(body.status).toBe('USERNAME_PASSWORD_REQUIRED')
  })

  it('pre-fills the username from login_hint', async () => {
    const b = browser(emulator())
    const { params } = await demoParams({ login_hint: 'ann' })
    const { body } = await b.authorize(params)
    expect(body).toMatchObject({ username: 'ann', allowUsernameEdits: true })
  })
})

describe('PF cookie', () => {
  it('is HttpOnly, Path=/, SameSite=None, and Secure over https and on loopback http (cookies.test.ts)', async () => {
    const emu = emulator()
    const b = browser(emu)
    const { res } = await b.authorize((await demoParams()).params)
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('PF='))
    expect(cookie).toMatch(/; Path=\//)
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; SameSite=None/)
    expect(cookie).toMatch(/; Secure/)

    // Chromium drops SameSite=None without Secure even on loopback, and keeps Secure there.
    const plain = emulator({}, { baseUrls: { pingFederate: 'http://127.0.0.1:9031' } })
    const { res: res2 } = await browser(plain).authorize((await demoParams()).params)
    expect(res2.headers.getSetCookie().find((c) => c.startsWith('PF='))).toMatch(/; SameSite=None; Secure$/)
  })
})

describe('SSO through the PF cookie', () => {
  it('answers COMPLETED at once for a signed-in session, with a fresh code', async () => {
    const emu = emulator()
    const b = browser(emu)
    const first = await signIn(b)
    expect(first.completed.body.status).toBe('COMPLETED')

    emu.clock.advance(5_000)
    const { params } = await demoParams({ state: 'again' })
    const again = await b.authorize(params)
    expect(again.res.status).toBe(200)
    expect(again.body).toMatchObject({
      status: 'COMPLETED',
      authorizeResponse: { code: expect.any(String), state: 'again' },
    })
    expect(again.body.authorizeResponse.code).not.toBe(first.completed.body.authorizeResponse.code)
    expect(again.body._links).toEqual({ self: { href: expect.stringContaining(again.body.id) } })
    // The flow is already over.
    expect((await b.read(self(again))).res.status).toBe(404)
  })

  it('keeps the original auth_time for an SSO sign-on', async () => {
    const emu = emulator()
    const b = browser(emu)
    await signIn(b)
    const signedInAt = Math.floor(emu.clock.now() / 1000)
    emu.clock.advance(120_000)
    const { params } = await demoParams({ response_type: 'code id_token' })
    const again = await b.authorize(params)
    expect(decodeJwt(again.body.authorizeResponse.id_token).auth_time).toBe(signedInAt)
  })

  it('asks again with prompt=login, a max_age exceeded, or another login_hint', async () => {
    const emu = emulator()
    const b = browser(emu)
    await signIn(b)
    expect((await b.authorize((await demoParams({ prompt: 'login' })).params)).body.status).toBe(
      'USERNAME_PASSWORD_REQUIRED',
    )
    emu.clock.advance(61_000)
    expect((await b.authorize((await demoParams({ max_age: '60' })).params)).body.status).toBe(
      'USERNAME_PASSWORD_REQUIRED',
    )
    expect((await b.authorize((await demoParams({ max_age: '3600' })).params)).body.status).toBe('COMPLETED')
    expect((await b.authorize((await demoParams({ login_hint: 'ann' })).params)).body.status).toBe(
      'USERNAME_PASSWORD_REQUIRED',
    )
  })

  it('prompt=login then signs in the new user on the same session', async () => {
    const emu = emulator()
    const b = browser(emu)
    await signIn(b, 'joe')
    await signIn(b, 'ann', { prompt: 'login' })
    const again = await b.authorize((await demoParams({ response_type: 'code id_token' })).params)
    expect(decodeJwt(again.body.authorizeResponse.id_token).sub).toBe('ann')
  })

  it('does not carry over to a browser without the cookie, nor after the session idles out', async () => {
    const emu = emulator()
    const b = browser(emu)
    await signIn(b)
    expect((await browser(emu).authorize((await demoParams()).params)).body.status).toBe(
      'USERNAME_PASSWORD_REQUIRED',
    )
    emu.clock.advance(3601_000)
    expect((await b.authorize((await demoParams()).params)).body.status).toBe('USERNAME_PASSWORD_REQUIRED')
  })

  it('prompt=none without a session ends in FAILED login_required (or COMPLETED with error)', async () => {
    const b = browser(emulator())
    const { body } = await b.authorize((await demoParams({ prompt: 'none' })).params)
    expect(body).toMatchObject({ status: 'FAILED', code: 'login_required' })

    const b2 = browser(emulator({ failureStyle: 'COMPLETED_WITH_ERROR' }))
    const { body: body2 } = await b2.authorize((await demoParams({ prompt: 'none' })).params)
    expect(body2).toMatchObject({
      status: 'COMPLETED',
      authorizeResponse: { error: 'login_required', state: 'st-123' },
    })
  })

  it('prompt=none with a session completes silently', async () => {
    const b = browser(emulator())
    await signIn(b)
    const { body } = await b.authorize((await demoParams({ prompt: 'none' })).params)
    expect(body.status).toBe('COMPLETED')
  })

  it('PF.PERSISTENT restores SSO when persistent sessions are on', async () => {
    const emu = emulator({ persistentSessions: true })
    const b = browser(emu)
    const { completed } = await signIn(b)
    const persistent = completed.res.headers.getSetCookie().find((c) => c.startsWith('PF.PERSISTENT='))
    expect(persistent).toMatch(/Max-Age=28800/)
    b.jar.values.delete('PF')
    const again = await b.authorize((await demoParams()).params)
    expect(again.body.status).toBe('COMPLETED')
    expect(b.jar.get('PF')).toBeTruthy()
  })
})

describe('implicit and hybrid authorizeResponse (contract §5.1)', () => {
  async function complete(responseType: string) {
    const emu = emulator()
    const b = browser(emu)
    const { completed } = await signIn(b, 'joe', { response_type: responseType })
    expect(completed.body.status).toBe('COMPLETED')
    return completed.body.authorizeResponse as Record<string, string>
  }

  it('id_token token: access_token, token_type, expires_in, id_token with nonce and at_hash, state', async () => {
    const r = await complete('token id_token')
    expect(Object.keys(r).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'state', 'token_type'])
    expect(r).toMatchObject({ token_type: 'Bearer', expires_in: '7200', state: 'st-123' })
    const claims = decodeJwt(r.id_token!)
    expect(claims).toMatchObject({ nonce: 'n-456', sub: 'joe', aud: 'redirectless-demo', iss: base })
    expect(claims.at_hash).toBe(await leftHalfHash(r.access_token!))
    expect(claims.c_hash).toBeUndefined()
  })

  it('code id_token: code, id_token with c_hash', async () => {
    const r = await complete('code id_token')
    expect(Object.keys(r).sort()).toEqual(['code', 'id_token', 'state'])
    const claims = decodeJwt(r.id_token!)
    expect(claims.c_hash).toBe(await leftHalfHash(r.code!))
    expect(claims.at_hash).toBeUndefined()
  })

  it('code id_token token: both hashes', async () => {
    const r = await complete('code id_token token')
    const claims = decodeJwt(r.id_token!)
    expect(claims.c_hash).toBe(await leftHalfHash(r.code!))
    expect(claims.at_hash).toBe(await leftHalfHash(r.access_token!))
  })

  it('id_token alone and code token', async () => {
    expect(Object.keys(await complete('id_token')).sort()).toEqual(['id_token', 'state'])
    expect(Object.keys(await complete('code token')).sort()).toEqual([
      'access_token',
      'code',
      'expires_in',
      'state',
      'token_type',
    ])
  })

  it('PKCE is only demanded when a code is returned', async () => {
    const b = browser(emulator())
    const { body } = await b.authorize({
      client_id: 'redirectless-demo',
      response_type: 'id_token',
      scope: 'openid',
      nonce: 'n',
    })
    expect(body.status).toBe('USERNAME_PASSWORD_REQUIRED')
  })
})
