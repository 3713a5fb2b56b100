import { toughCookieJar } from '@redirectless/core/cookies'
import type { Emulator } from '@redirectless/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPingFederateClient as createNodeClient } from '../src/node.js'
import {
  BFF_CLIENT,
  COOKIELESS_CLIENT,
  emulator,
  LEGACY_CLIENT,
  MODES,
  PASSWORD,
  pfClient,
  recordingFetch,
} from './helpers.js'

describe.each(MODES)('joe signs in (%s)', (mode) => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await emulator(mode)
  })
  afterAll(() => emu.close())

  const bff = () => emu.pingFederate.bffClient ?? { clientId: BFF_CLIENT, clientSecret: '' }

  const cases = [
    { name: 'public client, PKCE, GET start', options: {}, start: {} },
    { name: 'public client, POST start', options: {}, start: { method: 'POST' as const } },
    { name: 'useActionParam', options: { useActionParam: true }, start: {} },
    {
      name: 'client_secret_basic',
      options: () => ({ clientId: bff().clientId, clientSecret: bff().clientSecret }),
      start: {},
    },
    {
      name: 'client_secret_post',
      options: () => ({
        clientId: bff().clientId,
        clientSecret: bff().clientSecret,
        tokenEndpointAuthMethod: 'client_secret_post' as const,
      }),
      start: {},
    },
    { name: 'cookieless', options: { clientId: COOKIELESS_CLIENT, cookieless: true }, start: {} },
  ]

  it.each(cases)('$name → validated tokens', async ({ options: given, start }) => {
    const options: {
      useActionParam?: boolean
      cookieless?: boolean
      clientSecret?: string
      tokenEndpointAuthMethod?: string
    } = typeof given === 'function' ? given() : given
    const { fetch, seen } = recordingFetch(emu, mode)
    const pf = pfClient(emu, mode, { fetch, ...(typeof given === 'function' ? given() : given) })
    const flow = await pf.startFlow({ scope: ['openid', 'profile', 'email'], ...start })
    expect(flow.state.status).toBe('USERNAME_PASSWORD_REQUIRED')
    expect(flow.can('checkUsernamePassword')).toBe(true)
    await flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    expect(flow.state.status).toBe('COMPLETED')
    const { tokens, claims } = await flow.complete()
    expect(tokens.token_type).toBe('Bearer')
    expect(typeof tokens.access_token).toBe('string')
    expect(claims?.sub).toBe('joe')
    expect(claims?.iss).toBe(emu.pingFederate.issuer)
    expect(claims?.aud).toBe(pf.clientId)
    expect(claims?.email).toBe('joe@example.com')

    // Every flow call carries the XSRF header and asks for JSON (contract §2.3).
    const flowCalls = seen.filter((r) => r.url.includes('/pf-ws/authn/flows/'))
    expect(flowCalls.length).toBeGreaterThan(0)
    for (const call of flowCalls) {
      expect(call.headers.get('x-xsrf-header')).toBe('PingFederate')
      expect(call.headers.get('accept')).toBe('application/json')
    }
    const authorize = seen[0]
    expect(authorize?.method).toBe(start.method ?? 'GET')
    const authorizeParams =
      authorize?.method === 'POST'
        ? new URLSearchParams(authorize.body)
        : new URL(authorize?.url ?? '').searchParams
    expect(authorizeParams.get('response_mode')).toBe('pi.flow')
    const post = flowCalls.find((r) => r.method === 'POST')
    if (options.useActionParam) {
      expect(new URL(post?.url ?? '').searchParams.get('action')).toBe('checkUsernamePassword')
      expect(post?.headers.get('content-type')).toBe('application/json')
    } else {
      expect(post?.headers.get('content-type')).toBe(
        'application/vnd.pingidentity.checkUsernamePassword+json',
      )
    }
    if (options.cookieless) {
      for (const call of flowCalls) expect(call.headers.get('x-pf-authn-api-state')).toMatch(/.+/)
      // The state is kept with the flow's secrets, never shown in the state snapshot.
      expect(JSON.stringify(flow.state)).not.toContain('_pf_authn_api_state')
    }
    const token = seen.find((r) => r.url.endsWith('/as/token.oauth2'))
    const form = new URLSearchParams(token?.body)
    if (options.clientSecret) {
      if (options.tokenEndpointAuthMethod === 'client_secret_post') {
        expect(form.get('client_secret')).toBe(bff().clientSecret)
        expect(token?.headers.get('authorization')).toBeNull()
      } else {
        expect(token?.headers.get('authorization')).toMatch(/^Basic /)
        expect(form.get('client_secret')).toBeNull()
      }
    } else {
      expect(form.get('client_id')).toBe(pf.clientId)
      expect(form.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    }
  })

  it('a wrong password is FLOW_ERROR with CREDENTIAL_VALIDATION_FAILED, and the flow goes on', async () => {
    const pf = pfClient(emu, mode)
    const flow = await pf.startFlow({ scope: 'openid' })
    const before = flow.state
    const error = await flow
      .submit('checkUsernamePassword', { username: 'joe', password: 'nope' })
      .catch((e) => e)
    expect(error).toMatchObject({ code: 'FLOW_ERROR', status: 400, server: { code: 'VALIDATION_ERROR' } })
    expect(error.detailCode).toBe('CREDENTIAL_VALIDATION_FAILED')
    expect(flow.state).toBe(before)
    await flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    expect((await flow.complete()).claims?.sub).toBe('joe')
  })

  it('cookieless: a wrong password still moves the echoed state on', async () => {
    const pf = pfClient(emu, mode, { clientId: COOKIELESS_CLIENT, cookieless: true })
    const flow = await pf.startFlow({ scope: 'openid' })
    await expect(
      flow.submit('checkUsernamePassword', { username: 'joe', password: 'nope' }),
    ).rejects.toMatchObject({
      code: 'FLOW_ERROR',
    })
    // The error body carried a new _pf_authn_api_state; the saved flow has it too.
    const saved = JSON.parse(JSON.stringify(flow.toJSON()))
    await flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    expect((await flow.complete()).claims?.sub).toBe('joe')
    expect(saved.session.extra.pfAuthnApiState).toMatch(/.+/)
  })

  it('an SSO session answers COMPLETED at once, and complete() gives tokens', async () => {
    // One jar for every flow of this client, as a browser keeps one PF cookie for the site.
    const jar = toughCookieJar.create()
    const pf = pfClient(emu, mode, { cookies: { kind: 'shared', create: () => jar, restore: () => jar } })
    const first = await pf.startFlow({ scope: 'openid' })
    await first.submit('checkUsernamePassword', { username: 'ann', password: PASSWORD })
    await first.complete()
    const flow = await pf.startFlow({ scope: 'openid' })
    expect(flow.state.status).toBe('COMPLETED')
    const { claims } = await flow.complete()
    expect(claims?.sub).toBe('ann')
  })

  it('a client without redirectless mode gets a coded error naming unauthorized_client', async () => {
    const pf = pfClient(emu, mode, { clientId: emu.pingFederate.legacyClientId ?? LEGACY_CLIENT })
    const error = await pf.startFlow({ scope: 'openid' }).catch((e) => e)
    expect(error).toMatchObject({ code: 'FLOW_ERROR', status: 400, server: { code: 'VALIDATION_ERROR' } })
    expect(error.detailCode).toBe('unauthorized_client')
  })

  it('carl must change his password, then signs in', async () => {
    const pf = pfClient(emu, mode)
    const flow = await pf.startFlow({ scope: 'openid' })
    await flow.submit('checkUsernamePassword', { username: 'carl', password: PASSWORD })
    expect(flow.state.status).toBe('MUST_CHANGE_PASSWORD')
    if (flow.state.status !== 'MUST_CHANGE_PASSWORD') return
    const weak = await flow
      .submit('checkNewPassword', {
        username: flow.state.username,
        existingPassword: PASSWORD,
        newPassword: 'x',
      })
      .catch((e) => e)
    expect(weak.code).toBe('FLOW_ERROR')
    expect(weak.server.details[0].failedValidators.length).toBeGreaterThan(0)
    await flow.submit('checkNewPassword', {
      username: 'carl',
      existingPassword: PASSWORD,
      newPassword: `${mode}-N3w-Passw0rd`,
    })
    expect(flow.state.status).toBe('SUCCESSFUL_PASSWORD_CHANGE')
    await flow.submit('continueAuthentication')
    expect((await flow.complete()).claims?.sub).toBe('carl')
  })

  it('follows a flow id that changes on every answer, and PF.PERSISTENT cookies', async () => {
    const rotating = await emulator(mode, {
      pingFederate: { rotateFlowId: true, persistentSessions: true, identifierFirst: true },
    })
    try {
      const flow = await pfClient(rotating, mode).startFlow({ scope: 'openid' })
      const firstId = flow.state.id
      await flow.submit('submitIdentifier', { identifier: 'joe' })
      expect(flow.state.id).not.toBe(firstId)
      await flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
      expect((await flow.complete()).claims?.sub).toBe('joe')
    } finally {
      await rotating.close()
    }
  })

  it('the Node entry gives each flow a tough-cookie jar by default', async () => {
    const pf = createNodeClient({
      baseUrl: emu.pingFederate.baseUrl,
      clientId: emu.pingFederate.clientId,
      ...(mode === 'in-process' && { fetch: emu.fetch }),
    })
    const flow = await pf.startFlow({ scope: ['openid'] })
    await flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    expect((await flow.complete()).claims?.sub).toBe('joe')
    expect(flow.toJSON().cookies).not.toBeNull()
  })
})
