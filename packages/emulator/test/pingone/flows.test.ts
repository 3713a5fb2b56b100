import { describe, expect, it } from 'vitest'
import { createEmulator } from '../../src/index.js'
import { act, answer, authorize, completeJoe, read, resume, startMfa } from './helpers.js'

describe('flows API: expiry', () => {
  it('expires after 15 idle minutes; every call pushes expiresAt forward', async () => {
    const start = Date.now()
    const emu = createEmulator({ now: () => start })
    const flow = (await startMfa(emu, 'joe')).body
    emu.clock.advance(10 * 60_000)
    const touched = (await read(emu, flow)).body
    expect(Date.parse(touched.expiresAt)).toBe(emu.clock.now() + 15 * 60_000)
    emu.clock.advance(14 * 60_000)
    expect((await read(emu, flow)).status).toBe(200)
    emu.clock.advance(15 * 60_000)
    const gone = await read(emu, flow)
    expect(gone.status).toBe(404)
    expect(gone.body).toMatchObject({ id: expect.any(String), code: 'NOT_FOUND' })
    expect((await act(emu, flow, 'otp.check', { otp: '123456' })).status).toBe(404)
    expect((await resume(emu, flow, undefined)).status).toBe(404)
  })

  it('an unknown flow id is 404', async () => {
    const emu = createEmulator()
    const missing = await answer(
      await emu.fetch(`${emu.pingOne.authBaseUrl}/${emu.pingOne.environmentId}/flows/nope`),
    )
    expect(missing.status).toBe(404)
  })
})

describe('flows API: media types and allowed actions', () => {
  it('415 for a missing or foreign content type, and for an unknown action', async () => {
    const emu = createEmulator()
    const flow = (await startMfa(emu, 'joe')).body
    for (const contentType of [
      'application/json',
      'text/plain',
      'application/vnd.pingidentity.teleport+json',
    ]) {
      const refused = await act(emu, flow, 'otp.check', { otp: '1' }, { contentType })
      expect(refused.status, contentType).toBe(415)
      expect(refused.body.code).toBe('INVALID_REQUEST')
    }
    const noSuffix = await act(
      emu,
      flow,
      'otp.check',
      { otp: '1' },
      { contentType: 'application/vnd.pingidentity.otp.check' },
    )
    expect(noSuffix.status).toBe(415)
  })

  it('400 for a malformed body', async () => {
    const emu = createEmulator()
    const flow = (await startMfa(emu, 'joe')).body
    const response = await answer(
      await emu.fetch(flow._links.self.href, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.pingidentity.otp.check+json; charset=UTF-8' },
        body: '{not json',
      }),
    )
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('INVALID_DATA')
  })

  it('400 INVALID_REQUEST for a known action the status does not allow', async () => {
    const emu = createEmulator()
    const flow = (await startMfa(emu, 'joe')).body
    for (const action of [
      'assertion.check',
      'usernamePassword.check',
      'user.register',
      'deviceAuthGrant.consent',
    ]) {
      const refused = await act(emu, flow, action, {})
      expect(refused.status, action).toBe(400)
      expect(refused.body.code).toBe('INVALID_REQUEST')
    }
  })

  it('unknownActionStatus 400 answers unknown actions with 400', async () => {
    const emu = createEmulator({ pingOne: { unknownActionStatus: 400 } })
    const flow = (await startMfa(emu, 'joe')).body
    expect((await act(emu, flow, 'teleport', {})).status).toBe(400)
  })

  it('links session.reset everywhere when linkSessionResetEverywhere is on', async () => {
    const emu = createEmulator({ pingOne: { linkSessionResetEverywhere: true } })
    const flow = (await startMfa(emu, 'joe')).body
    expect(Object.keys(flow._links)).toContain('session.reset')
  })
})

