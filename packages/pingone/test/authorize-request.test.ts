import { describe, expect, it } from 'vitest'
import { authorizeNeeds, buildAuthorizeRequest } from '../src/authorize-request.js'
import { isRedirectlessError } from '../src/index.js'

const target = {
  authBaseUrl: 'https://auth.pingone.com',
  environmentId: '2d3a7e6c-5b1f-4c8e-9a0d-6f4b2c1e8a35',
  clientId: 'client-1',
}
const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqb2UifQ.c2ln'
const pkce = { verifier: 'v'.repeat(43), challenge: 'c'.repeat(43) }

describe('buildAuthorizeRequest', () => {
  it('builds the pi.flow GET with every parameter URL-encoded', () => {
    const { request, session } = buildAuthorizeRequest(
      { ...target, redirectUri: 'https://app.example.com/cb?x=1&y=2' },
      {
        scope: 'openid profile',
        loginHintToken: jwt,
        acrValues: ['MFA-Only', 'Multi_Factor'],
        state: 'a&b=c',
        maxAge: 60,
        prompt: 'login',
        loginHint: 'joe+1@example.com',
        extraParams: { ui_locales: 'de fr' },
      },
      { pkce, nonce: 'n-1' },
    )
    expect(request.method).toBe('GET')
    const url = new URL(String(request.url))
    expect(`${url.origin}${url.pathname}`).toBe(
      `https://auth.pingone.com/${target.environmentId}/as/authorize`,
    )
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client-1',
      response_type: 'code',
      response_mode: 'pi.flow',
      scope: 'openid profile',
      redirect_uri: 'https://app.example.com/cb?x=1&y=2',
      state: 'a&b=c',
      nonce: 'n-1',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      acr_values: 'MFA-Only Multi_Factor',
      login_hint: 'joe+1@example.com',
      login_hint_token: jwt,
      max_age: '60',
      prompt: 'login',
      ui_locales: 'de fr',
    })
    expect(session.request).toEqual({
      responseType: 'code',
      scope: 'openid profile',
      state: 'a&b=c',
      nonce: 'n-1',
      codeVerifier: pkce.verifier,
      redirectUri: 'https://app.example.com/cb?x=1&y=2',
      maxAge: 60,
    })
    expect(session.extra).toEqual({ environmentId: target.environmentId, clientId: 'client-1' })
  })

  it('posts a form body when asked, keeping the JWTs out of the URL', () => {
    const { request } = buildAuthorizeRequest(
      target,
      { scope: 'openid', request: `${jwt.split('.').slice(0, 2).join('.')}.`, method: 'POST' },
      {},
    )
    expect(request.method).toBe('POST')
    expect(String(request.url)).not.toContain('?')
    expect(request.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded' })
    expect(new URLSearchParams(String(request.body)).get('request')).toMatch(/\.$/)
  })

  it('says which secrets a request needs', () => {
    expect(authorizeNeeds({ scope: 'openid' })).toEqual({ pkce: true, nonce: true })
    expect(authorizeNeeds({ scope: 'profile', pkce: false })).toEqual({ pkce: false, nonce: false })
    expect(authorizeNeeds({ scope: 'openid', responseType: 'token id_token' })).toEqual({
      pkce: false,
      nonce: true,
    })
    expect(authorizeNeeds({ scope: 'openid', nonce: 'mine' })).toEqual({ pkce: true, nonce: false })
    expect(() => authorizeNeeds({ scope: 'profile', responseType: 'id_token' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })

  it.each([
    ['no scope', { scope: '' }],
    ['an unknown response type', { scope: 'openid', responseType: 'code refresh' as 'code' }],
    ['a repeated response type', { scope: 'openid', responseType: 'code code' as 'code' }],
    ['a login_hint_token that is not a JWT', { scope: 'openid', loginHintToken: 'joe' }],
    ['extraParams overriding client_id', { scope: 'openid', extraParams: { client_id: 'other' } }],
    ['extraParams overriding response_mode', { scope: 'openid', extraParams: { response_mode: 'query' } }],
    ['a negative maxAge', { scope: 'openid', maxAge: -1 }],
    ['an empty acrValues list', { scope: 'openid', acrValues: [] }],
    ['a relative redirectUri', { scope: 'openid', redirectUri: '/cb' }],
    ['an unknown method', { scope: 'openid', method: 'PUT' as 'GET' }],
  ])('refuses %s with INVALID_ARGUMENT', (_name, options) => {
    let error: unknown
    try {
      buildAuthorizeRequest(target, options, {})
    } catch (e) {
      error = e
    }
    expect(isRedirectlessError(error, 'INVALID_ARGUMENT')).toBe(true)
  })
})
