import { generateKeyPair, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { type Browser, browser, demoParams, emulator, signIn } from './helpers.js'

// One emulator for the file: its RSA key is made once; each test signs in with its own browser.
const emu = emulator()

/** Signs joe in (PF cookie in `b`'s jar) and exchanges the code: the tokens. */
async function tokensFor(b: Browser, username = 'joe') {
  const { completed, pkce } = await signIn(b, username, { scope: 'openid email offline_access' })
  const { body } = await b.token({
    grant_type: 'authorization_code',
    code: completed.body.authorizeResponse.code,
    client_id: 'redirectless-demo',
    code_verifier: pkce.verifier,
  })
  return body as { access_token: string; refresh_token: string; id_token: string }
}

const revoke = (b: Browser, form: Record<string, string>, headers: Record<string, string> = {}) =>
  b.send(
    `${b.baseUrl}/as/revoke_token.oauth2`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    },
    false,
  )

const userinfo = (b: Browser, token: string) =>
  emu.fetch(`${b.baseUrl}/idp/userinfo.openid`, { headers: { authorization: `Bearer ${token}` } })

/** `GET /idp/init_logout.openid` with `b`'s cookies; the raw response (HTML or a redirect). */
async function logout(b: Browser, params: Record<string, string>, path = '/idp/init_logout.openid') {
  const res = await emu.fetch(`${b.baseUrl}${path}?${new URLSearchParams(params)}`, {
    headers: { cookie: b.jar.header() },
    redirect: 'manual',
  })
  b.jar.update(res)
  return res
}

/** Whether `b`'s session still signs in without a password. */
async function hasSession(b: Browser) {
  const start = await b.authorize((await demoParams()).params)
  return start.body.status === 'COMPLETED'
}

describe('POST /as/revoke_token.oauth2', () => {
  it('revokes an access token (then 401 invalid_token at userinfo) and a refresh token (then invalid_grant)', async () => {
    const b = browser(emu)
    const tokens = await tokensFor(b)
    expect((await userinfo(b, tokens.access_token)).status).toBe(200)
    const first = await revoke(b, { token: tokens.access_token, client_id: 'redirectless-demo' })
    expect(first.res.status).toBe(200)
    const refused = await userinfo(b, tokens.access_token)
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toContain('invalid_token')
    await revoke(b, {
      token: tokens.refresh_token,
      token_type_hint: 'refresh_token',
      client_id: 'redirectless-demo',
    })
    const refresh = await b.token({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: 'redirectless-demo',
    })
    expect([refresh.res.status, refresh.body.error]).toEqual([400, 'invalid_grant'])
  })

  it('answers 200 for an unknown token; refuses a missing token, a JSON body, a bad client and another client', async () => {
    const b = browser(emu)
    const tokens = await tokensFor(b)
    expect((await revoke(b, { token: 'never-issued', client_id: 'redirectless-demo' })).res.status).toBe(200)
    const missing = await revoke(b, { client_id: 'redirectless-demo' })
    expect([missing.res.status, missing.body.error]).toEqual([400, 'invalid_request'])
    const json = await revoke(b, {}, { 'content-type': 'application/json' })
    expect([json.res.status, json.body.error]).toEqual([400, 'invalid_request'])
    const noSecret = await revoke(b, { token: tokens.access_token, client_id: 'redirectless-bff' })
    expect([noSecret.res.status, noSecret.body.error]).toEqual([401, 'invalid_client'])
    const bff = emu.pingFederate.bffClient
    if (!bff) throw new Error('the default clients are missing')
    const other = await revoke(b, {
      token: tokens.access_token,
      client_id: bff.clientId,
      client_secret: bff.clientSecret,
    })
    expect([other.res.status, other.body.error]).toEqual([400, 'unauthorized_client'])
    expect((await userinfo(b, tokens.access_token)).status).toBe(200)
  })
})

describe('GET /idp/init_logout.openid and /idp/startSLO.ping', () => {
  it('with the id_token of the session user: ends the session, clears the cookies, and the next sign-on asks again', async () => {
    const b = browser(emu)
    const tokens = await tokensFor(b)
    expect(await hasSession(b)).toBe(true)
    const res = await logout(b, { id_token_hint: tokens.id_token })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('signed off')
    expect(res.headers.getSetCookie().some((c) => /^PF=;.*Max-Age=0/.test(c))).toBe(true)
    expect(await hasSession(b)).toBe(false)
  })

  it('without a hint, or with one for another user or not signed by PF, asks to confirm and keeps the session', async () => {
    const b = browser(emu)
    await tokensFor(b)
    const ann = await tokensFor(browser(emu), 'ann')
    const { privateKey } = await generateKeyPair('RS256')
    const forged = await new SignJWT({ sub: 'joe', aud: 'redirectless-demo', iss: emu.pingFederate.baseUrl })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(privateKey)
    for (const params of [{}, { id_token_hint: ann.id_token }, { id_token_hint: forged }]) {
      const res = await logout(b, params)
      expect([res.status, (await res.text()).includes('Confirm')]).toEqual([200, true])
      expect(await hasSession(b)).toBe(true)
    }
  })

  it('redirects to a registered post_logout_redirect_uri with state, at startSLO.ping too; ignores another', async () => {
    const b = browser(emu)
    const tokens = await tokensFor(b)
    const res = await logout(
      b,
      {
        id_token_hint: tokens.id_token,
        post_logout_redirect_uri: 'http://localhost:3000/callback',
        state: 's 1',
      },
      '/idp/startSLO.ping',
    )
    expect([res.status, res.headers.get('location')]).toEqual([
      302,
      'http://localhost:3000/callback?state=s+1',
    ])
    const b2 = browser(emu)
    const t2 = await tokensFor(b2)
    const other = await logout(b2, {
      id_token_hint: t2.id_token,
      post_logout_redirect_uri: 'https://evil.example/',
    })
    expect([other.status, other.headers.get('location')]).toEqual([200, null])
    expect(await hasSession(b2)).toBe(false)
  })
})
