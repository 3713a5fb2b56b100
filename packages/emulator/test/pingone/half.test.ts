import { describe, expect, it } from 'vitest'
import { createEmulator, defaultPingOneConfig } from '../../src/index.js'
import { createPingOneHalf } from '../../src/pingone/index.js'
import { createClock } from '../../src/shared/clock.js'
import { lazySigningKey } from '../../src/shared/keys.js'
import { authorize, loginHintToken, read, requestObject, resume, startMfa } from './helpers.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('default data', () => {
  it('uses UUID ids and secrets of at least 32 bytes', () => {
    const config = defaultPingOneConfig
    const ids = [
      config.environmentId,
      ...config.applications.map((a) => a.id),
      ...config.users.map((u) => u.id),
      ...config.users.flatMap((u) => u.devices.map((d) => d.id)),
      ...config.signOnPolicies.map((p) => p.id),
      ...config.agreements.map((a) => a.id),
      ...config.identityProviders.map((p) => p.id),
      config.passwordPolicy.id,
    ]
    for (const id of ids) expect(id).toMatch(UUID)
    expect(new Set(ids).size).toBe(ids.length)
    for (const app of config.applications) {
      if (app.clientSecret !== undefined)
        expect(new TextEncoder().encode(app.clientSecret).length).toBeGreaterThanOrEqual(32)
    }
    expect(config.users.map((u) => u.username)).toEqual([
      'joe',
      'ann',
      'carl',
      'lock',
      'fido',
      'nodevice',
      'pat',
      'eve',
      'vic',
      'ivy',
    ])
  })

  it('reports what a client needs in info', () => {
    const emu = createEmulator()
    const info = emu.pingOne
    expect(info.authBaseUrl).toBe('https://auth.pingone.emulator.test')
    expect(info.issuer).toBe(`${info.authBaseUrl}/${info.environmentId}/as`)
    expect(info.clientSecret.length).toBeGreaterThanOrEqual(32)
    expect(info.loginHintIssuer.clientId).not.toBe(info.clientId)
    expect(info.mfaOnlyAcrValues).toBe('MFA-Only')
    expect(info.applications.map((a) => a.tokenEndpointAuthMethod).sort()).toEqual([
      'CLIENT_SECRET_BASIC',
      'CLIENT_SECRET_BASIC',
      'CLIENT_SECRET_POST',
      'NONE',
      'NONE',
    ])
    expect(info.deviceAuthorizationEndpoint).toBe(`${info.issuer}/device_authorization`)
  })
})

describe('composition hooks', () => {
  it('classifies routes for fault rules', () => {
    const half = createPingOneHalf(
      { baseUrl: 'http://x.test', clock: createClock(), signingKey: lazySigningKey('t') },
      defaultPingOneConfig,
    )
    const route = (path: string) => half.route(new URL(`http://x.test${path}`), 'GET')
    expect(route('/env/as/authorize')).toBe('authorize')
    expect(route('/env/flows/abc')).toBe('flow')
    expect(route('/env/as/resume')).toBe('resume')
    expect(route('/env/as/token')).toBe('token')
    expect(route('/env/as/device_authorization')).toBe('token')
    expect(route('/env/device/tv')).toBe('authorize')
    expect(route('/env/as/.well-known/openid-configuration')).toBe('discovery')
    expect(route('/env/as/jwks')).toBe('jwks')
    expect(route('/env/signon/')).toBe('other')
  })

  it('fault rules naming a PingOne route hit it', async () => {
    const emu = createEmulator()
    const started = await startMfa(emu, 'joe')
    emu.faults.add({
      product: 'pingone',
      route: 'flow',
      method: 'GET',
      times: 1,
      fault: { kind: 'status', status: 503 },
    })
    expect((await read(emu, started.body)).status).toBe(503)
    expect((await read(emu, started.body)).status).toBe(200)
  })

  it('answers CORS preflights for browser apps, with credentials', async () => {
    const emu = createEmulator()
    const preflight = await emu.fetch(`${emu.pingOne.issuer}/authorize`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(preflight.status).toBeLessThan(300)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true')
    const closed = createEmulator({ pingOne: { corsAllowedOrigins: ['https://app.example.com'] } })
    const refused = await closed.fetch(`${closed.pingOne.issuer}/jwks`, {
      headers: { origin: 'http://evil.example' },
    })
    expect(refused.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('parameter precedence and combinations', () => {
  it('query parameters win over the request object unless requestObjectPrecedence is request', async () => {
    for (const [precedence, expected] of [
      ['query', 'from-query'],
      ['request', 'from-jwt'],
    ] as const) {
      const emu = createEmulator({
        pingOne: { requestObjectPrecedence: precedence, resumeRequiresSessionCookie: false },
      })
      const request = await requestObject(emu, { state: 'from-jwt', 'pi.remoteIp': '203.0.113.3' })
      const done = await startMfa(emu, 'joe', { request, state: 'from-query' })
      expect((await resume(emu, done.body, undefined)).body.authorizeResponse.state).toBe(expected)
    }
  })

  it('login_hint with login_hint_token is accepted, or refused with rejectLoginHintWithLoginHintToken', async () => {
    const lenient = createEmulator()
    expect((await startMfa(lenient, 'joe', { login_hint: 'joe' })).status).toBe(200)
    const strict = createEmulator({ pingOne: { rejectLoginHintWithLoginHintToken: true } })
    const refused = await authorize(strict, {
      acr_values: 'MFA-Only',
      login_hint: 'joe',
      login_hint_token: await loginHintToken(strict, 'joe'),
    })
    expect(refused.status).toBe(400)
    expect(refused.body.details[0].target).toBe('login_hint')
  })
})
