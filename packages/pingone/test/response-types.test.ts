import { describe, expect, it } from 'vitest'
import type { PingOneClientOptions, PingOneResponseType } from '../src/index.js'
import { MODES, useEmulator } from './support/emulator.js'

describe.each(MODES)('response types and client authentication (%s)', (mode) => {
  const h = useEmulator(mode)

  async function run(
    responseType: PingOneResponseType,
    client: Partial<PingOneClientOptions> = {},
    scope = 'openid profile',
  ) {
    const flow = await h.client(client).startFlow({
      scope,
      responseType,
      acrValues: 'MFA-Only',
      loginHintToken: await h.loginHintToken('joe'),
    })
    expect(flow.state.status).toBe('OTP_REQUIRED')
    await flow.submit('otp.check', { otp: h.emu.outbox.last('joe')?.otp ?? '' })
    return flow.complete()
  }

  it.each([
    'code',
    'token id_token',
    'id_token',
    'code id_token',
    'code token',
    'code id_token token',
  ] as const)('response_type=%s completes with validated tokens', async (responseType) => {
    const result = await run(responseType)
    expect(result.claims?.sub).toBe(h.userId('joe'))
    if (responseType !== 'id_token') expect(typeof result.tokens.access_token).toBe('string')
  })

  it('response_type=token without openid gives an access token and no claims', async () => {
    const result = await run('token', {}, 'profile')
    expect(typeof result.tokens.access_token).toBe('string')
    expect(result.claims).toBeUndefined()
  })

  it('client_secret_basic (the default with a secret)', async () => {
    expect((await run('code')).claims?.sub).toBe(h.userId('joe'))
  })

  it('client_secret_post', async () => {
    const app = h.emu.pingOne.applications.find((a) => a.tokenEndpointAuthMethod === 'CLIENT_SECRET_POST')
    const result = await run('code', {
      clientId: app?.clientId ?? '',
      clientSecret: app?.clientSecret,
      tokenEndpointAuthMethod: 'client_secret_post',
    })
    expect(result.claims?.aud).toBe(app?.clientId)
  })

  it('none (a public client with PKCE S256)', async () => {
    const app = h.emu.pingOne.applications.find((a) => a.tokenEndpointAuthMethod === 'NONE')
    const result = await run('code', {
      clientId: app?.clientId ?? '',
      clientSecret: undefined,
      tokenEndpointAuthMethod: 'none',
    })
    expect(result.claims?.aud).toBe(app?.clientId)
  })

  it('a state sent on authorize must come back, and does', async () => {
    const flow = await h.client().startFlow({
      scope: 'openid',
      state: 'xyz&=1',
      acrValues: 'MFA-Only',
      loginHintToken: await h.loginHintToken('joe'),
    })
    await flow.submit('otp.check', { otp: h.emu.outbox.last('joe')?.otp ?? '' })
    expect((await flow.complete()).claims?.sub).toBe(h.userId('joe'))
  })
})
