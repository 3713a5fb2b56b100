import { describe, expect, it } from 'vitest'
import { createEmulator, type EmulatorOptions, startEmulator } from '../../src/index.js'
import { startMfa } from './helpers.js'

/** The `ST` line of an MFA-only authorize (the user is known at once, so it is set there). */
async function stCookie(options: EmulatorOptions): Promise<string> {
  const emu = createEmulator(options)
  const started = await startMfa(emu, 'joe')
  expect(started.status).toBe(200)
  return started.response.headers.getSetCookie().find((line) => line.startsWith('ST=')) ?? ''
}

const at = (pingOne: string): EmulatorOptions => ({ baseUrls: { pingOne } })

describe('ST cookie attributes (TOOLCHAIN pitfall 13)', () => {
  // Chromium drops SameSite=None without Secure, also on loopback http, and keeps Secure cookies on
  // https and on loopback http: those origins get what PingOne sends, SameSite=None; Secure.
  it.each([
    ['in-process https', {}],
    ['https', at('https://auth.example.com')],
    ['http on 127.0.0.1', at('http://127.0.0.1:9000')],
    ['http on localhost', at('http://localhost:9000')],
    ['http on [::1]', at('http://[::1]:9000')],
  ])('%s: Secure; HttpOnly; SameSite=None', async (_name, options) => {
    expect(await stCookie(options)).toMatch(
      /^ST=[^;]+; Path=\/[^;]+; Max-Age=2592000; Expires=[^;]+; Secure; HttpOnly; SameSite=None$/,
    )
  })

  // A plain-http origin that is not loopback can keep neither Secure nor SameSite=None.
  it.each([
    ['a LAN address', 'http://192.168.1.20:9000'],
    ['a name that only looks local', 'http://localhost.example.com:9000'],
  ])('http on %s: HttpOnly; SameSite=Lax, no Secure', async (_name, origin) => {
    expect(await stCookie(at(origin))).toMatch(/; Expires=[^;]+; HttpOnly; SameSite=Lax$/)
  })

  it('takes forced attributes as given (the pre-fix ones, to show a browser dropping them)', async () => {
    const forced = await stCookie({
      ...at('http://127.0.0.1:9000'),
      pingOne: { sessionCookieAttributes: { sameSite: 'None', secure: false } },
    })
    expect(forced).toMatch(/; Expires=[^;]+; HttpOnly; SameSite=None$/)
  })

  it('startEmulator on loopback http issues ST with Secure and SameSite=None', async () => {
    const emu = await startEmulator()
    try {
      const started = await startMfa(emu, 'joe', {}, (input, init) => fetch(input, init))
      const st = started.response.headers.getSetCookie().find((line) => line.startsWith('ST=')) ?? ''
      expect(st).toMatch(/; Secure; HttpOnly; SameSite=None$/)
    } finally {
      await emu.close()
    }
  })
})
