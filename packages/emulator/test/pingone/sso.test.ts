import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import { createEmulator, defaultPingOneConfig, type Emulator, type PingOneConfig } from '../../src/index.js'
import { type Answer, act, authorize, loginHintToken, resume, tokenRequest } from './helpers.js'

const PASSWORD = '2FederateM0re'

/** A browser's authorize: `fetch` with its `ST` cookie, if it has one. */
function withCookie(emu: Emulator, cookie: string | undefined) {
  return (input: string, init: RequestInit = {}) =>
    emu.fetch(input, cookie ? { ...init, headers: { ...init.headers, cookie } } : init)
}

async function start(emu: Emulator, cookie: string | undefined, params: Record<string, string> = {}) {
  return authorize(emu, params, withCookie(emu, cookie))
}

/** joe signs on with his password in a Single_Factor flow: the COMPLETED flow and its ST cookie. */
async function passwordSignOn(emu: Emulator, params: Record<string, string> = {}) {
  const started = await start(emu, undefined, params)
  expect(started.body.status).toBe('USERNAME_PASSWORD_REQUIRED')
  const done = await act(emu, started.body, 'usernamePassword.check', { username: 'joe', password: PASSWORD })
  if (done.body.status !== 'COMPLETED') throw new Error(`joe did not complete: ${done.body.status}`)
  if (!done.cookie) throw new Error('no ST cookie')
  return { flow: done.body, cookie: done.cookie }
}

/** The id_token claims of a completed flow, through resume and the code exchange. */
async function idTokenClaims(emu: Emulator, flow: Answer['body'], cookie: string) {
  const resumed = await resume(emu, flow, cookie)
  const code = resumed.body.authorizeResponse.code as string
  const basic: [string, string] = [emu.pingOne.clientId, emu.pingOne.clientSecret]
  const tokens = await tokenRequest(emu, { grant_type: 'authorization_code', code }, { basic })
  return decodeJwt(tokens.body.id_token as string)
}

const signoff = (emu: Emulator, cookie: string) =>
  emu.fetch(`${emu.pingOne.issuer}/signoff`, { headers: { cookie }, redirect: 'manual' })

function emulator(pingOne: Partial<PingOneConfig> = {}) {
  return createEmulator({ pingOne })
}

