/**
 * Regressions from the attack pass on the BFF example (issue 11, items 1, 2 and 9): one request with
 * the wrong sealed value crashed the process, a session cookie and a login cookie could stand in for
 * each other (MFA bypassed), a cross-origin `text/plain` POST was taken, and a malformed body was
 * logged. The example must answer every one of these with a 4xx and keep running.
 */
import { createEmulator } from '@redirectless/emulator'
import { loginHintTokenFromSecret, seal, sealSnapshot } from '@redirectless/orchestrator'
import { createPingFederateClient } from '@redirectless/pingfederate'
import { createPingOneClient } from '@redirectless/pingone'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createBffApp } from '../../../examples/bff/app.js'

const ORIGIN = 'http://bff.test'
const KEY = 'regression sealing passphrase, 32+ characters'
const PASSWORD = '2FederateM0re'

function bff(secureCookies = false) {
  const emu = createEmulator()
  const app = createBffApp({
    sealingKey: KEY,
    origins: [ORIGIN],
    secureCookies,
    longPollMs: 2_000,
    login: {
      pingFederate: createPingFederateClient({
        baseUrl: emu.pingFederate.baseUrl,
        clientId: emu.pingFederate.clientId,
        fetch: emu.fetch,
      }),
      pingOne: createPingOneClient({
        authBaseUrl: emu.pingOne.authBaseUrl,
        environmentId: emu.pingOne.environmentId,
        clientId: emu.pingOne.clientId,
        clientSecret: emu.pingOne.clientSecret,
        fetch: emu.fetch,
      }),
      loginHintToken: loginHintTokenFromSecret({
        issuer: emu.pingOne.loginHintIssuer.clientId,
        secret: emu.pingOne.loginHintIssuer.secret,
        audience: emu.pingOne.issuer,
      }),
      pingOneParams: { acrValues: emu.pingOne.mfaOnlyAcrValues },
    },
  })
  // A browser reduced to what matters here: the cookies it was given, sent back as they are.
  const cookies = new Map<string, string>()
  const request = async (
    path: string,
    init: {
      body?: string
      headers?: Record<string, string>
      /** Cookies to send instead of the browser's; the answer's cookies are then not kept. */
      cookies?: Record<string, string>
    } = {},
  ) => {
    const jar = init.cookies ?? Object.fromEntries(cookies)
    const response = await app.fetch(
      new Request(`${ORIGIN}${path}`, {
        method: path === '/me' ? 'GET' : 'POST',
        headers: {
          'content-type': 'application/json',
          origin: ORIGIN,
          ...init.headers,
          ...(Object.keys(jar).length > 0 && {
            cookie: Object.entries(jar)
              .map(([k, v]) => `${k}=${v}`)
              .join('; '),
          }),
        },
        ...(init.body !== undefined && { body: init.body }),
      }),
    )
    for (const line of init.cookies ? [] : response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at)
      const value = pair.slice(at + 1)
      if (value === '' || /max-age=0/i.test(line)) cookies.delete(name)
      else cookies.set(name, value)
    }
    return { status: response.status, json: (await response.json()) as Record<string, unknown>, response }
  }
  const submit = (action: string, body: unknown) =>
    request('/login/submit', { body: JSON.stringify({ action, body }) })
  return { emu, app, cookies, request, submit }
}

let errors: unknown[] = []
const onUncaught = (error: unknown) => errors.push(error)
beforeEach(() => {
  errors = []
  process.on('uncaughtException', onUncaught)
  process.on('unhandledRejection', onUncaught)
})
afterEach(async () => {
  // A crash would surface from a timer after the answer: give it the chance to.
  await new Promise((resolve) => setTimeout(resolve, 50))
  process.off('uncaughtException', onUncaught)
  process.off('unhandledRejection', onUncaught)
  expect(errors).toEqual([])
})

