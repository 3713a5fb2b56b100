/**
 * Issue 11, item 5 (invariant 9). A GET authorize answered 503 was retried like any GET: PingOne
 * created two flows and sent the user two OTPs. An authorize request starts a flow (PingOne's, with
 * a login_hint_token, also sends an OTP), so it is sent once whatever its method, even on a client
 * configured to retry GETs: the caller gets SERVER_ERROR and decides.
 */
import { isRedirectlessError } from '@redirectless/core'
import { createEmulator, type Emulator, type Product } from '@redirectless/emulator'
import { describe, expect, it } from 'vitest'
import { FAST_RETRY, loginHintFor, p1Client, pfClient } from '../../reliability/support/clients.js'
import { type RecordingFetch, recordingFetch } from '../../reliability/support/recording-fetch.js'

const USER = 'joe'
const CASES = (['pingfederate', 'pingone'] as const).flatMap((product) =>
  (['GET', 'POST'] as const).map((method) => [product, method] as const),
)

/** Starts a flow of `product` for USER on a client that retries GETs (twice, quickly). */
async function start(product: Product, method: 'GET' | 'POST', emu: Emulator, rec: RecordingFetch) {
  if (product === 'pingfederate') {
    return pfClient(emu, rec.fetch, { retry: FAST_RETRY }).startFlow({ scope: 'openid profile', method })
  }
  const loginHintToken = await loginHintFor(emu, USER)
  return p1Client(emu, rec.fetch, { retry: FAST_RETRY }).startFlow({
    scope: 'openid',
    acrValues: 'MFA-Only',
    loginHintToken,
    method,
  })
}

const otpsTo = (emu: Emulator, username: string) =>
  emu.outbox.all(username).filter((m) => m.purpose === 'otp').length

describe.each(CASES)('%s %s authorize answered 503 once', (product, method) => {
  it('reaches the server exactly once and fails with SERVER_ERROR', async () => {
    const emu = createEmulator()
    const rec = recordingFetch(emu)
    emu.faults.add({ product, route: 'authorize', fault: { kind: 'status', status: 503 }, times: 1 })

    const error = await start(product, method, emu, rec).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(isRedirectlessError(error) && error.code).toBe('SERVER_ERROR')
    expect(isRedirectlessError(error) && error.status).toBe(503)
    const authorizes = rec.since(0, { product, route: 'authorize' })
    expect(authorizes.map((r) => r.method)).toEqual([method])
    // A retry would have got past the one-shot fault: a flow made, and for PingOne an OTP sent.
    if (product === 'pingone') expect(otpsTo(emu, USER)).toBeLessThanOrEqual(1)

    // The caller may start again: one more authorize, one flow, and (PingOne) one more OTP.
    const before = product === 'pingone' ? otpsTo(emu, USER) : 0
    const flow = await start(product, method, emu, rec)
    expect(flow.state.status).toBe(product === 'pingone' ? 'OTP_REQUIRED' : 'USERNAME_PASSWORD_REQUIRED')
    expect(rec.since(0, { product, route: 'authorize' })).toHaveLength(2)
    if (product === 'pingone') expect(otpsTo(emu, USER)).toBe(before + 1)
  })
})