describe('PingOne SSO sessions (ssoSessions)', () => {
  it('a second authorize with ST completes without the password; the id_token keeps auth_time and sid', async () => {
    const emu = emulator()
    const first = await passwordSignOn(emu)
    const firstClaims = await idTokenClaims(emu, first.flow, first.cookie)
    emu.clock.advance(60_000)
    const again = await start(emu, first.cookie)
    expect(again.body.status).toBe('COMPLETED')
    const claims = await idTokenClaims(emu, again.body, first.cookie)
    expect(claims.sub).toBe(firstClaims.sub)
    expect(claims.sid).toBe(firstClaims.sid)
    expect(claims.auth_time).toBe(firstClaims.auth_time)
    expect(claims.amr).toEqual(['pwd'])
  })

  it('skips only the LOGIN step: Multi_Factor still asks the OTP', async () => {
    const emu = emulator()
    const { cookie } = await passwordSignOn(emu)
    const again = await start(emu, cookie, { acr_values: 'Multi_Factor' })
    expect(again.body.status).toBe('OTP_REQUIRED')
    const otp = emu.outbox.last('joe')?.otp
    const before = Math.floor(emu.clock.now() / 1000)
    const done = await act(emu, again.body, 'otp.check', { otp })
    expect(done.body.status).toBe('COMPLETED')
    const claims = await idTokenClaims(emu, done.body, cookie)
    expect(claims.amr).toEqual(['pwd', 'sms', 'mfa'])
    // The OTP just checked is the newest authentication (the clock may have crossed a second since).
    expect(claims.auth_time).toBeGreaterThanOrEqual(before)
    expect(claims.auth_time).toBeLessThanOrEqual(Math.floor(emu.clock.now() / 1000))
  })

  it('the MFA-only step-up with a login_hint_token is unchanged: the OTP is asked', async () => {
    const emu = emulator()
    const { cookie } = await passwordSignOn(emu)
    const hint = await loginHintToken(emu, 'joe')
    const stepUp = await start(emu, cookie, { acr_values: 'MFA-Only', login_hint_token: hint })
    expect(stepUp.body.status).toBe('OTP_REQUIRED')
  })

  it('a login_hint_token for another user asks that user for the password', async () => {
    const emu = emulator()
    const { cookie } = await passwordSignOn(emu)
    const hint = await loginHintToken(emu, 'ann')
    const other = await start(emu, cookie, { acr_values: 'Multi_Factor', login_hint_token: hint })
    expect(other.body.status).toBe('PASSWORD_REQUIRED')
  })

  it('a session whose flow stopped before completing (password, no OTP) is no SSO', async () => {
    const emu = emulator()
    const started = await start(emu, undefined, { acr_values: 'Multi_Factor' })
    const atOtp = await act(emu, started.body, 'usernamePassword.check', {
      username: 'joe',
      password: PASSWORD,
    })
    expect(atOtp.body.status).toBe('OTP_REQUIRED')
    const again = await start(emu, atOtp.cookie)
    expect(again.body.status).toBe('USERNAME_PASSWORD_REQUIRED')
  })

  it('signoff ends it: the next authorize asks for the password again', async () => {
    const emu = emulator()
    const { cookie } = await passwordSignOn(emu)
    expect((await signoff(emu, cookie)).status).toBe(200)
    expect((await start(emu, cookie)).body.status).toBe('USERNAME_PASSWORD_REQUIRED')
  })

  it('prompt=login and a max_age the sign-on is older than ask for the password', async () => {
    const emu = emulator()
    const { cookie } = await passwordSignOn(emu)
    expect((await start(emu, cookie, { prompt: 'login' })).body.status).toBe('USERNAME_PASSWORD_REQUIRED')
    emu.clock.advance(61_000)
    expect((await start(emu, cookie, { max_age: '60' })).body.status).toBe('USERNAME_PASSWORD_REQUIRED')
    expect((await start(emu, cookie, { max_age: '120' })).body.status).toBe('COMPLETED')
  })

  it("lasts the LOGIN step's lastSignOnOlderThanSeconds (12 hours unless set)", async () => {
    const emu = emulator()
    const { cookie } = await passwordSignOn(emu)
    emu.clock.advance(12 * 3600 * 1000 - 1000)
    expect((await start(emu, cookie)).body.status).toBe('COMPLETED')
    emu.clock.advance(2000)
    expect((await start(emu, cookie)).body.status).toBe('USERNAME_PASSWORD_REQUIRED')

    // Only the Single_Factor policy (the default app's default) changes; the app's policy list stays.
    const short = emulator({
      signOnPolicies: defaultPingOneConfig.signOnPolicies.map((policy) =>
        policy.name === 'Single_Factor'
          ? { ...policy, steps: [{ type: 'LOGIN' as const, lastSignOnOlderThanSeconds: 300 }] }
          : policy,
      ),
    })
    const signedOn = await passwordSignOn(short)
    short.clock.advance(299_000)
    expect((await start(short, signedOn.cookie)).body.status).toBe('COMPLETED')
    short.clock.advance(2000)
    expect((await start(short, signedOn.cookie)).body.status).toBe('USERNAME_PASSWORD_REQUIRED')
  })

  it('ssoSessions: false asks for the password every time', async () => {
    const emu = emulator({ ssoSessions: false })
    const { cookie } = await passwordSignOn(emu)
    expect((await start(emu, cookie)).body.status).toBe('USERNAME_PASSWORD_REQUIRED')
  })
})
