import { describe, expect, expectTypeOf, it } from 'vitest'
import { isRedirectlessError, type PingOneDevice } from '../src/index.js'
import { MODES, rejection, useEmulator } from './support/emulator.js'

describe.each(MODES)('MFA-only step-up against the emulator (%s)', (mode) => {
  const h = useEmulator(mode)
  const acrValues = 'MFA-Only'

  it('joe: login_hint_token → OTP_REQUIRED → otp.check → COMPLETED → validated tokens for joe', async () => {
    const p1 = h.client()
    const flow = await p1.startFlow({
      scope: 'openid profile',
      acrValues,
      loginHintToken: await h.loginHintToken('joe'),
    })
    const state = flow.state
    if (state.status !== 'OTP_REQUIRED') throw new Error(`expected OTP_REQUIRED, got ${state.status}`)
    expect(flow.actions).toEqual(expect.arrayContaining(['otp.check', 'device.select']))
    const devices = state._embedded?.devices ?? []
    expect(devices.map((d: PingOneDevice) => d.type)).toEqual(['SMS', 'EMAIL'])
    expect(devices[0]?.userRetries).toBe(0)
    expect(state.selectedDevice?.id).toBe(devices[0]?.id)
    expect(devices[0]?.phone).toMatch(/^\*+\d{2}$/)

    const message = h.emu.outbox.last('joe')
    expect(message?.channel).toBe('SMS')
    const completed = await flow.submit('otp.check', { otp: message?.otp ?? '' })
    expect(completed.status).toBe('COMPLETED')

    const result = await flow.complete()
    expect(result.claims?.sub).toBe(h.userId('joe'))
    expect(result.claims?.iss).toBe(p1.issuer)
    expect(result.claims?.aud).toBe(p1.clientId)
    expect(typeof result.tokens.access_token).toBe('string')
    expect(result.tokens.token_type).toMatch(/^bearer$/i)
    // A second call returns the same result without going back to the server.
    expect(await flow.complete()).toBe(result)
  })

  it('joe: device.select EMAIL switches the OTP to e-mail', async () => {
    const flow = await h
      .client()
      .startFlow({ scope: 'openid', acrValues, loginHintToken: await h.loginHintToken('joe') })
    if (flow.state.status !== 'OTP_REQUIRED') throw new Error(flow.state.status)
    const email = flow.state._embedded?.devices?.find((d) => d.type === 'EMAIL')
    expect(email?.email).toContain('*')
    const next = await flow.submit('device.select', { device: { id: email?.id ?? '' } })
    expect(next.status).toBe('OTP_REQUIRED')
    if (next.status === 'OTP_REQUIRED') expect(next.selectedDevice?.id).toBe(email?.id)
    const message = h.emu.outbox.last('joe')
    expect(message?.channel).toBe('EMAIL')
    expect((await flow.submit('otp.check', { otp: message?.otp ?? '' })).status).toBe('COMPLETED')
    expect((await flow.complete()).claims?.sub).toBe(h.userId('joe'))
  })

  it('ann: DEVICE_SELECTION_REQUIRED → device.select TOTP → otp.check', async () => {
    const flow = await h
      .client()
      .startFlow({ scope: 'openid', acrValues, loginHintToken: await h.loginHintToken('ann') })
    const state = flow.state
    if (state.status !== 'DEVICE_SELECTION_REQUIRED') throw new Error(state.status)
    expectTypeOf(state._embedded.devices).toEqualTypeOf<readonly PingOneDevice[]>()
    expect(state._embedded.devices.map((d) => d.type).sort()).toEqual(['MOBILE', 'TOTP'])
    const totp = state._embedded.devices.find((d) => d.type === 'TOTP')
    expect((await flow.submit('device.select', { device: { id: totp?.id ?? '' } })).status).toBe(
      'OTP_REQUIRED',
    )
    const code = h.emu.outbox.last('ann')?.otp ?? ''
    expect(code).toMatch(/^\d{6}$/)
    expect((await flow.submit('otp.check', { otp: code })).status).toBe('COMPLETED')
    expect((await flow.complete()).claims?.sub).toBe(h.userId('ann'))
  })

  it('fails before sending anything when the state does not offer the action', async () => {
    const flow = await h
      .client()
      .startFlow({ scope: 'openid', acrValues, loginHintToken: await h.loginHintToken('joe') })
    const sent = h.emu.outbox.all('joe').length
    const error = await rejection(flow.submit('assertion.check', { origin: 'https://x', assertion: '{}' }))
    expect(isRedirectlessError(error, 'ACTION_NOT_AVAILABLE')).toBe(true)
    expect(h.emu.outbox.all('joe')).toHaveLength(sent)
    expect(flow.state.status).toBe('OTP_REQUIRED')
  })

  it('complete() before COMPLETED is FLOW_NOT_COMPLETED', async () => {
    const flow = await h
      .client()
      .startFlow({ scope: 'openid', acrValues, loginHintToken: await h.loginHintToken('joe') })
    const error = await rejection(flow.complete())
    expect(isRedirectlessError(error, 'FLOW_NOT_COMPLETED')).toBe(true)
  })

  it('a user without devices ends FAILED, and complete() says FLOW_FAILED', async () => {
    const flow = await h
      .client()
      .startFlow({ scope: 'openid', acrValues, loginHintToken: await h.loginHintToken('nodevice') })
    expect(flow.state.status).toBe('FAILED')
    if (flow.state.status === 'FAILED') expect(flow.state.error?.code).toBeTypeOf('string')
    const error = await rejection(flow.complete())
    expect(isRedirectlessError(error, 'FLOW_FAILED')).toBe(true)
  })

  it('signs on with a password when no login_hint_token is sent (Single_Factor)', async () => {
    const flow = await h.client().startFlow({ scope: 'openid' })
    expect(flow.state.status).toBe('USERNAME_PASSWORD_REQUIRED')
    const next = await flow.submit('usernamePassword.check', { username: 'carl', password: '2FederateM0re' })
    expect(next.status).toBe('COMPLETED')
    expect((await flow.complete()).claims?.sub).toBe(h.userId('carl'))
  })
})
