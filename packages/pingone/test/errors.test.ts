import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { isRedirectlessError, type RedirectlessError } from '../src/index.js'
import { MODES, rejection, useEmulator } from './support/emulator.js'

/** Every way an error can be shown: none may contain `secret`. */
function expectRedacted(error: unknown, ...secrets: string[]) {
  const forms = [
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
    (error as Error).message,
  ]
  for (const secret of secrets) for (const form of forms) expect(form).not.toContain(secret)
}

describe.each(MODES)('errors against the emulator (%s)', (mode) => {
  const h = useEmulator(mode)
  const start = async (username: string, extra: Record<string, unknown> = {}) =>
    h
      .client(extra)
      .startFlow({ scope: 'openid', acrValues: 'MFA-Only', loginHintToken: await h.loginHintToken(username) })

  it('a wrong OTP is FLOW_ERROR with the server details (INVALID_OTP); the flow stays usable', async () => {
    const flow = await start('joe')
    const before = flow.state
    const otp = h.emu.outbox.last('joe')?.otp ?? ''
    const wrong = otp === '000000' ? '111111' : '000000'
    const error = (await rejection(flow.submit('otp.check', { otp: wrong }))) as RedirectlessError
    expect(isRedirectlessError(error, 'FLOW_ERROR')).toBe(true)
    expect(error.status).toBe(400)
    expect(error.server?.id).toEqual(expect.any(String))
    expect(error.server?.code).toBe('INVALID_DATA')
    expect(error.detailCode).toBe('INVALID_OTP')
    expect(error.server?.details?.[0]?.target).toBe('otp')
    expect(error.flowStatus).toBe('OTP_REQUIRED')
    expect(flow.state).toBe(before)
    expectRedacted(error, wrong, otp)

    const refreshed = await flow.refresh()
    if (refreshed.status !== 'OTP_REQUIRED') throw new Error(refreshed.status)
    expect(
      refreshed._embedded?.devices?.find((d) => d.id === refreshed.selectedDevice?.id)?.userRetries,
    ).toBe(1)
    expect((await flow.submit('otp.check', { otp })).status).toBe('COMPLETED')
  })

  it('too many wrong OTPs lock the flow out (FAILED), and complete() says FLOW_FAILED', async () => {
    const flow = await start('lock')
    const otp = h.emu.outbox.last('lock')?.otp ?? ''
    const wrong = otp === '000000' ? '111111' : '000000'
    let last: unknown
    for (let i = 0; i < 3; i++) {
      last = await rejection(flow.submit('otp.check', { otp: wrong }))
      expect(isRedirectlessError(last, 'FLOW_ERROR')).toBe(true)
    }
    expect((last as RedirectlessError).server?.details?.[0]?.innerError?.remainingAttempts).toBe(0)
    expect((await flow.refresh()).status).toBe('FAILED')
    expect(isRedirectlessError(await rejection(flow.complete()), 'FLOW_FAILED')).toBe(true)
  })

  it.each([
    ['forged (wrong secret)', { secret: 'not-the-issuer-secret-but-long-enough!!' }],
    ['expired', { now: () => Date.now() - 3_600_000 }],
    ['for another audience', { authBaseUrl: 'https://auth.pingone.eu' }],
    ['for an unknown user', { subject: 'nobody' }],
  ])(
    'a %s login_hint_token is refused with 400 INVALID_DATA on login_hint_token',
    async (_name, overrides) => {
      const token = await h.loginHintToken('joe', overrides)
      const error = (await rejection(
        h.client().startFlow({ scope: 'openid', acrValues: 'MFA-Only', loginHintToken: token }),
      )) as RedirectlessError
      expect(isRedirectlessError(error, 'FLOW_ERROR')).toBe(true)
      expect(error.status).toBe(400)
      expect(error.server?.code).toBe('INVALID_DATA')
      expect(error.server?.details?.[0]).toMatchObject({ code: 'INVALID_VALUE', target: 'login_hint_token' })
      expectRedacted(error, token)
    },
  )

  it('answering a state that is no longer current is STALE_STATE, and nothing is sent', async () => {
    const flow = await start('joe')
    const old = flow.state
    if (old.status !== 'OTP_REQUIRED') throw new Error(old.status)
    const email = old._embedded?.devices?.find((d) => d.type === 'EMAIL')?.id ?? ''
    await flow.submit('device.select', { device: { id: email } })
    const sent = h.emu.outbox.all('joe').length
    const error = await rejection(flow.submit('otp.check', { otp: '123456' }, { state: old }))
    expect(isRedirectlessError(error, 'STALE_STATE')).toBe(true)
    expect(h.emu.outbox.all('joe')).toHaveLength(sent)
    // Two calls at once: the second is refused while the first runs.
    const first = flow.refresh()
    expect(isRedirectlessError(await rejection(flow.refresh()), 'STALE_STATE')).toBe(true)
    await first
  })

  it('a link to a foreign origin is UNTRUSTED_LINK before anything is sent', async () => {
    const remove = h.emu.faults.add({
      fault: { kind: 'foreign-link' },
      product: 'pingone',
      route: 'authorize',
      times: 1,
    })
    const flow = await start('joe')
    remove()
    expect(flow.state._links['otp.check']?.href).toMatch(/^https:\/\/attacker\.example\//)
    const error = await rejection(flow.submit('otp.check', { otp: h.emu.outbox.last('joe')?.otp ?? '' }))
    expect(isRedirectlessError(error, 'UNTRUSTED_LINK')).toBe(true)
    expect(isRedirectlessError(await rejection(flow.refresh()), 'UNTRUSTED_LINK')).toBe(true)
  })

  it('a foreign resumeUrl is UNTRUSTED_LINK at complete(), so the ST cookie never leaves', async () => {
    const flow = await start('joe')
    const remove = h.emu.faults.add({
      fault: { kind: 'foreign-link' },
      product: 'pingone',
      route: 'flow',
      method: 'POST',
      times: 1,
    })
    const completed = await flow.submit('otp.check', { otp: h.emu.outbox.last('joe')?.otp ?? '' })
    remove()
    expect(completed.status).toBe('COMPLETED')
    expect(isRedirectlessError(await rejection(flow.complete()), 'UNTRUSTED_LINK')).toBe(true)
  })

  it('an aborted call is ABORTED, a slow one TIMEOUT; the flow stays usable', async () => {
    const flow = await start('joe')
    const controller = new AbortController()
    controller.abort()
    expect(isRedirectlessError(await rejection(flow.refresh({ signal: controller.signal })), 'ABORTED')).toBe(
      true,
    )
    const remove = h.emu.faults.add({
      fault: { kind: 'latency', ms: 2_000 },
      product: 'pingone',
      route: 'flow',
      times: 1,
    })
    const slow = await rejection(flow.refresh({ timeout: 100 }))
    remove()
    expect(isRedirectlessError(slow, 'TIMEOUT')).toBe(true)
    // An abort while the request is in flight. Only over HTTP: the emulator's in-process fetch does
    // not reject when its signal fires (a real fetch does), so there the answer simply arrives.
    if (h.mode === 'http') {
      const inFlight = new AbortController()
      const removeAgain = h.emu.faults.add({
        fault: { kind: 'latency', ms: 2_000 },
        product: 'pingone',
        route: 'flow',
        times: 1,
      })
      const pending = rejection(flow.refresh({ signal: inFlight.signal }))
      setTimeout(() => inFlight.abort(), 50)
      expect(isRedirectlessError(await pending, 'ABORTED')).toBe(true)
      removeAgain()
    }
    expect((await flow.submit('otp.check', { otp: h.emu.outbox.last('joe')?.otp ?? '' })).status).toBe(
      'COMPLETED',
    )
  })

  it('startFlow honours its own timeout', async () => {
    const token = await h.loginHintToken('joe')
    const remove = h.emu.faults.add({
      fault: { kind: 'latency', ms: 2_000 },
      product: 'pingone',
      route: 'authorize',
      times: 1,
    })
    const error = await rejection(
      h
        .client()
        .startFlow({ scope: 'openid', acrValues: 'MFA-Only', loginHintToken: token }, { timeout: 100 }),
    )
    remove()
    expect(isRedirectlessError(error, 'TIMEOUT')).toBe(true)
  })

  it('a flow idle past 15 minutes is FLOW_EXPIRED', async () => {
    const flow = await start('joe')
    h.emu.clock.advance(16 * 60_000)
    const error = (await rejection(flow.submit('otp.check', { otp: '123456' }))) as RedirectlessError
    expect(isRedirectlessError(error, 'FLOW_EXPIRED')).toBe(true)
    expect(error.status).toBe(404)
  })

  it('unknown statuses and broken bodies are INVALID_RESPONSE; redirects UNEXPECTED_REDIRECT', async () => {
    // No GET retries here, or the retry would simply get past the one-off fault.
    const flow = await start('joe', { retry: false })
    for (const fault of [{ kind: 'unknown-status' }, { kind: 'truncate' }, { kind: 'html' }] as const) {
      const remove = h.emu.faults.add({ fault, product: 'pingone', route: 'flow', times: 1 })
      const error = (await rejection(flow.refresh())) as RedirectlessError
      remove()
      expect([fault.kind, error.code]).toEqual([
        fault.kind,
        fault.kind === 'html' ? 'SERVER_ERROR' : 'INVALID_RESPONSE',
      ])
    }
    const remove = h.emu.faults.add({
      fault: { kind: 'redirect' },
      product: 'pingone',
      route: 'flow',
      times: 1,
    })
    const redirect = await rejection(flow.submit('otp.check', { otp: '123456' }))
    remove()
    expect(isRedirectlessError(redirect, 'UNEXPECTED_REDIRECT')).toBe(true)
    expect(flow.state.status).toBe('OTP_REQUIRED')
  })

  it('a refused code exchange is TOKEN_ERROR and shows neither the secret nor the code', async () => {
    const secret = 'definitely-the-wrong-client-secret-value'
    const flow = await start('joe', { clientSecret: secret })
    await flow.submit('otp.check', { otp: h.emu.outbox.last('joe')?.otp ?? '' })
    const error = await rejection(flow.complete())
    expect(isRedirectlessError(error, 'TOKEN_ERROR')).toBe(true)
    expectRedacted(error, secret)
  })

  it('a flow shows neither its cookies nor its PKCE verifier except through toJSON()', async () => {
    const flow = await start('joe')
    const saved = flow.toJSON()
    const verifier = saved.session.request.codeVerifier ?? ''
    const jar = saved.cookies as { cookies?: { key: string; value: string }[] }
    const cookie = jar.cookies?.find((c) => c.key === 'ST')?.value ?? ''
    expect(verifier.length).toBeGreaterThan(40)
    expect(cookie.length).toBeGreaterThan(0)
    for (const text of [String(flow), inspect(flow, { depth: 10 }), inspect(flow.state, { depth: 10 })]) {
      expect(text).not.toContain(verifier)
      expect(text).not.toContain(cookie)
    }
  })

  it('an unknown environment is a FLOW_ERROR (404), not FLOW_EXPIRED', async () => {
    const error = (await rejection(
      h.client({ environmentId: '00000000-0000-4000-8000-000000000000' }).startFlow({ scope: 'openid' }),
    )) as RedirectlessError
    expect(isRedirectlessError(error, 'FLOW_ERROR')).toBe(true)
    expect(error.status).toBe(404)
  })
})
