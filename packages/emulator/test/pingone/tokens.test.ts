import { generateKeyPair, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../../src/emulator.js'
import { answer, completeJoe, resume, tokenRequest } from './helpers.js'

const emu = createEmulator({ pingOne: { rotateRefreshTokens: true } })
const basic: [string, string] = [emu.pingOne.clientId, emu.pingOne.clientSecret]

/** joe's MFA-only sign-on to the code exchange: the tokens, the flow and its ST cookie. */
async function joe(scope = 'openid profile email offline_access') {
  const { flow, cookie } = await completeJoe(emu, { scope })
  const resumed = await resume(emu, flow, cookie)
  const code = resumed.body.authorizeResponse.code as string
  const tokens = await tokenRequest(emu, { grant_type: 'authorization_code', code }, { basic })
  return { tokens: tokens.body as Record<string, string>, flow, cookie }
}

const form = (path: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
  emu.fetch(`${emu.pingOne.issuer}/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${btoa(basic.join(':'))}`,
      ...headers,
    },
    body: new URLSearchParams(body),
  })

const userinfo = (token: string) =>
  emu.fetch(`${emu.pingOne.issuer}/userinfo`, { headers: { authorization: `Bearer ${token}` } })

const signoff = (params: Record<string, string>, cookie?: string) =>
  emu.fetch(`${emu.pingOne.issuer}/signoff?${new URLSearchParams(params)}`, {
    headers: cookie ? { cookie } : {},
    redirect: 'manual',
  })

describe('PingOne refresh with rotateRefreshTokens', () => {
  it('answers a new refresh token; the used one is invalid_grant', async () => {
    const { tokens } = await joe()
    const first = await tokenRequest(
      emu,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' },
      { basic },
    )
    expect(first.status).toBe(200)
    expect(first.body.refresh_token).not.toBe(tokens.refresh_token)
    const reused = await tokenRequest(
      emu,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' },
      { basic },
    )
    expect([reused.status, reused.body.error]).toEqual([400, 'invalid_grant'])
  })
})

describe('POST /{envId}/as/revoke and GET /{envId}/as/userinfo', () => {
  it('userinfo answers the claims of the scopes; a revoked access token is 401 invalid_token with a challenge', async () => {
    const { tokens } = await joe()
    const ok = await answer(await userinfo(tokens.access_token ?? ''))
    expect(ok.body).toMatchObject({
      sub: expect.any(String),
      preferred_username: 'joe',
      email: expect.any(String),
    })
    expect(
      (await form('revoke', { token: tokens.access_token ?? '', token_type_hint: 'access_token' })).status,
    ).toBe(200)
    const refused = await userinfo(tokens.access_token ?? '')
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
    expect((await refused.json()).error).toBe('invalid_token')
  })

  it('userinfo refuses no token, a token of another signer and one without openid', async () => {
    expect((await emu.fetch(`${emu.pingOne.issuer}/userinfo`)).status).toBe(401)
    const { privateKey } = await generateKeyPair('RS256')
    const forged = await new SignJWT({ sub: 'x', jti: 'j', iss: emu.pingOne.issuer, scope: 'openid' })
      .setProtectedHeader({ alg: 'RS256' })
      .setExpirationTime('5m')
      .sign(privateKey)
    expect((await userinfo(forged)).status).toBe(401)
    const { tokens } = await joe('openid offline_access')
    const narrowed = await tokenRequest(
      emu,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '', scope: 'offline_access' },
      { basic },
    )
    const res = await userinfo(narrowed.body.access_token)
    expect([res.status, (await res.json()).error]).toEqual([403, 'insufficient_scope'])
  })

  it('revoke: a revoked refresh token is invalid_grant; unknown tokens are 200; bad requests and clients refused', async () => {
    const { tokens } = await joe()
    expect((await form('revoke', { token: tokens.refresh_token ?? '' })).status).toBe(200)
    const refresh = await tokenRequest(
      emu,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' },
      { basic },
    )
    expect([refresh.status, refresh.body.error]).toEqual([400, 'invalid_grant'])
    expect((await form('revoke', { token: 'never-issued' })).status).toBe(200)
    const missing = await answer(await form('revoke', {}))
    expect([missing.status, missing.body.error]).toEqual([400, 'invalid_request'])
    const json = await answer(await form('revoke', {}, { 'content-type': 'application/json' }))
    expect([json.status, json.body.error]).toEqual([400, 'invalid_request'])
    const wrong = await answer(
      await form(
        'revoke',
        { token: tokens.access_token ?? '' },
        { authorization: `Basic ${btoa(`${basic[0]}:nope`)}` },
      ),
    )
    expect([wrong.status, wrong.body.error]).toEqual([401, 'invalid_client'])
    const post = emu.pingOne.applications.find((a) => a.tokenEndpointAuthMethod === 'CLIENT_SECRET_POST')
    const other = await answer(
      await form(
        'revoke',
        {
          token: tokens.access_token ?? '',
          client_id: post?.clientId ?? '',
          client_secret: post?.clientSecret ?? '',
        },
        { authorization: '' },
      ),
    )
    expect([other.status, other.body.error]).toEqual([400, 'unauthorized_client'])
  })
})

describe('GET /{envId}/as/signoff', () => {
  it('ends the session behind ST and clears the cookie: resume then fails', async () => {
    const { flow, cookie } = await completeJoe(emu)
    const res = await signoff({}, cookie)
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toMatch(/^ST=;.*Max-Age=0/)
    expect((await resume(emu, flow, cookie)).status).toBe(401)
  })

  it('refuses a foreign hint and a hint for another user than the session, keeping the session', async () => {
    const { tokens, cookie } = await joe()
    expect((await answer(await signoff({ id_token_hint: 'a.b.c' }, cookie))).body.error).toBe(
      'invalid_request',
    )
    const { privateKey } = await generateKeyPair('RS256')
    const other = await new SignJWT({
      sub: 'someone-else',
      aud: emu.pingOne.clientId,
      iss: emu.pingOne.issuer,
    })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(privateKey)
    expect((await signoff({ id_token_hint: other }, cookie)).status).toBe(400)
    // The session is still there for the right hint, which ends it and follows a registered redirect.
    const res = await signoff(
      {
        id_token_hint: tokens.id_token ?? '',
        post_logout_redirect_uri: 'http://localhost:3000/callback',
        state: 'x',
      },
      cookie,
    )
    expect([res.status, res.headers.get('location')]).toEqual([302, 'http://localhost:3000/callback?state=x'])
    expect(res.headers.get('set-cookie')).toMatch(/^ST=;/)
  })

  it('the discovery document lists userinfo, revocation and signoff', async () => {
    const doc = await (await emu.fetch(`${emu.pingOne.issuer}/.well-known/openid-configuration`)).json()
    expect(doc).toMatchObject({
      userinfo_endpoint: `${emu.pingOne.issuer}/userinfo`,
      revocation_endpoint: `${emu.pingOne.issuer}/revoke`,
      end_session_endpoint: `${emu.pingOne.issuer}/signoff`,
    })
  })
})
