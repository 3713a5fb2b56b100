import { describe, expect, it } from 'vitest'
import { startEmulator } from '../../src/server.js'
import { browser, DEMO, demoParams, emulator, self } from './helpers.js'

async function pfCookies(
  baseUrl: string | undefined,
  pfCookieAttributes?: 'auto' | { sameSite: 'None' | 'Lax' | 'Strict'; secure: boolean },
) {
  const emu = emulator(
    { persistentSessions: true, ...(pfCookieAttributes ? { pfCookieAttributes } : {}) },
    baseUrl ? { baseUrls: { pingFederate: baseUrl } } : {},
  )
  const b = browser(emu)
  const first = await b.authorize((await demoParams()).params)
  // Signed in, so the response carries PF.PERSISTENT too.
  const completed = await b.act(self(first), 'checkUsernamePassword', {
    username: 'joe',
    password: DEMO.password,
  })
  const lines = completed.res.headers.getSetCookie()
  return {
    pf: lines.find((l) => l.startsWith('PF=')) ?? '',
    persistent: lines.find((l) => l.startsWith('PF.PERSISTENT=')) ?? '',
  }
}

describe('PF cookie attributes (TOOLCHAIN pitfall 13)', () => {
  // Chromium drops SameSite=None without Secure, also on loopback http, and keeps Secure cookies
  // on https and on loopback http: those origins get SameSite=None; Secure.
  it.each([
    ['in-process https', undefined],
    ['https', 'https://sso.example.com'],
    ['http on 127.0.0.1', 'http://127.0.0.1:9031'],
    ['http on another 127/8 address', 'http://127.0.0.2:9031'],
    ['http on localhost', 'http://localhost:9031'],
    ['http on a *.localhost name', 'http://pf.localhost:9031'],
    ['http on [::1]', 'http://[::1]:9031'],
  ])('%s: SameSite=None; Secure on PF and PF.PERSISTENT', async (_name, baseUrl) => {
    const { pf, persistent } = await pfCookies(baseUrl)
    expect(pf).toMatch(/^PF=[^;]+; Path=\/; HttpOnly; SameSite=None; Secure$/)
    expect(persistent).toMatch(
      /^PF\.PERSISTENT=[^;]+; Path=\/; HttpOnly; SameSite=None; Max-Age=28800; Secure$/,
    )
  })

  // A browser keeps neither Secure nor SameSite=None from a plain-http origin that is not loopback.
  it.each([
    ['a LAN address', 'http://192.168.1.20:9031'],
    ['a host name', 'http://pf.internal:9031'],
    ['a name that only looks local', 'http://localhost.example.com:9031'],
  ])('http on %s: SameSite=Lax, no Secure', async (_name, baseUrl) => {
    const { pf, persistent } = await pfCookies(baseUrl)
    expect(pf).toMatch(/^PF=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/)
    expect(persistent).toMatch(/; SameSite=Lax; Max-Age=28800$/)
  })

  it('takes forced attributes as given (e.g. the pre-fix ones, to show a browser dropping them)', async () => {
    const { pf } = await pfCookies('http://127.0.0.1:9031', { sameSite: 'None', secure: false })
    expect(pf).toMatch(/; SameSite=None$/)
    const strict = await pfCookies(undefined, { sameSite: 'Strict', secure: true })
    expect(strict.pf).toMatch(/; SameSite=Strict; Secure$/)
  })

  it('startEmulator on loopback http issues SameSite=None; Secure', async () => {
    const emu = await startEmulator()
    try {
      const { params } = await demoParams()
      const query = new URLSearchParams({ response_mode: 'pi.flow', ...params })
      const res = await fetch(`${emu.pingFederate.baseUrl}/as/authorization.oauth2?${query}`)
      expect(res.status).toBe(200)
      expect(res.headers.getSetCookie()[0]).toMatch(/; SameSite=None; Secure$/)
      await res.body?.cancel()
    } finally {
      await emu.close()
    }
  })
})
