import { describe, expect, it } from 'vitest'
import {
  authorizationParams,
  buildAuthorizeRequest,
  normalizeResponseType,
  normalizeStartParams,
  RESERVED_PARAMS,
  type StartFlowParams,
} from '../src/authorize-request.js'

const build = (params: StartFlowParams, extra: { redirectUri?: string; codeChallenge?: string } = {}) =>
  buildAuthorizeRequest({
    baseUrl: 'https://sso.example.com:9031/',
    clientId: 'my app&=',
    params: normalizeStartParams(params),
    state: 'st&a=t+e#1?/',
    nonce: 'n o+n=ce',
    ...extra,
  })

describe('buildAuthorizeRequest', () => {
  it('GET: one query string, URLSearchParams-encoded, response_mode=pi.flow last', () => {
    const request = build(
      {
        scope: ['openid', 'profile'],
        loginHint: 'joe&admin=true+x#frag',
        acrValues: ['a', 'b'],
        prompt: 'login',
        maxAge: 0,
      },
      { redirectUri: 'https://app.example.com/cb?x=1&y=2', codeChallenge: 'c'.repeat(43) },
    )
    expect(request.method).toBe('GET')
    expect(request.body).toBeUndefined()
    const url = new URL(request.url)
    expect(`${url.origin}${url.pathname}`).toBe('https://sso.example.com:9031/as/authorization.oauth2')
    // Nothing the widget's encodeURI would leave raw: & = + # ? all escaped inside values.
    expect(url.search).toContain('state=st%26a%3Dt%2Be%231%3F%2F')
    expect(url.search).toContain('login_hint=joe%26admin%3Dtrue%2Bx%23frag')
    expect(url.hash).toBe('')
    const params = url.searchParams
    expect(Object.fromEntries(params)).toEqual({
      client_id: 'my app&=',
      response_type: 'code',
      scope: 'openid profile',
      state: 'st&a=t+e#1?/',
      nonce: 'n o+n=ce',
      redirect_uri: 'https://app.example.com/cb?x=1&y=2',
      code_challenge: 'c'.repeat(43),
      code_challenge_method: 'S256',
      acr_values: 'a b',
      login_hint: 'joe&admin=true+x#frag',
      prompt: 'login',
      max_age: '0',
      response_mode: 'pi.flow',
    })
    expect([...params.keys()].at(-1)).toBe('response_mode')
    expect(params.getAll('state')).toHaveLength(1)
  })

  it('POST: a form body with the same parameters and an empty query', () => {
    const request = build({
      scope: 'openid',
      method: 'POST',
      extraParams: { idp: 'x&y', ui_locales: 'fr de' },
    })
    expect(request.method).toBe('POST')
    expect(new URL(request.url).search).toBe('')
    expect(request.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded' })
    const form = new URLSearchParams(String(request.body))
    expect(form.get('state')).toBe('st&a=t+e#1?/')
    expect(form.get('idp')).toBe('x&y')
    expect(form.get('ui_locales')).toBe('fr de')
    expect(form.get('response_mode')).toBe('pi.flow')
    expect(form.has('code_challenge')).toBe(false)
  })

  it('keeps a base path', () => {
    const request = buildAuthorizeRequest({
      baseUrl: 'https://example.com/pf',
      clientId: 'c',
      params: normalizeStartParams({ scope: 'openid' }),
      state: 's',
      nonce: 'n',
    })
    expect(new URL(request.url).pathname).toBe('/pf/as/authorization.oauth2')
  })
})

describe('normalizeStartParams', () => {
  it('defaults: code, PKCE, GET; scopes de-duplicated and space-joined', () => {
    expect(normalizeStartParams({ scope: ' openid  profile openid ' })).toEqual({
      scope: 'openid profile',
      responseType: 'code',
      pkce: true,
      extraParams: {},
      method: 'GET',
    })
  })

  it('PKCE only goes with a code response type, and can be turned off', () => {
    expect(normalizeStartParams({ scope: 'openid', responseType: 'id_token token' }).pkce).toBe(false)
    expect(normalizeStartParams({ scope: 'openid', responseType: 'code id_token' }).pkce).toBe(true)
    expect(normalizeStartParams({ scope: 'openid', pkce: false }).pkce).toBe(false)
  })

  it('response types in any order, none alone', () => {
    expect(normalizeResponseType('token  code id_token')).toBe('code id_token token')
    expect(normalizeResponseType('none')).toBe('none')
    for (const bad of ['none code', 'device_code', '', 42])
      expect(() => normalizeResponseType(bad)).toThrow(/responseType/)
  })

  it.each(RESERVED_PARAMS)('extraParams may not set %s', (name) => {
    expect(() => normalizeStartParams({ scope: 'openid', extraParams: { [name]: 'x' } })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })

  it.each([
    ['no scope', {}],
    ['empty scope', { scope: '  ' }],
    ['scope of numbers', { scope: [1] }],
    ['negative maxAge', { scope: 'openid', maxAge: -1 }],
    ['fractional maxAge', { scope: 'openid', maxAge: 1.5 }],
    ['empty state', { scope: 'openid', state: '' }],
    ['empty nonce', { scope: 'openid', nonce: '' }],
    ['bad method', { scope: 'openid', method: 'PUT' }],
    ['non-string extra', { scope: 'openid', extraParams: { idp: 1 } }],
    ['pkce not boolean', { scope: 'openid', pkce: 'yes' }],
  ])('refuses %s with INVALID_ARGUMENT', (_name, params) => {
    expect(() => normalizeStartParams(params as unknown as StartFlowParams)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })
})

it('authorizationParams leaves out what was not asked for', () => {
  const params = authorizationParams({
    baseUrl: 'https://x',
    clientId: 'c',
    params: normalizeStartParams({ scope: 'openid', responseType: 'id_token' }),
    state: 's',
    nonce: 'n',
  })
  expect([...params.keys()]).toEqual([
    'client_id',
    'response_type',
    'scope',
    'state',
    'nonce',
    'response_mode',
  ])
})

it('any state and login_hint survive the trip through the query and the form (property)', async () => {
  const fc = await import('fast-check')
  fc.assert(
    fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (state, loginHint) => {
      for (const method of ['GET', 'POST'] as const) {
        const request = buildAuthorizeRequest({
          baseUrl: 'https://sso.example.com',
          clientId: 'c',
          params: normalizeStartParams({ scope: 'openid', loginHint, method }),
          state,
          nonce: 'n',
        })
        const params =
          method === 'GET' ? new URL(request.url).searchParams : new URLSearchParams(String(request.body))
        if (params.get('state') !== state || params.get('login_hint') !== loginHint) return false
        if (params.get('response_mode') !== 'pi.flow' || params.getAll('response_mode').length !== 1)
          return false
      }
      return true
    }),
  )
})
