import { toughCookieJar } from '@redirectless/core/cookies'
import type { Emulator } from '@redirectless/emulator'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type CookieJarProvider,
  type IdTokenClaims,
  isRedirectlessError,
  type PingFederateClient,
} from '../src/index.js'
import { emulator, MODES, PASSWORD, pfClient, pfServerClient, recordingFetch } from './helpers.js'

async function login(
  pf: PingFederateClient,
  username = 'joe',
  scope = 'openid profile email offline_access',
) {
  const flow = await pf.startFlow({ scope })
  if (flow.state.status !== 'USERNAME_PASSWORD_REQUIRED') throw new Error(`unexpected ${flow.state.status}`)
  await flow.submit('checkUsernamePassword', { username, password: PASSWORD })
  const result = await flow.complete()
  return { flow, ...result }
}

/** The coded error a promise rejects with. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!isRedirectlessError(error)) throw new Error(`expected a RedirectlessError, got ${String(error)}`)
  return error
}

describe.each(MODES)('PingFederate token lifecycle (%s)', (mode) => {
  let emu: Emulator | undefined
  afterEach(async () => {
    await emu?.close()
    emu = undefined
  })

  it('refreshes with rotation: new tokens, the id_token validated for the same user, the old refresh token refused', async () => {
    emu = await emulator(mode)
    const pf = pfClient(emu, mode)
    const first = await login(pf)
    const refreshToken = first.tokens.refresh_token as string
    const renewed = await pf.refresh(refreshToken, { originalClaims: first.claims })
    expect(renewed.claims?.sub).toBe('joe')
    expect(renewed.claims?.auth_time).toBe(first.claims?.auth_time)
    expect(renewed.tokens.access_token).not.toBe(first.tokens.access_token)
    expect(renewed.tokens.refresh_token).toBeTypeOf('string')
    expect(renewed.tokens.refresh_token).not.toBe(refreshToken)
    const reused = await refusal(pf.refresh(refreshToken))
    expect([reused.code, reused.server?.code, reused.status]).toEqual(['TOKEN_ERROR', 'invalid_grant', 400])
    expect(JSON.stringify(reused)).not.toContain(refreshToken)
    expect(reused.message).not.toContain(refreshToken)
    // The rotated one works once more.
    await expect(pf.refresh(renewed.tokens.refresh_token as string)).resolves.toMatchObject({
      claims: { sub: 'joe' },
    })
  })

  it('without rotation the refresh token is kept and keeps working', async () => {
    emu = await emulator(mode, { pingFederate: { rotateRefreshTokens: false } })
    const pf = pfClient(emu, mode)
    const { tokens } = await login(pf)
    const renewed = await pf.refresh(tokens.refresh_token as string)
    expect(renewed.tokens.refresh_token).toBe(tokens.refresh_token)
    await expect(pf.refresh(tokens.refresh_token as string)).resolves.toBeDefined()
  })

  it('narrows the scope on refresh, and refuses a wider one with invalid_scope', async () => {
    emu = await emulator(mode)
    const pf = pfClient(emu, mode)
    const { tokens } = await login(pf, 'joe', 'openid email offline_access')
    const narrowed = await pf.refresh(tokens.refresh_token as string, { scope: ['openid'] })
    expect(narrowed.tokens.scope).toBe('openid')
    const wider = await refusal(
      pf.refresh(narrowed.tokens.refresh_token as string, { scope: 'openid profile' }),
    )
    expect([wider.code, wider.server?.code]).toEqual(['TOKEN_ERROR', 'invalid_scope'])
  })

  it('refuses a refreshed id_token about another user than the original', async () => {
    emu = await emulator(mode)
    const pf = pfClient(emu, mode)
    const { tokens, claims } = await login(pf)
    const other = { ...(claims as IdTokenClaims), sub: 'ann' }
    const error = await refusal(pf.refresh(tokens.refresh_token as string, { originalClaims: other }))
    expect(error.code).toBe('ID_TOKEN_INVALID')
    expect(error.message).toContain('sub')
  })

  it('userinfo returns the claims; a revoked access token is refused there with invalid_token', async () => {
    emu = await emulator(mode)
    const pf = pfClient(emu, mode)
    const { tokens, claims } = await login(pf)
    const info = await pf.userinfo(tokens.access_token, { subject: claims?.sub })
    expect(info).toMatchObject({ sub: 'joe', email: 'joe@example.com' })
    await pf.revoke(tokens.access_token, { tokenTypeHint: 'access_token' })
    const refused = await refusal(pf.userinfo(tokens.access_token))
    expect([refused.code, refused.server?.code, refused.status]).toEqual([
      'TOKEN_ERROR',
      'invalid_token',
      401,
    ])
    expect(refused.message).not.toContain(tokens.access_token)
    // Revoking again is not an error (RFC 7009 §2.2).
    await expect(pf.revoke(tokens.access_token)).resolves.toBeUndefined()
  })

  it('an expired refresh token is invalid_grant, an expired access token invalid_token', async () => {
    emu = await emulator(mode)
    const clock = emu.clock
    const pf = pfClient(emu, mode, { now: () => clock.now() })
    const { tokens } = await login(pf)
    clock.advance(25 * 3600 * 1000)
    const refresh = await refusal(pf.refresh(tokens.refresh_token as string))
    expect([refresh.code, refresh.server?.code]).toEqual(['TOKEN_ERROR', 'invalid_grant'])
    const info = await refusal(pf.userinfo(tokens.access_token))
    expect([info.code, info.server?.code, info.status]).toEqual(['TOKEN_ERROR', 'invalid_token', 401])
  })

  it('userinfo refuses an answer about another subject', async () => {
    emu = await emulator(mode)
    const pf = pfClient(emu, mode)
    const { tokens } = await login(pf)
    const error = await refusal(pf.userinfo(tokens.access_token, { subject: 'ann' }))
    expect(error.code).toBe('TOKEN_ERROR')
  })

  it('a revoked refresh token is refused at refresh with invalid_grant', async () => {
    emu = await emulator(mode)
    const pf = pfClient(emu, mode)
    const { tokens } = await login(pf)
    await pf.revoke(tokens.refresh_token as string, { tokenTypeHint: 'refresh_token' })
    const error = await refusal(pf.refresh(tokens.refresh_token as string))
    expect([error.code, error.server?.code]).toEqual(['TOKEN_ERROR', 'invalid_grant'])
  })

  it('authenticates refresh and revocation as configured: Basic, client_secret_jwt and private_key_jwt', async () => {
    emu = await emulator(mode)
    const jwt = emu.pingFederate.jwtClient
    const pk = emu.pingFederate.privateKeyJwtClient
    if (!jwt || !pk) throw new Error('the default clients are missing')
    const bff = emu.pingFederate.bffClient
    if (!bff) throw new Error('the default clients are missing')
    const { fetch, seen } = recordingFetch(emu, mode)
    const clients = [
      pfServerClient(emu, mode, { clientId: bff.clientId, clientSecret: bff.clientSecret, fetch }),
      pfServerClient(emu, mode, {
        clientId: jwt.clientId,
        clientSecret: jwt.clientSecret,
        tokenEndpointAuthMethod: 'client_secret_jwt',
        fetch,
      }),
      pfServerClient(emu, mode, { clientId: pk.clientId, clientPrivateKey: { key: pk.privateKey }, fetch }),
    ]
    for (const pf of clients) {
      const { tokens } = await login(pf)
      const renewed = await pf.refresh(tokens.refresh_token as string)
      await pf.revoke(renewed.tokens.refresh_token as string)
      const error = await refusal(pf.refresh(renewed.tokens.refresh_token as string))
      expect(error.server?.code).toBe('invalid_grant')
    }
    const revocations = seen.filter((r) => r.url.endsWith('/as/revoke_token.oauth2'))
    expect(revocations).toHaveLength(3)
    expect(revocations[0]?.headers.get('authorization')).toMatch(/^Basic /)
    expect(revocations[1]?.body).toContain('client_assertion=')
    expect(revocations[2]?.body).toContain('client_assertion=')
  })

  it('a wrong client secret is invalid_client at refresh and at revocation', async () => {
    emu = await emulator(mode)
    const bff = emu.pingFederate.bffClient
    if (!bff) throw new Error('the default clients are missing')
    const good = pfServerClient(emu, mode, { clientId: bff.clientId, clientSecret: bff.clientSecret })
    const { tokens } = await login(good)
    const bad = pfServerClient(emu, mode, {
      clientId: bff.clientId,
      clientSecret: `${bff.clientSecret}-wrong`,
    })
    for (const call of [
      () => bad.refresh(tokens.refresh_token as string),
      () => bad.revoke(tokens.access_token),
    ]) {
      const error = await refusal(call())
      expect([error.code, error.server?.code, error.status]).toEqual(['TOKEN_ERROR', 'invalid_client', 401])
    }
  })

  it('signOff ends the SSO session: the next startFlow asks for the password again', async () => {
    emu = await emulator(mode)
    // One jar for every flow, as a browser has: the second flow would otherwise sign in by SSO.
    const jar = toughCookieJar.create()
    const shared: CookieJarProvider = { kind: 'shared', create: () => jar, restore: () => jar }
    const pf = pfClient(emu, mode, { cookies: shared })
    const { tokens } = await login(pf)
    const sso = await pf.startFlow({ scope: 'openid' })
    expect(sso.state.status).toBe('COMPLETED')
    const out = await pf.signOff({ idTokenHint: tokens.id_token })
    expect(out).toEqual({})
    const next = await pf.startFlow({ scope: 'openid' })
    expect(next.state.status).toBe('USERNAME_PASSWORD_REQUIRED')
  })

  it('signOff with the saved flow cookies on a per-flow jar, and a registered post-logout redirect', async () => {
    emu = await emulator(mode)
    const pf = pfClient(emu, mode)
    const { flow, tokens } = await login(pf)
    const cookies = flow.toJSON().cookies
    // Without a hint PF asks the user to confirm: the session stays.
    await pf.signOff({ cookies })
    const again = pf.restoreFlow({ ...flow.toJSON() })
    expect(again.state.status).toBe('COMPLETED')
    const out = await pf.signOff({
      idTokenHint: tokens.id_token,
      cookies,
      postLogoutRedirectUri: 'http://localhost:3000/callback',
      state: 'bye',
    })
    expect(out.redirectedTo).toBe('http://localhost:3000/callback?state=bye')
  })

  it('the discovery document names the lifecycle endpoints', async () => {
    emu = await emulator(mode)
    const f = mode === 'http' ? globalThis.fetch : emu.fetch
    const doc = (await (
      await f(`${emu.pingFederate.baseUrl}/.well-known/openid-configuration`)
    ).json()) as Record<string, string>
    const base = emu.pingFederate.baseUrl
    expect(doc).toMatchObject({
      revocation_endpoint: `${base}/as/revoke_token.oauth2`,
      userinfo_endpoint: `${base}/idp/userinfo.openid`,
      end_session_endpoint: `${base}/idp/init_logout.openid`,
      ping_end_session_endpoint: `${base}/idp/startSLO.ping`,
    })
  })

  it('an aborted or timed-out call is ABORTED or TIMEOUT, with nothing sent after an early abort', async () => {
    emu = await emulator(mode)
    const pf = pfClient(emu, mode)
    const { tokens } = await login(pf)
    const controller = new AbortController()
    controller.abort()
    for (const call of [
      () => pf.refresh(tokens.refresh_token as string, { signal: controller.signal }),
      () => pf.revoke(tokens.access_token, { signal: controller.signal }),
      () => pf.userinfo(tokens.access_token, { signal: controller.signal }),
      () => pf.signOff({ signal: controller.signal }),
    ]) {
      expect((await refusal(call())).code).toBe('ABORTED')
    }
    // The refresh token was not spent by the aborted call.
    await expect(pf.refresh(tokens.refresh_token as string)).resolves.toBeDefined()
    const slow = pfClient(emu, mode, {
      fetch: (_input, init) =>
        new Promise((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
    })
    expect((await refusal(slow.userinfo(tokens.access_token, { timeout: 50 }))).code).toBe('TIMEOUT')
  })

  it('refuses empty tokens and a bad hint before sending anything', async () => {
    emu = await emulator(mode)
    const { fetch, seen } = recordingFetch(emu, mode)
    const pf2 = pfClient(emu, mode, { fetch })
    for (const call of [
      () => pf2.refresh(''),
      () => pf2.revoke(''),
      () => pf2.userinfo(''),
      () => pf2.revoke('x', { tokenTypeHint: 'id_token' as never }),
    ]) {
      expect((await refusal(call())).code).toBe('INVALID_ARGUMENT')
    }
    expect(seen).toHaveLength(0)
  })
})
