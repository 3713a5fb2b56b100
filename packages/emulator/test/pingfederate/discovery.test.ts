import { describe, expect, it } from 'vitest'
import { createPingFederateHalf, defaultPingFederateConfig } from '../../src/pingfederate/index.js'
import { createClock } from '../../src/shared/clock.js'
import { lazySigningKey } from '../../src/shared/keys.js'
import { browser, demoParams, emulator } from './helpers.js'

const base = 'https://pingfederate.emulator.test'

describe('discovery and JWKS', () => {
  it('publishes the endpoints under the issuer', async () => {
    const b = browser(emulator())
    const { res, body } = await b.send(`${base}/.well-known/openid-configuration`, {}, false)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(body).toMatchObject({
      issuer: base,
      authorization_endpoint: `${base}/as/authorization.oauth2`,
      token_endpoint: `${base}/as/token.oauth2`,
      jwks_uri: `${base}/pf/JWKS`,
      userinfo_endpoint: `${base}/idp/userinfo.openid`,
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['plain', 'S256'],
      token_endpoint_auth_methods_supported: [
        'client_secret_basic',
        'client_secret_post',
        'client_secret_jwt',
        'private_key_jwt',
        'none',
      ],
    })
    expect(body.response_types_supported).toContain('code id_token token')
    const jwks = await b.send(body.jwks_uri, {}, false)
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) })
    expect(jwks.body.keys[0].d).toBeUndefined()
  })

  it('publishes the key with its self-signed certificate (x5c, x5t#S256), as PingFederate does', async () => {
    const { X509Certificate, createHash } = await import('node:crypto')
    const b = browser(emulator())
    const [key] = (await b.send(`${base}/pf/JWKS`, {}, false)).body.keys
    const der = Buffer.from(key.x5c[0], 'base64')
    const cert = new X509Certificate(der)
    expect(cert.subject).toBe('CN=PingFederate Emulator')
    expect(cert.checkIssued(cert) && cert.verify(cert.publicKey)).toBe(true)
    expect(cert.publicKey.export({ format: 'jwk' })).toMatchObject({ kty: 'RSA', n: key.n, e: key.e })
    expect(key['x5t#S256']).toBe(createHash('sha256').update(der).digest('base64url'))
  })

  it('answers unknown paths with a JSON 404', async () => {
    const b = browser(emulator())
    const { res, body } = await b.send(`${base}/nope`, {}, false)
    expect(res.status).toBe(404)
    expect(body.code).toBe('RESOURCE_NOT_FOUND')
  })

  it('exposes info for clients', () => {
    const info = emulator().pingFederate
    expect(info).toMatchObject({
      baseUrl: base,
      issuer: base,
      clientId: 'redirectless-demo',
      bffClient: { clientId: 'redirectless-bff', clientSecret: expect.any(String) },
      legacyClientId: 'redirectless-legacy',
      cookielessClientId: 'redirectless-cookieless',
      endpoints: { flows: `${base}/pf-ws/authn/flows`, token: `${base}/as/token.oauth2` },
    })
    expect(info.users.map((u) => u.username)).toEqual(['joe', 'ann', 'carl', 'lock', 'fido', 'nodevice'])
    expect(info.users.every((u) => u.password === '2FederateM0re')).toBe(true)
  })
})

describe('route classification for fault injection', () => {
  it('maps paths, also under a base path', () => {
    const make = (baseUrl: string) =>
      createPingFederateHalf(
        { baseUrl, clock: createClock(), signingKey: lazySigningKey('t') },
        defaultPingFederateConfig,
      )
    const half = make(base)
    const route = (path: string) => half.route(new URL(`${base}${path}`), 'GET')
    expect(route('/as/authorization.oauth2')).toBe('authorize')
    expect(route('/pf-ws/authn/flows/abcde')).toBe('flow')
    expect(route('/as/token.oauth2')).toBe('token')
    expect(route('/.well-known/openid-configuration')).toBe('discovery')
    expect(route('/pf/JWKS')).toBe('jwks')
    expect(route('/idp/userinfo.openid')).toBe('other')

    const nested = make('https://idp.example.test/pf')
    expect(nested.route(new URL('https://idp.example.test/pf/pf-ws/authn/flows/abcde'), 'POST')).toBe('flow')
  })

  it('serves and links under a base path', async () => {
    const half = createPingFederateHalf(
      { baseUrl: 'https://idp.example.test/pf', clock: createClock(), signingKey: lazySigningKey('t') },
      defaultPingFederateConfig,
    )
    const { params } = await demoParams()
    const query = new URLSearchParams({ response_mode: 'pi.flow', ...params })
    const res = await half.fetch(new Request(`https://idp.example.test/pf/as/authorization.oauth2?${query}`))
    const body = (await res.json()) as { id: string; _links: { self: { href: string } } }
    expect(body._links.self.href).toBe(`https://idp.example.test/pf/pf-ws/authn/flows/${body.id}`)
  })
})

describe('CORS (contract §2.6)', () => {
  it('answers pre-flights for allowed origins only', async () => {
    const b = browser(emulator())
    const href = `${base}/pf-ws/authn/flows/abcde`
    const ok = await b.send(
      href,
      {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, x-xsrf-header',
        },
      },
      false,
    )
    expect(ok.res.status).toBe(204)
    expect(ok.res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(ok.res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(ok.res.headers.get('access-control-allow-methods')).toBe('GET, POST')
    expect(ok.res.headers.get('access-control-allow-headers')).toBe(
      'Content-Type, X-XSRF-Header, Accept, Authorization, X-PF-Authn-API-State',
    )
    const refused = await b.send(
      href,
      { method: 'OPTIONS', headers: { origin: 'https://evil.example' } },
      false,
    )
    expect(refused.res.status).toBe(403)
    expect(refused.res.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('adds CORS headers to actual responses for allowed origins, and * echoes any origin', async () => {
    const b = browser(emulator())
    const { params } = await demoParams()
    const query = new URLSearchParams({ response_mode: 'pi.flow', ...params })
    const url = `${base}/as/authorization.oauth2?${query}`
    const allowed = await b.send(url, { headers: { origin: 'http://localhost:3000' } })
    expect(allowed.res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    const other = await b.send(url, { headers: { origin: 'https://app.example' } })
    expect(other.res.headers.get('access-control-allow-origin')).toBeNull()

    const any = browser(emulator({ allowedOrigins: ['*'] }))
    const echoed = await any.send(url, { headers: { origin: 'https://app.example' } })
    expect(echoed.res.headers.get('access-control-allow-origin')).toBe('https://app.example')
  })
})

describe('fault injection through the composition', () => {
  it('hits only the route a rule names', async () => {
    const emu = emulator()
    const b = browser(emu)
    emu.faults.add({
      product: 'pingfederate',
      route: 'flow',
      fault: { kind: 'status', status: 503 },
      times: 1,
    })
    const first = await b.authorize((await demoParams()).params)
    expect(first.res.status).toBe(200)
    expect((await b.read(first.body._links.self.href)).res.status).toBe(503)
    expect((await b.read(first.body._links.self.href)).res.status).toBe(200)
  })
})
