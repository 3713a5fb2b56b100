import { describe, expect, it } from 'vitest'
import { resolveClientOptions } from '../src/client-options.js'
import { createPingFederateClient, type PingFederateClientOptions } from '../src/index.js'

const base = { baseUrl: 'https://sso.example.com:9031/', clientId: 'app' }

describe('client options', () => {
  it('defaults', () => {
    expect(resolveClientOptions(base)).toEqual({
      baseUrl: 'https://sso.example.com:9031',
      clientId: 'app',
      clientSecret: undefined,
      authMethod: 'none',
      privateKey: undefined,
      redirectUri: undefined,
      useActionParam: false,
      stateHeaderName: undefined,
      xsrfHeaderValue: 'PingFederate',
      issuer: 'https://sso.example.com:9031',
      followResume: false,
    })
  })

  it('a secret means client_secret_basic unless told otherwise; cookieless picks the header', () => {
    expect(resolveClientOptions({ ...base, clientSecret: 's' }).authMethod).toBe('client_secret_basic')
    expect(
      resolveClientOptions({ ...base, clientSecret: 's', tokenEndpointAuthMethod: 'client_secret_post' })
        .authMethod,
    ).toBe('client_secret_post')
    expect(resolveClientOptions({ ...base, cookieless: true }).stateHeaderName).toBe('X-PF-Authn-API-State')
    expect(
      resolveClientOptions({ ...base, cookieless: { headerName: 'X-Pf-Authn-Api-State' } }).stateHeaderName,
    ).toBe('X-Pf-Authn-Api-State')
    expect(resolveClientOptions({ ...base, redirectUri: 'com.example.app:/callback' }).redirectUri).toBe(
      'com.example.app:/callback',
    )
  })

  it.each([
    ['no options', undefined],
    ['no baseUrl', { clientId: 'app' }],
    ['relative baseUrl', { ...base, baseUrl: '/pf' }],
    ['ftp baseUrl', { ...base, baseUrl: 'ftp://sso.example.com' }],
    ['baseUrl with a query', { ...base, baseUrl: 'https://sso.example.com/?x=1' }],
    ['baseUrl with credentials', { ...base, baseUrl: 'https://u:p@sso.example.com' }],
    ['empty clientId', { ...base, clientId: ' ' }],
    ['empty clientSecret', { ...base, clientSecret: '' }],
    ['unknown auth method', { ...base, clientSecret: 's', tokenEndpointAuthMethod: 'private_key_jwt' }],
    ['basic without secret', { ...base, tokenEndpointAuthMethod: 'client_secret_basic' }],
    ['secret with none', { ...base, clientSecret: 's', tokenEndpointAuthMethod: 'none' }],
    ['bad redirectUri', { ...base, redirectUri: 'not a uri' }],
    ['fetch not a function', { ...base, fetch: 'fetch' }],
    ['zero timeout', { ...base, timeout: 0 }],
    ['bad trusted origin', { ...base, trustedOrigins: ['nope'] }],
    ['trustedOrigins not a list', { ...base, trustedOrigins: 'https://x' }],
    ['cookies not a provider', { ...base, cookies: {} }],
    ['useActionParam not boolean', { ...base, useActionParam: 'yes' }],
    ['bad cookieless header', { ...base, cookieless: { headerName: 'X Bad' } }],
    ['cookieless not boolean', { ...base, cookieless: 'on' }],
    ['xsrf with a newline', { ...base, xsrfHeaderValue: 'a\r\nX-Evil: 1' }],
    ['empty xsrf', { ...base, xsrfHeaderValue: '' }],
    ['empty issuer', { ...base, issuer: '' }],
    ['now not a function', { ...base, now: 5 }],
    ['random not a function', { ...base, random: 5 }],
  ])('%s → INVALID_ARGUMENT', (_name, options) => {
    expect(() => createPingFederateClient(options as unknown as PingFederateClientOptions)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })

  it('never echoes the secret it refuses', () => {
    const secret = 'very-secret-value-123'
    try {
      createPingFederateClient({ ...base, clientSecret: secret, tokenEndpointAuthMethod: 'none' })
    } catch (error) {
      expect(String(error)).not.toContain(secret)
    }
  })

  it('the client object does not expose the secret', () => {
    const pf = createPingFederateClient({ ...base, clientSecret: 'very-secret-value-123' })
    expect(JSON.stringify(pf)).not.toContain('very-secret')
    expect(Object.keys(pf).sort()).toEqual([
      'baseUrl',
      'clientId',
      'refresh',
      'restoreFlow',
      'revoke',
      'signOff',
      'startFlow',
      'userinfo',
    ])
  })

  it('the random source and clock are injected', async () => {
    let calls = 0
    const seen: string[] = []
    const pf = createPingFederateClient({
      ...base,
      random: (n) => {
        calls += 1
        return new Uint8Array(n).fill(7)
      },
      fetch: async (input) => {
        seen.push(String(input instanceof Request ? input.url : input))
        return Response.json({ code: 'VALIDATION_ERROR', message: 'stop here' }, { status: 400 })
      },
    })
    await expect(pf.startFlow({ scope: 'openid' })).rejects.toMatchObject({ code: 'FLOW_ERROR' })
    expect(calls).toBe(3)
    const params = new URL(seen[0] ?? '').searchParams
    expect(params.get('state')).toBe(params.get('nonce'))
    expect(params.get('state')).toBe('BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc')
  })
})