describe('the BFF example survives any cookie value, swap or replay', () => {
  it('refuses the session cookie sent back as the login cookie (it crashed the process)', async () => {
    const { cookies, request, submit, emu } = bff()
    await request('/login/start')
    await submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    const done = await submit('otp.check', { otp: emu.outbox.last('joe')?.otp })
    expect(done.json).toMatchObject({ phase: 'done' })
    const session = cookies.get('app_session') as string
    const swapped = await submit('otp.check', { otp: '000000' }).then(() =>
      request('/login/submit', {
        body: JSON.stringify({ action: 'otp.check', body: { otp: '1' } }),
        cookies: { hybrid_login: session },
      }),
    )
    expect(swapped.status).toBe(409)
    expect(swapped.json).toMatchObject({ error: { code: 'NO_LOGIN' } })
  })

  it('refuses the login cookie sent as the session cookie (it answered /me with tokens after the password alone)', async () => {
    const { cookies, request, submit } = bff()
    await request('/login/start')
    const atMfa = await submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    expect(atMfa.json).toMatchObject({ stage: 'pingOne', status: 'OTP_REQUIRED' })
    const login = cookies.get('hybrid_login') as string
    const me = await request('/me', { cookies: { app_session: login } })
    expect(me.status).toBe(401)
    expect(JSON.stringify(me.json)).not.toMatch(/token|cookie|verifier|vault/i)
  })

  it('answers garbage, truncated, foreign and well-sealed non-logins with a 4xx', async () => {
    const { cookies, request } = bff()
    await request('/login/start')
    const real = cookies.get('hybrid_login') as string
    const values = [
      'garbage',
      '',
      real.slice(0, -5),
      `${real}x`,
      real.split('').reverse().join(''),
      await seal({ status: 'active' }, 'another passphrase, 32+ characters long!!', { purpose: 'x' }),
      // The right key and the login's purpose, but not a login: checked before a machine sees it.
      await sealSnapshot({ sub: 'joe' }, KEY),
      await sealSnapshot({ status: 'active', value: { pingOne: 'nowhere' }, context: {} }, KEY),
      await sealSnapshot(
        {
          status: 'active',
          value: { pingOne: 'submitting' },
          context: { stage: 'pingOne' },
          children: { x: { src: 'rm -rf' } },
        },
        KEY,
      ),
      'x'.repeat(5_000),
    ]
    for (const value of values) {
      for (const path of ['/login/submit', '/login/wait', '/login/retry', '/login/cancel']) {
        const answer = await request(path, {
          body: JSON.stringify({ action: 'otp.check', body: {} }),
          cookies: { hybrid_login: value },
        })
        expect(answer.status, `${path} with ${value.slice(0, 20)}`).toBe(409)
      }
      expect((await request('/me', { cookies: { app_session: value } })).status).toBe(401)
    }
  })

  it('takes a replayed login cookie without crashing, and finishes for the right user', async () => {
    const { cookies, request, submit, emu } = bff()
    await request('/login/start')
    const first = cookies.get('hybrid_login') as string
    await submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    // The same earlier cookie, twice: each replay is a login of its own, never a crash.
    for (let i = 0; i < 2; i++) {
      const replayed = await request('/login/submit', {
        body: JSON.stringify({
          action: 'checkUsernamePassword',
          body: { username: 'joe', password: PASSWORD },
        }),
        cookies: { hybrid_login: first },
      })
      expect(replayed.status).toBeLessThan(500)
    }
    const done = await submit('otp.check', { otp: emu.outbox.last('joe')?.otp })
    expect(done.json).toMatchObject({ phase: 'done', user: { sub: 'joe' } })
  })
})

describe('the BFF example takes state changes only as same-origin JSON', () => {
  it('refuses a cross-origin text/plain POST (it started a login)', async () => {
    const { request, cookies } = bff()
    const forged = await request('/login/start', {
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: '{}',
    })
    expect(forged.status).toBe(403)
    expect(cookies.size).toBe(0)
    const noOrigin = await request('/login/start', { headers: { 'content-type': 'text/plain', origin: '' } })
    expect([403, 415]).toContain(noOrigin.status)
    const crossJson = await request('/login/start', { headers: { origin: 'https://evil.example' } })
    expect(crossJson.status).toBe(403)
    expect(cookies.size).toBe(0)
  })

  it('caps the body, and answers malformed JSON with 400 without logging the body', async () => {
    const { request } = bff()
    await request('/login/start')
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const big = await request('/login/submit', {
        body: JSON.stringify({ action: 'x', body: 'p'.repeat(20_000) }),
      })
      expect(big.status).toBe(413)
      const bad = await request('/login/submit', {
        body: '{"action":"checkUsernamePassword","body":{"password":"hunter2-canary"',
      })
      expect(bad.status).toBe(400)
      const logged = JSON.stringify([...log.mock.calls, ...warn.mock.calls])
      expect(logged).not.toContain('hunter2-canary')
    } finally {
      log.mockRestore()
      warn.mockRestore()
    }
  })

  it('names its cookies with __Host- and marks them Secure, HttpOnly, SameSite=Strict when secure', async () => {
    const { request } = bff(true)
    const start = await request('/login/start')
    const set = start.response.headers.getSetCookie()
    expect(set.length).toBeGreaterThan(0)
    for (const line of set) {
      expect(line).toMatch(/^__Host-/)
      expect(line).toMatch(/; Secure/i)
      expect(line).toMatch(/; HttpOnly/i)
      expect(line).toMatch(/SameSite=Strict/i)
      expect(line).not.toMatch(/Domain=/i)
    }
  })
})
