import { describe, expect, it } from 'vitest'
import { isRedirectlessError, type PingOneClient, type RedirectlessError } from '../src/index.js'
import { type Harness, MODES, rejection, useEmulator } from './support/emulator.js'

/** An MFA-only login for joe (SMS OTP); `finish: false` stops at COMPLETED, before resume. */
async function login(h: Harness, p1: PingOneClient, scope = 'openid profile email offline_access') {
  const flow = await p1.startFlow({
    scope,
    acrValues: 'MFA-Only',
    loginHintToken: await h.loginHintToken('joe'),
  })
  if (flow.state.status !== 'OTP_REQUIRED') throw new Error(`unexpected ${flow.state.status}`)
  await flow.submit('otp.check', { otp: h.emu.outbox.last('joe')?.otp ?? '' })
  return flow
}

async function refusal(promise: Promise<unknown>): Promise<RedirectlessError> {
  const error = await rejection(promise)
  if (!isRedirectlessError(error)) throw new Error(`expected a RedirectlessError, got ${String(error)}`)
  return error
}

describe.each(MODES)('PingOne token lifecycle (%s)', (mode) => {
  const h = useEmulator(mode)

  it('refreshes: new access token, the id_token validated for the same user; the refresh token stays (no rotation)', async () => {
    const p1 = h.client()
    const first = await (await login(h, p1)).complete()
    const refreshToken = first.tokens.refresh_token as string
    expect(refreshToken).toBeTypeOf('string')
    const renewed = await p1.refresh(refreshToken, { originalClaims: first.claims })
    expect(renewed.claims?.sub).toBe(h.userId('joe'))
    expect(renewed.claims?.auth_time).toBe(first.claims?.auth_time)
    expect(renewed.tokens.refresh_token).toBe(refreshToken)
    await expect(p1.refresh(refreshToken)).resolves.toBeDefined()
  })

  it('userinfo returns the claims of the scopes; a revoked access token is refused there (401 invalid_token)', async () => {
    const p1 = h.client()
    const { tokens, claims } = await (await login(h, p1)).complete()
    const info = await p1.userinfo(tokens.access_token, { subject: claims?.sub })
    expect(info).toMatchObject({ sub: h.userId('joe'), preferred_username: 'joe' })
    expect(info.email).toContain('@')
    await p1.revoke(tokens.access_token, { tokenTypeHint: 'access_token' })
    const error = await refusal(p1.userinfo(tokens.access_token))
    expect([error.code, error.server?.code, error.status]).toEqual(['TOKEN_ERROR', 'invalid_token', 401])
    expect(JSON.stringify(error)).not.toContain(tokens.access_token)
  })

  it('a revoked refresh token is refused at refresh with invalid_grant; revoking again is fine', async () => {
    const p1 = h.client()
    const { tokens } = await (await login(h, p1)).complete()
    const refreshToken = tokens.refresh_token as string
    await p1.revoke(refreshToken, { tokenTypeHint: 'refresh_token' })
    await expect(p1.revoke(refreshToken)).resolves.toBeUndefined()
    const error = await refusal(p1.refresh(refreshToken))
    expect([error.code, error.server?.code, error.status]).toEqual(['TOKEN_ERROR', 'invalid_grant', 400])
    expect(error.message).not.toContain(refreshToken)
  })

  it('another application may not revoke the token, nor refresh without the grant type', async () => {
    const p1 = h.client()
    const { tokens } = await (await login(h, p1)).complete()
    const post = h.emu.pingOne.applications.find((a) => a.tokenEndpointAuthMethod === 'CLIENT_SECRET_POST')
    if (!post?.clientSecret) throw new Error('the default applications are missing')
    const other = h.client({
      clientId: post.clientId,
      clientSecret: post.clientSecret,
      tokenEndpointAuthMethod: 'client_secret_post',
    })
    const revoke = await refusal(other.revoke(tokens.refresh_token as string))
    expect([revoke.code, revoke.server?.code]).toEqual(['TOKEN_ERROR', 'unauthorized_client'])
    const refresh = await refusal(other.refresh(tokens.refresh_token as string))
    expect([refresh.code, refresh.server?.code]).toEqual(['TOKEN_ERROR', 'unauthorized_client'])
  })

  it('a wrong client secret is invalid_client', async () => {
    const p1 = h.client()
    const { tokens } = await (await login(h, p1)).complete()
    const bad = h.client({ clientSecret: 'not-the-secret-of-this-application-at-all' })
    for (const call of [
      () => bad.refresh(tokens.refresh_token as string),
      () => bad.revoke(tokens.access_token),
    ]) {
      const error = await refusal(call())
      expect([error.code, error.server?.code, error.status]).toEqual(['TOKEN_ERROR', 'invalid_client', 401])
    }
  })

  it('signOff ends the session behind ST: the completed flow can no longer resume', async () => {
    const p1 = h.client()
    const flow = await login(h, p1)
    const out = await p1.signOff({ cookies: flow.toJSON().cookies })
    expect(out).toEqual({})
    const error = await refusal(flow.complete())
    expect(error.code).not.toBe('TOKEN_ERROR')
    expect(error.status).toBe(401)
  })

  it('signOff with the id_token_hint and a registered post-logout redirect', async () => {
    const p1 = h.client()
    const flow = await login(h, p1)
    const { tokens } = await flow.complete()
    const out = await p1.signOff({
      idTokenHint: tokens.id_token,
      cookies: flow.toJSON().cookies,
      postLogoutRedirectUri: 'http://localhost:3000/callback',
      state: 'bye',
    })
    expect(out.redirectedTo).toBe('http://localhost:3000/callback?state=bye')
  })

  it('signOff refuses a hint that is not an id_token of this environment (TOKEN_ERROR invalid_request)', async () => {
    const error = await refusal(h.client().signOff({ idTokenHint: 'a.b.c' }))
    expect([error.code, error.server?.code, error.status]).toEqual(['TOKEN_ERROR', 'invalid_request', 400])
  })

  it('the discovery document names the lifecycle endpoints', async () => {
    const f = mode === 'http' ? globalThis.fetch : h.emu.fetch
    const issuer = h.client().issuer
    const doc = (await (await f(`${issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      string
    >
    expect(doc).toMatchObject({
      userinfo_endpoint: `${issuer}/userinfo`,
      revocation_endpoint: `${issuer}/revoke`,
      end_session_endpoint: `${issuer}/signoff`,
    })
  })

  it('an aborted call is ABORTED and spends nothing', async () => {
    const p1 = h.client()
    const { tokens } = await (await login(h, p1)).complete()
    const controller = new AbortController()
    controller.abort()
    for (const call of [
      () => p1.refresh(tokens.refresh_token as string, { signal: controller.signal }),
      () => p1.revoke(tokens.refresh_token as string, { signal: controller.signal }),
      () => p1.userinfo(tokens.access_token, { signal: controller.signal }),
      () => p1.signOff({ signal: controller.signal }),
    ]) {
      expect((await refusal(call())).code).toBe('ABORTED')
    }
    await expect(p1.refresh(tokens.refresh_token as string)).resolves.toBeDefined()
  })
})

describe.each(MODES)('PingOne refresh token rotation (%s)', (mode) => {
  const h = useEmulator(mode, { pingOne: { rotateRefreshTokens: true } })

  it('each refresh answers a new refresh token; the used one is invalid_grant', async () => {
    const p1 = h.client()
    const { tokens, claims } = await (await login(h, p1)).complete()
    const first = tokens.refresh_token as string
    const renewed = await p1.refresh(first, { originalClaims: claims })
    const second = renewed.tokens.refresh_token as string
    expect(second).not.toBe(first)
    const reused = await refusal(p1.refresh(first))
    expect([reused.code, reused.server?.code]).toEqual(['TOKEN_ERROR', 'invalid_grant'])
    const narrowed = await p1.refresh(second, { scope: 'openid' })
    expect(narrowed.tokens.scope).toBe('openid')
    // The rotated token keeps the whole grant, whatever the last call narrowed.
    const wide = await p1.refresh(narrowed.tokens.refresh_token as string)
    expect(wide.tokens.scope).toBe('openid profile email offline_access')
  })
})
