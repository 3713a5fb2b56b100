import { describe, expect, it } from 'vitest'
import { createPingOneClient as createBrowserClient, platformCookies } from '../src/index.js'
import { createPingOneClient, type PingOneClientOptions } from '../src/node.js'

const environmentId = '2d3a7e6c-5b1f-4c8e-9a0d-6f4b2c1e8a35'
const base: PingOneClientOptions = { authBaseUrl: 'NA', environmentId, clientId: 'app' }

describe('createPingOneClient', () => {
  it('resolves the region and derives the issuer', () => {
    const p1 = createPingOneClient({ ...base, authBaseUrl: 'eu' })
    expect(p1.authBaseUrl).toBe('https://auth.pingone.eu')
    expect(p1.issuer).toBe(`https://auth.pingone.eu/${environmentId}/as`)
    expect(Object.isFrozen(p1)).toBe(true)
  })

  it('never exposes the client secret', () => {
    const secret = 'a-client-secret-that-must-stay-put'
    const p1 = createPingOneClient({ ...base, clientSecret: secret })
    expect(JSON.stringify(p1)).not.toContain(secret)
    expect(Object.values(p1).join(' ')).not.toContain(secret)
  })

  it.each([
    ['no options', undefined],
    ['a bad environment id', { ...base, environmentId: 'env' }],
    ['an unknown region', { ...base, authBaseUrl: 'XX' }],
    ['an empty client id', { ...base, clientId: '' }],
    ['an unknown auth method', { ...base, tokenEndpointAuthMethod: 'private_key_jwt' as 'none' }],
    ['a secret method without a secret', { ...base, tokenEndpointAuthMethod: 'client_secret_post' as const }],
    ['a secret with method none', { ...base, clientSecret: 's', tokenEndpointAuthMethod: 'none' as const }],
    ['an empty secret', { ...base, clientSecret: '' }],
    ['a relative redirect URI', { ...base, redirectUri: '/cb' }],
    ['a zero timeout', { ...base, timeout: 0 }],
    ['a fetch that is not a function', { ...base, fetch: 'fetch' as never }],
    ['a cookie provider without create', { ...base, cookies: {} as never }],
    ['a bad trusted origin', { ...base, trustedOrigins: ['not a url'] }],
  ])('refuses %s with INVALID_ARGUMENT', (_name, options) => {
    expect(() => createPingOneClient(options as PingOneClientOptions)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })

  it('the browser entry keeps cookies in the platform store; the Node entry gives each flow a jar', async () => {
    const seen: RequestInit[] = []
    const fetch = async (_input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(init ?? {})
      return Response.json({ id: 'f', status: 'USERNAME_PASSWORD_REQUIRED', _links: {} })
    }
    const browser = await createBrowserClient({ ...base, fetch }).startFlow({ scope: 'openid' })
    expect(seen[0]?.credentials).toBe('include')
    expect(browser.toJSON().cookies).toBeNull()
    const node = await createPingOneClient({ ...base, fetch }).startFlow({ scope: 'openid' })
    expect(seen[1]?.credentials).toBeUndefined()
    expect(node.toJSON().cookies).not.toBeNull()
    const explicit = await createPingOneClient({ ...base, fetch, cookies: platformCookies }).startFlow({
      scope: 'openid',
    })
    expect(explicit.toJSON().cookies).toBeNull()
  })
})
