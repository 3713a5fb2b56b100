import { type CompleteContext, type FlowSession, ProviderKeys, Transport } from '@redirectless/core'
import { createEmulator, defaultPingFederateConfig } from '@redirectless/emulator'
import { describe, expect, it } from 'vitest'
import { completePingFederateFlow } from '../src/complete.js'
import type { PingFederateResponseType, PingFederateState } from '../src/index.js'
import { DEMO_CLIENT, PASSWORD, pfClient } from './helpers.js'

function emulatorWith(responseTypes: readonly string[]) {
  const demo = defaultPingFederateConfig.clients.find((c) => c.clientId === DEMO_CLIENT)
  if (!demo) throw new Error('the emulator has no demo client')
  return createEmulator({
    pingFederate: {
      clients: [...defaultPingFederateConfig.clients, { ...demo, clientId: 'all-types', responseTypes }],
    },
  })
}

describe('complete() per response type (emulator)', () => {
  it.each([
    ['id_token', false],
    ['id_token token', true],
    ['code id_token', true],
    ['code token', true],
    ['code id_token token', true],
  ] as const)('%s → validated id_token claims', async (responseType, hasAccessToken) => {
    const emu = emulatorWith([responseType])
    const pf = pfClient(emu, 'in-process', { clientId: 'all-types' })
    const flow = await pf.startFlow({
      scope: 'openid',
      responseType: responseType as PingFederateResponseType,
    })
    await flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    const { tokens, claims } = await flow.complete()
    expect(claims?.sub).toBe('joe')
    expect(typeof tokens.access_token === 'string').toBe(hasAccessToken)
  })

  it("'none' resolves with empty tokens and no claims", async () => {
    const emu = emulatorWith(['none'])
    const pf = pfClient(emu, 'in-process', { clientId: 'all-types' })
    const flow = await pf.startFlow({ scope: 'openid', responseType: 'none' })
    await flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    expect(await flow.complete()).toEqual({ tokens: {}, claims: undefined })
  })

  it('max_age is sent and auth_time checked', async () => {
    const emu = createEmulator()
    const flow = await pfClient(emu, 'in-process').startFlow({ scope: 'openid', maxAge: 300 })
    await flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    const { claims } = await flow.complete()
    expect(typeof claims?.auth_time).toBe('number')
  })

  it('an issuer that discovery does not confirm is INVALID_RESPONSE (issuer option)', async () => {
    const emu = createEmulator()
    const flow = await pfClient(emu, 'in-process', { issuer: 'https://elsewhere.example' }).startFlow({
      scope: 'openid',
    })
    await flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    // Discovery names the real issuer, which is not the one configured: refused before any token is used.
    await expect(flow.complete()).rejects.toMatchObject({ code: 'INVALID_RESPONSE' })
  })

  it('a state that is not COMPLETED is FLOW_NOT_COMPLETED; calling again after success returns the same result', async () => {
    const emu = createEmulator()
    const flow = await pfClient(emu, 'in-process').startFlow({ scope: 'openid' })
    await expect(flow.complete()).rejects.toMatchObject({
      code: 'FLOW_NOT_COMPLETED',
      flowStatus: 'USERNAME_PASSWORD_REQUIRED',
    })
    await flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    const first = await flow.complete()
    expect(await flow.complete()).toBe(first)
  })
})

describe('completePingFederateFlow (terminal statuses)', () => {
  const transport = new Transport({
    baseUrl: 'https://sso.example.com',
    fetch: () => Promise.reject(new Error('no I/O')),
  })
  const provider = new ProviderKeys(
    transport,
    'https://sso.example.com/.well-known/openid-configuration',
    'https://sso.example.com',
  )
  const session: FlowSession = { request: { responseType: 'code', state: 's' }, extra: {} }
  const run = (state: unknown) =>
    completePingFederateFlow(
      {
        state: state as PingFederateState,
        session,
        transport,
        sendOptions: {},
        send: () => Promise.reject(new Error('no I/O')),
      } satisfies CompleteContext<PingFederateState>,
      { provider, client: { clientId: 'c', authMethod: 'none' } },
    )

  it('FAILED → FLOW_FAILED with the state code and messages', async () => {
    await expect(
      run({ status: 'FAILED', code: 'ACCOUNT_LOCKED_OUT', userMessage: 'Locked.' }),
    ).rejects.toMatchObject({
      code: 'FLOW_FAILED',
      server: { code: 'ACCOUNT_LOCKED_OUT', userMessage: 'Locked.' },
    })
  })
  it('CANCELED → FLOW_CANCELED', async () => {
    await expect(run({ status: 'CANCELED', canceledOperation: 'PASSWORD_CHANGE' })).rejects.toMatchObject({
      code: 'FLOW_CANCELED',
    })
  })
  it('RESUME → RESUME_REQUIRED, without the resume URL query', async () => {
    const error = await run({
      status: 'RESUME',
      resumeUrl: 'https://sso.example.com/as/Ab1/resume/as/authorization.ping?x=secret',
    }).catch((e) => e)
    expect(error.code).toBe('RESUME_REQUIRED')
    expect(error.message).not.toContain('secret')
  })
  it('COMPLETED with an OAuth error → TOKEN_ERROR; with a foreign state → STATE_MISMATCH', async () => {
    await expect(
      run({ status: 'COMPLETED', authorizeResponse: { error: 'access_denied', state: 's' } }),
    ).rejects.toMatchObject({
      code: 'TOKEN_ERROR',
      server: { code: 'access_denied' },
    })
    await expect(
      run({ status: 'COMPLETED', authorizeResponse: { code: 'x', state: 'other' } }),
    ).rejects.toMatchObject({
      code: 'STATE_MISMATCH',
    })
  })
  it('COMPLETED without authorizeResponse (a password-change application) → INVALID_RESPONSE', async () => {
    await expect(run({ status: 'COMPLETED' })).rejects.toMatchObject({ code: 'INVALID_RESPONSE' })
  })
})
