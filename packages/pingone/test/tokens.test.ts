import { toughCookieJar } from '@redirectless/core/cookies'
import { defaultPingOneConfig } from '@redirectless/emulator'
import { exportJWK, generateKeyPair } from 'jose'
import { describe, expect, it } from 'vitest'
import { isRedirectlessError, type PingOneClient, type RedirectlessError } from '../src/index.js'
import { type Harness, MODES, rejection, useEmulator } from './support/emulator.js'

const PASSWORD = '2FederateM0re'

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

  it('SSO: a second startFlow with the same jar completes without the password; signOff ends it', async () => {
    // One jar per end user (a device's storage): ST from the first sign-on goes with the next flows.
    const joesJar = toughCookieJar.create()
    const p1 = h.client({ cookies: { kind: 'per-user', create: () => joesJar, restore: () => joesJar } })
    const first = await p1.startFlow({ scope: 'openid profile', acrValues: 'Single_Factor' })
    expect(first.state.status).toBe('USERNAME_PASSWORD_REQUIRED')
    await first.submit('usernamePassword.check', { username: 'joe', password: PASSWORD })
    const signedOn = await first.complete()

    const second = await p1.startFlow({ scope: 'openid profile', acrValues: 'Single_Factor' })
    expect(second.state.status).toBe('COMPLETED')
    const again = await second.complete()
    expect(again.claims?.sub).toBe(signedOn.claims?.sub)
    expect(again.claims?.auth_time).toBe(signedOn.claims?.auth_time)
    // The policy's MFA step is not part of the SSO: it is asked again.
    const mfa = await p1.startFlow({ scope: 'openid', acrValues: 'Multi_Factor' })
    expect(mfa.state.status).toBe('OTP_REQUIRED')

    await p1.signOff({ cookies: second.toJSON().cookies, idTokenHint: again.tokens.id_token })
    const third = await p1.startFlow({ scope: 'openid profile', acrValues: 'Single_Factor' })
    expect(third.state.status).toBe('USERNAME_PASSWORD_REQUIRED')
  })

  it('SSO leaves the MFA-only step-up as it was: the OTP is asked with the session cookie', async () => {
    const joesJar = toughCookieJar.create()
    const p1 = h.client({ cookies: { kind: 'per-user', create: () => joesJar, restore: () => joesJar } })
    const first = await p1.startFlow({ scope: 'openid', acrValues: 'Single_Factor' })
    await first.submit('usernamePassword.check', { username: 'joe', password: PASSWORD })
    await first.complete()
    const stepUp = await login(h, p1)
    expect(stepUp.state.status).toBe('COMPLETED')
    expect((await stepUp.complete()).claims?.amr).toContain('mfa')
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

describe.each(MODES)('PingOne expiry (%s)', (mode) => {
  const h = useEmulator(mode)

  it('an expired refresh token is invalid_grant, an expired access token invalid_token', async () => {
    const p1 = h.client()
    const { tokens } = await (await login(h, p1)).complete()
    h.emu.clock.advance(31 * 24 * 3600 * 1000)
    const refresh = await refusal(p1.refresh(tokens.refresh_token as string))
    expect([refresh.code, refresh.server?.code]).toEqual(['TOKEN_ERROR', 'invalid_grant'])
    const info = await refusal(p1.userinfo(tokens.access_token))
    expect([info.code, info.server?.code, info.status]).toEqual(['TOKEN_ERROR', 'invalid_token', 401])
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

const { privateKey: p1Key, publicKey: p1Public } = await generateKeyPair('ES256', { extractable: true })
const web = defaultPingOneConfig.applications[0]
if (!web) throw new Error('the default applications are missing')
const { clientSecret: _secret, ...publicWeb } = web
const JWT_SECRET = 'a-client-secret-jwt-secret-of-more-than-32-bytes'
const jwtApps = [
  { ...web, id: 'jwt-app', clientSecret: JWT_SECRET, tokenEndpointAuthMethod: 'CLIENT_SECRET_JWT' as const },
  {
    ...publicWeb,
    id: 'pk-app',
    tokenEndpointAuthMethod: 'PRIVATE_KEY_JWT' as const,
    jwks: { keys: [{ ...(await exportJWK(p1Public)), kid: 'pk-1', alg: 'ES256' }] },
  },
]

describe.each(MODES)('PingOne client_secret_jwt and private_key_jwt (%s)', (mode) => {
  const h = useEmulator(mode, {
    pingOne: { applications: [...defaultPingOneConfig.applications, ...jwtApps] },
  })

  it('exchange the code, refresh and revoke with a fresh client_assertion each time', async () => {
    const clients = [
      h.client({
        clientId: 'jwt-app',
        clientSecret: JWT_SECRET,
        tokenEndpointAuthMethod: 'client_secret_jwt',
      }),
      h.client({
        clientId: 'pk-app',
        clientSecret: undefined,
        clientPrivateKey: { key: await exportJWK(p1Key), kid: 'pk-1' },
      }),
    ]
    for (const p1 of clients) {
      const { tokens, claims } = await (await login(h, p1)).complete()
      expect(claims?.aud).toBe(p1.clientId)
      const renewed = await p1.refresh(tokens.refresh_token as string, { originalClaims: claims })
      expect(renewed.claims?.sub).toBe(claims?.sub)
      await p1.revoke(tokens.refresh_token as string)
      const error = await refusal(p1.refresh(tokens.refresh_token as string))
      expect(error.server?.code).toBe('invalid_grant')
    }
  })

  it('a wrong secret or key is invalid_client', async () => {
    const wrong = h.client({
      clientId: 'jwt-app',
      clientSecret: `${JWT_SECRET}-but-not-this-one`,
      tokenEndpointAuthMethod: 'client_secret_jwt',
    })
    const error = await refusal(wrong.revoke('any-token'))
    expect([error.code, error.server?.code, error.status]).toEqual(['TOKEN_ERROR', 'invalid_client', 401])
  })

  it('the browser entry refuses the assertion methods at once, naming the Node entry', async () => {
    const { createPingOneClient } = await import('../src/index.js')
    expect(() =>
      createPingOneClient({
        authBaseUrl: h.emu.pingOne.authBaseUrl,
        environmentId: h.emu.pingOne.environmentId,
        clientId: 'jwt-app',
        clientSecret: JWT_SECRET,
        tokenEndpointAuthMethod: 'client_secret_jwt',
      }),
    ).toThrow(/Node entry/)
  })
})
