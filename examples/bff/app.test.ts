import { toughCookieJar } from '@redirectless/core/cookies'
import { createEmulator } from '@redirectless/emulator'
import { loginHintTokenFromSecret } from '@redirectless/orchestrator'
import { createPingFederateClient } from '@redirectless/pingfederate'
import { createPingOneClient } from '@redirectless/pingone'
import { describe, expect, it } from 'vitest'
import { createBffApp } from './app.js'

/**
 * The emulator's fetch, noting what only the BFF may ever hold: Ping's cookies, the codes and
 * tokens it is given, the PKCE verifiers it sends.
 */
function harvesting(emu: ReturnType<typeof createEmulator>, held: Set<string>): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init)
    const sent = await request.clone().text()
    for (const [name, value] of new URLSearchParams(sent))
      if (/verifier|code|secret/.test(name)) held.add(value)
    const response = await emu.fetch(request)
    for (const c of response.headers.getSetCookie())
      held.add(c.split(';')[0]?.split('=').slice(1).join('=') ?? '')
    try {
      const body = (await response.clone().json()) as Record<string, unknown>
      const answer = body.authorizeResponse as Record<string, unknown> | undefined
      for (const value of [body.access_token, body.id_token, body.refresh_token, answer?.code]) {
        if (typeof value === 'string') held.add(value)
      }
    } catch {
      // Not JSON: nothing handed out.
    }
    return response
  }
}

function browserAgainstBff(options: { readonly secureCookies?: boolean } = {}) {
  const emu = createEmulator()
  const held = new Set<string>()
  const serverFetch = harvesting(emu, held)
  const app = createBffApp({
    sealingKey: 'test sealing passphrase, 32+ characters long',
    origins: ['http://bff.test'],
    secureCookies: options.secureCookies ?? false,
    longPollMs: 3_000,
    login: {
      pingFederate: createPingFederateClient({
        baseUrl: emu.pingFederate.baseUrl,
        clientId: emu.pingFederate.clientId,
        fetch: serverFetch,
        cookies: toughCookieJar,
      }),
      pingOne: createPingOneClient({
        authBaseUrl: emu.pingOne.authBaseUrl,
        environmentId: emu.pingOne.environmentId,
        clientId: emu.pingOne.clientId,
        clientSecret: emu.pingOne.clientSecret,
        fetch: serverFetch,
        cookies: toughCookieJar,
      }),
      loginHintToken: loginHintTokenFromSecret({
        issuer: emu.pingOne.loginHintIssuer.clientId,
        secret: emu.pingOne.loginHintIssuer.secret,
        audience: emu.pingOne.issuer,
      }),
      pingOneParams: { acrValues: emu.pingOne.mfaOnlyAcrValues },
    },
  })
  // The browser: a cookie jar, and nothing but the BFF's JSON.
  const jar = toughCookieJar.create()
  const browserFetch = jar.wrap(async (input, init) => app.fetch(new Request(input, init)))
  const seen: string[] = []
  const call = async (path: string, body?: unknown) => {
    const response = await browserFetch(`http://bff.test${path}`, {
      method: path === '/me' ? 'GET' : 'POST',
      // What a browser sends with a same-origin fetch() of JSON.
      headers: { 'content-type': 'application/json', origin: 'http://bff.test' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    seen.push(text)
    return JSON.parse(text) as Record<string, unknown> & {
      model?: { _embedded?: { devices?: { id: string; type: string }[] } }
    }
  }
  return { emu, app, call, seen, jar, held }
}

describe('the BFF example', () => {
  it('signs joe in across requests, the browser holding only a login id and a sealed session', async () => {
    const { emu, call, seen, jar, held } = browserAgainstBff()
    expect(await call('/login/start')).toMatchObject({
      phase: 'input',
      stage: 'pingFederate',
      status: 'USERNAME_PASSWORD_REQUIRED',
    })
    const wrong = await call('/login/submit', {
      action: 'checkUsernamePassword',
      body: { username: 'joe', password: 'nope-nope' },
    })
    expect(wrong).toMatchObject({ phase: 'input', error: { code: 'FLOW_ERROR' } })
    expect(
      await call('/login/submit', {
        action: 'checkUsernamePassword',
        body: { username: 'joe', password: '2FederateM0re' },
      }),
    ).toMatchObject({
      stage: 'pingOne',
      status: 'OTP_REQUIRED',
    })
    const otp = emu.outbox.last('joe')?.otp
    const done = await call('/login/submit', { action: 'otp.check', body: { otp } })
    expect(done).toMatchObject({ phase: 'done', user: { sub: 'joe' } })
    expect(await call('/me')).toMatchObject({
      sub: 'joe',
      pingOneSub: emu.pingOne.users.find((u) => u.username === 'joe')?.id,
    })
    // Nothing secret ever reached the browser's JSON; its cookies are sealed.
    const everything = seen.join('\n') + (await jar.cookieString('http://bff.test/'))
    // Nor did a token, a code, a PKCE verifier or a cookie of Ping's, at any step.
    expect(held.size).toBeGreaterThan(5)
    for (const secret of [
      '2FederateM0re',
      String(otp),
      emu.pingOne.clientSecret,
      emu.pingOne.loginHintIssuer.secret,
      ...[...held].filter((value) => value.length > 8),
    ]) {
      expect(everything).not.toContain(secret)
    }
  })

  it('long-polls a push for ann', async () => {
    const { emu, call } = browserAgainstBff()
    await call('/login/start')
    const selecting = await call('/login/submit', {
      action: 'checkUsernamePassword',
      body: { username: 'ann', password: '2FederateM0re' },
    })
    const mobile = selecting.model?._embedded?.devices?.find((d) => d.type === 'MOBILE')
    const waiting = await call('/login/submit', {
      action: 'device.select',
      body: { device: { id: mobile?.id } },
    })
    expect(waiting).toMatchObject({ phase: 'waiting', status: 'PUSH_CONFIRMATION_REQUIRED' })
    setTimeout(() => emu.push.approve('ann'), 200)
    expect(await call('/login/wait')).toMatchObject({ phase: 'done', user: { sub: 'ann' } })
  })

  it('refuses a submit without a login, and a forged cookie', async () => {
    const { call } = browserAgainstBff()
    expect(await call('/login/submit', { action: 'x' })).toMatchObject({ error: { code: 'NO_LOGIN' } })
  })
})