describe('flows API: password sign-on and recovery', () => {
  it('usernamePassword.check then MFA with Multi_Factor; ST set once the user is known', async () => {
    const emu = createEmulator()
    const flow = (await authorize(emu, { acr_values: 'Multi_Factor' })).body
    const wrong = await act(emu, flow, 'usernamePassword.check', {
      username: 'joe',
      password: 'wrong-password',
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.details[0].code).toBe('INVALID_CREDENTIALS')
    const right = await act(emu, flow, 'usernamePassword.check', {
      username: 'joe',
      password: '2FederateM0re',
    })
    expect(right.body.status).toBe('OTP_REQUIRED')
    expect(right.cookie).toMatch(/^ST=/)
    const done = await act(emu, flow, 'otp.check', { otp: emu.outbox.last('joe')?.otp })
    expect(done.body.status).toBe('COMPLETED')
    expect((await resume(emu, done.body, right.cookie)).body.authorizeResponse.code).toBeTypeOf('string')
  })

  it('password.forgot → RECOVERY_CODE_REQUIRED; sendRecoveryCode with and without +json; password.recover', async () => {
    const emu = createEmulator()
    const flow = (await authorize(emu, {})).body
    const recovering = await act(emu, flow, 'password.forgot', { username: 'ann' })
    expect(recovering.body.status).toBe('RECOVERY_CODE_REQUIRED')
    expect(Object.keys(recovering.body._links).sort()).toEqual([
      'password.recover',
      'password.sendRecoveryCode',
      'self',
      'signOnPage',
    ])
    const bare = await act(emu, flow, 'password.sendRecoveryCode', undefined, {
      contentType: 'application/vnd.pingidentity.password.sendRecoveryCode',
    })
    expect(bare.status).toBe(200)
    const suffixed = await act(emu, flow, 'password.sendRecoveryCode')
    expect(suffixed.status).toBe(200)
    const code = emu.outbox.last('ann')
    expect(code).toMatchObject({ channel: 'EMAIL', purpose: 'recovery' })
    expect(emu.outbox.all('ann')).toHaveLength(3)
    const done = await act(emu, flow, 'password.recover', {
      recoveryCode: code?.otp,
      newPassword: 'N3w-password!',
    })
    expect(done.body.status).toBe('COMPLETED')
  })
})

describe('resume', () => {
  it('needs the flow’s ST cookie (401 without); answers the same code twice', async () => {
    const emu = createEmulator()
    const { flow, cookie } = await completeJoe(emu)
    const without = await resume(emu, flow, undefined)
    expect(without.status).toBe(401)
    expect(without.body).toMatchObject({ code: 'ACCESS_FAILED', details: [{ code: 'INVALID_TOKEN' }] })
    const foreign = await resume(emu, flow, 'ST=not-a-session')
    expect(foreign.status).toBe(401)
    const first = await resume(emu, flow, cookie)
    const second = await resume(emu, flow, cookie)
    expect(second.body.authorizeResponse).toEqual(first.body.authorizeResponse)
  })

  it('refuses a flow that is not COMPLETED', async () => {
    const emu = createEmulator()
    const started = await startMfa(emu, 'joe')
    const early = await resume(emu, started.body, started.cookie)
    expect(early.status).toBe(400)
    expect(early.body.code).toBe('INVALID_REQUEST')
  })

  it('works without the cookie when resumeRequiresSessionCookie is off; ST can wait for COMPLETED', async () => {
    const emu = createEmulator({
      pingOne: { resumeRequiresSessionCookie: false, sessionCookie: 'on-completed' },
    })
    const started = await startMfa(emu, 'joe')
    expect(started.cookie).toBeUndefined()
    const done = await act(emu, started.body, 'otp.check', { otp: emu.outbox.last('joe')?.otp })
    expect(done.cookie).toMatch(/^ST=/)
    expect((await resume(emu, done.body, undefined)).status).toBe(200)
  })

  it('authorizeResponseOnCompletedAction also puts it on the completing action response', async () => {
    const emu = createEmulator({ pingOne: { authorizeResponseOnCompletedAction: true } })
    const started = await startMfa(emu, 'joe', { state: 's' })
    const done = await act(emu, started.body, 'otp.check', { otp: emu.outbox.last('joe')?.otp })
    expect(done.body.authorizeResponse).toEqual({ code: expect.any(String), state: 's' })
    expect((await resume(emu, done.body, started.cookie)).body.authorizeResponse).toEqual(
      done.body.authorizeResponse,
    )
  })
})

describe('rate limit', () => {
  it('is off by default, and answers 429 REQUEST_LIMITED with Retry-After when set', async () => {
    const emu = createEmulator({ pingOne: { rateLimit: { limit: 2, windowSeconds: 10 } } })
    const flow = (await startMfa(emu, 'joe')).body
    expect((await read(emu, flow)).status).toBe(200)
    const limited = await read(emu, flow)
    expect(limited.status).toBe(429)
    expect(limited.body.code).toBe('REQUEST_LIMITED')
    expect(limited.response.headers.get('retry-after')).toBe('10')
    emu.clock.advance(10_000)
    expect((await read(emu, flow)).status).toBe(200)
  })
})
