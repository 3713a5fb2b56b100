import { describe, expect, it } from 'vitest'
import { createRequestObject, isRedirectlessError } from '../src/index.js'
import { MODES, rejection, useEmulator } from './support/emulator.js'

describe.each(MODES)('request objects against the emulator (%s)', (mode) => {
  const h = useEmulator(mode)
  const signed = (extra: Record<string, unknown>) =>
    createRequestObject({
      issuer: h.emu.pingOne.clientId,
      secret: h.emu.pingOne.clientSecret,
      authBaseUrl: h.emu.pingOne.authBaseUrl,
      environmentId: h.emu.pingOne.environmentId,
      now: () => h.emu.clock.now(),
      ...extra,
    })

  it('an allow-listed pi.remoteIp skips MFA: COMPLETED at once', async () => {
    const flow = await h.client().startFlow({
      scope: 'openid',
      acrValues: 'MFA-Only',
      loginHintToken: await h.loginHintToken('joe'),
      request: await signed({ remoteIp: '203.0.113.25' }),
    })
    expect(flow.state.status).toBe('COMPLETED')
    expect((await flow.complete()).claims?.sub).toBe(h.userId('joe'))
  })

  it('an IP outside the allow-list still asks for MFA', async () => {
    const flow = await h.client().startFlow({
      scope: 'openid',
      acrValues: 'MFA-Only',
      loginHintToken: await h.loginHintToken('joe'),
      request: await signed({ remoteIp: '198.51.100.9' }),
    })
    expect(flow.state.status).toBe('OTP_REQUIRED')
  })

  it('transaction approval: the template variables show in the OTP text', async () => {
    const flow = await h.client().startFlow({
      scope: 'openid',
      acrValues: 'MFA-Only',
      loginHintToken: await h.loginHintToken('joe'),
      request: await signed({
        template: {
          name: 'transaction',
          variables: { sum: '1,000.00', currency: 'EUR', recipient: 'Ann Jones' },
        },
      }),
      method: 'POST',
    })
    expect(flow.state.status).toBe('OTP_REQUIRED')
    const message = h.emu.outbox.last('joe')
    expect(message?.text).toContain('1,000.00 EUR to Ann Jones')
    expect(message?.template?.name).toBe('transaction')
    expect((await flow.submit('otp.check', { otp: message?.otp ?? '' })).status).toBe('COMPLETED')
    expect((await flow.complete()).claims?.sub).toBe(h.userId('joe'))
  })

  it('one JWT with a sub serves as both request and login_hint_token (Ping transaction pattern)', async () => {
    // Signed by the client app itself: a request object's iss is the client, and a login_hint_token
    // may be signed by the authenticating app too.
    const both = await createRequestObject({
      issuer: h.emu.pingOne.clientId,
      secret: h.emu.pingOne.clientSecret,
      authBaseUrl: h.emu.pingOne.authBaseUrl,
      environmentId: h.emu.pingOne.environmentId,
      now: () => h.emu.clock.now(),
      subject: 'joe',
      template: {
        name: 'transaction',
        variant: 'short',
        variables: { sum: '5', currency: 'USD', recipient: 'Bob' },
      },
    })
    const flow = await h
      .client()
      .startFlow({ scope: 'openid', acrValues: 'MFA-Only', loginHintToken: both, request: both })
    expect(flow.state.status).toBe('OTP_REQUIRED')
    expect(h.emu.outbox.last('joe')?.text).toContain('5 USD to Bob')
  })

  it('an unsigned request object is refused by an app that does not allow it', async () => {
    const unsigned = await createRequestObject({
      issuer: h.emu.pingOne.clientId,
      unsigned: true,
      authBaseUrl: h.emu.pingOne.authBaseUrl,
      environmentId: h.emu.pingOne.environmentId,
      now: () => h.emu.clock.now(),
      remoteIp: '203.0.113.25',
    })
    const error = await rejection(
      h.client().startFlow({
        scope: 'openid',
        acrValues: 'MFA-Only',
        loginHintToken: await h.loginHintToken('joe'),
        request: unsigned,
      }),
    )
    expect(isRedirectlessError(error, 'FLOW_ERROR')).toBe(true)
  })
})
