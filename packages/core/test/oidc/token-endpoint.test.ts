import { describe, expect, it } from 'vitest'
import { codeExchangeRequest } from '../../src/index.js'

const base = {
  tokenEndpoint: 'https://pf.example/as/token.oauth2',
  code: 'c0de',
  codeVerifier: 'v',
  redirectUri: 'app://cb',
}

describe('codeExchangeRequest', () => {
  it('sends client_id only for public clients', () => {
    const req = codeExchangeRequest({ ...base, client: { clientId: 'demo', authMethod: 'none' } })
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'c0de',
      redirect_uri: 'app://cb',
      code_verifier: 'v',
      client_id: 'demo',
    })
    expect(req.headers.authorization).toBeUndefined()
  })

  it('form-encodes Basic credentials (RFC 6749 §2.3.1)', () => {
    const req = codeExchangeRequest({
      ...base,
      client: { clientId: 'bff:1', clientSecret: 'p@ss w', authMethod: 'client_secret_basic' },
    })
    expect(req.headers.authorization).toBe(`Basic ${btoa('bff%3A1:p%40ss+w')}`)
    expect(new URLSearchParams(req.body).has('client_secret')).toBe(false)
  })

  it('puts the secret in the body for client_secret_post', () => {
    const req = codeExchangeRequest({
      ...base,
      client: { clientId: 'bff', clientSecret: 's', authMethod: 'client_secret_post' },
    })
    expect(new URLSearchParams(req.body).get('client_secret')).toBe('s')
  })

  it('refuses a secret-based method without a secret', () => {
    expect(() =>
      codeExchangeRequest({ ...base, client: { clientId: 'bff', authMethod: 'client_secret_basic' } }),
    ).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
  })
})
