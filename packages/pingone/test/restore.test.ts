import { describe, expect, it } from 'vitest'
import { isRedirectlessError } from '../src/index.js'
import { MODES, rejection, useEmulator } from './support/emulator.js'

describe.each(MODES)('toJSON and restoreFlow (%s)', (mode) => {
  const h = useEmulator(mode)

  it('continues a flow from plain JSON in another client, cookies included', async () => {
    const flow = await h
      .client()
      .startFlow({ scope: 'openid', acrValues: 'MFA-Only', loginHintToken: await h.loginHintToken('ann') })
    if (flow.state.status !== 'DEVICE_SELECTION_REQUIRED') throw new Error(flow.state.status)
    const totp = flow.state._embedded.devices.find((d) => d.type === 'TOTP')?.id ?? ''
    await flow.submit('device.select', { device: { id: totp } })

    // As a stateless BFF would: through a string, into a fresh client.
    const saved = JSON.parse(JSON.stringify(flow.toJSON()))
    expect(saved.product).toBe('pingone')
    expect(saved.state.status).toBe('OTP_REQUIRED')
    expect(saved.cookies).not.toBeNull()
    const restored = h.client().restoreFlow(saved)
    expect(restored.state).toEqual(flow.state)
    expect((await restored.submit('otp.check', { otp: h.emu.outbox.last('ann')?.otp ?? '' })).status).toBe(
      'COMPLETED',
    )
    // resume needs the ST cookie set on authorize: this only works if the jar travelled.
    expect((await restored.complete()).claims?.sub).toBe(h.userId('ann'))
  })

  it('refuses a saved flow of another environment or product', async () => {
    const flow = await h
      .client()
      .startFlow({ scope: 'openid', acrValues: 'MFA-Only', loginHintToken: await h.loginHintToken('joe') })
    const saved = flow.toJSON()
    const other = h.client({ environmentId: '00000000-0000-4000-8000-000000000000' })
    expect(() => other.restoreFlow(saved)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    expect(() => h.client().restoreFlow({ ...saved, product: 'pingfederate' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
    expect(() => h.client().restoreFlow('nope')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })

  it('two flows never share a cookie', async () => {
    const p1 = h.client()
    const [a, b] = await Promise.all([
      p1.startFlow({ scope: 'openid', acrValues: 'MFA-Only', loginHintToken: await h.loginHintToken('joe') }),
      p1.startFlow({
        scope: 'openid',
        acrValues: 'MFA-Only',
        loginHintToken: await h.loginHintToken('carl'),
      }),
    ])
    expect(JSON.stringify(a.toJSON().cookies)).not.toBe(JSON.stringify(b.toJSON().cookies))
    // Resuming joe's flow with carl's cookies must fail: swap the jars.
    const swapped = p1.restoreFlow({ ...a.toJSON(), cookies: b.toJSON().cookies })
    await swapped.submit('otp.check', { otp: h.emu.outbox.last('joe')?.otp ?? '' })
    expect(isRedirectlessError(await rejection(swapped.complete()), 'FLOW_ERROR')).toBe(true)
  })
})
