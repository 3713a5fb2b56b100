import type { ServerResponse } from 'node:http'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import { toughCookieJar } from '../../src/cookies.js'
import {
  createTokenLifecycle,
  endSessionUrl,
  type IdTokenClaims,
  isRedirectlessError,
  ProviderKeys,
  RedirectlessError,
  refreshRequest,
  revocationRequest,
  Transport,
} from '../../src/index.js'
import { json, type SeenRequest, startServer } from '../support/server.js'

const { privateKey, publicKey } = await generateKeyPair('RS256')
const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }

describe('request builders', () => {
  it('refresh: grant_type, refresh_token, an optional scope, and the client authentication', () => {
    const request = refreshRequest({
      tokenEndpoint: 'https://as.example/token',
      client: { clientId: 'bff', clientSecret: 's3cret', authMethod: 'client_secret_basic' },
      refreshToken: 'r&t=1',
      scope: 'openid email',
    })
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'r&t=1',
      scope: 'openid email',
    })
    expect(request.headers.authorization).toBe(`Basic ${btoa('bff:s3cret')}`)
    const pub = refreshRequest({
      tokenEndpoint: 'https://as.example/token',
      client: { clientId: 'spa', authMethod: 'none' },
      refreshToken: 'rt',
    })
    expect(new URLSearchParams(pub.body).get('client_id')).toBe('spa')
    expect(new URLSearchParams(pub.body).has('scope')).toBe(false)
  })

  it('revocation: token and hint, the secret in the form for client_secret_post, an assertion when signed', () => {
    const post = revocationRequest({
      revocationEndpoint: 'https://as.example/revoke',
      tokenEndpoint: 'https://as.example/token',
      client: { clientId: 'bff', clientSecret: 's', authMethod: 'client_secret_post' },
      token: 'at',
      tokenTypeHint: 'access_token',
    })
    expect(post.url).toBe('https://as.example/revoke')
    expect(Object.fromEntries(new URLSearchParams(post.body))).toEqual({
      token: 'at',
      token_type_hint: 'access_token',
      client_id: 'bff',
      client_secret: 's',
    })
    const signed = revocationRequest(
      {
        revocationEndpoint: 'https://as.example/revoke',
        tokenEndpoint: 'https://as.example/token',
        client: { clientId: 'jwt', clientSecret: 's', authMethod: 'client_secret_jwt' },
        token: 'rt',
      },
      'the.assertion.jwt',
    )
    expect(new URLSearchParams(signed.body).get('client_assertion')).toBe('the.assertion.jwt')
    expect(() =>
      revocationRequest({
        revocationEndpoint: 'https://as.example/revoke',
        tokenEndpoint: 'https://as.example/token',
        client: { clientId: 'jwt', clientSecret: 's', authMethod: 'private_key_jwt' },
        token: 'rt',
      }),
    ).toThrow(RedirectlessError)
  })

  it('end session: the hint, client_id, redirect and state in the query', () => {
    const url = endSessionUrl({
      endSessionEndpoint: 'https://as.example/logout?x=1',
      clientId: 'app',
      idTokenHint: 'h.i.nt',
      postLogoutRedirectUri: 'https://app.example/bye?a=b',
      state: 's&1',
    })
    expect(Object.fromEntries(url.searchParams)).toEqual({
      x: '1',
      id_token_hint: 'h.i.nt',
      client_id: 'app',
      post_logout_redirect_uri: 'https://app.example/bye?a=b',
      state: 's&1',
    })
  })
})

type Route = (req: SeenRequest, res: ServerResponse, base: string) => unknown

/** An authorization server on 127.0.0.1 whose discovery, JWKS and lifecycle endpoints a test scripts. */
async function authorizationServer(routes: Record<string, Route>, metadata: Record<string, unknown> = {}) {
  let base = ''
  const server = await startServer((req, res) => {
    const path = new URL(req.url, base).pathname
    if (path === '/.well-known/openid-configuration')
      return json(res, 200, {
        issuer: base,
        token_endpoint: `${base}/token`,
        jwks_uri: `${base}/jwks`,
        revocation_endpoint: `${base}/revoke`,
        userinfo_endpoint: `${base}/userinfo`,
        end_session_endpoint: `${base}/logout`,
        ...metadata,
      })
    if (path === '/jwks') return json(res, 200, { keys: [jwk] })
    const route = routes[path]
    if (!route) return json(res, 404, { error: 'not_found' })
    return route(req, res, base)
  })
  base = server.url
  const transport = new Transport({ baseUrl: base, retry: { limit: 2, backoffLimit: 10 } })
  const lifecycle = createTokenLifecycle({
    transport,
    provider: new ProviderKeys(transport, `${base}/.well-known/openid-configuration`, base),
    client: { clientId: 'app', clientSecret: 'a-secret', authMethod: 'client_secret_basic' },
    cookies: toughCookieJar,
  })
  return { ...server, lifecycle, base }
}

const idToken = (base: string, claims: Record<string, unknown> = {}) =>
  new SignJWT({ sub: 'joe', auth_time: 1000, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(base)
    .setAudience('app')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey)

async function refusal(promise: Promise<unknown>): Promise<RedirectlessError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!isRedirectlessError(error)) throw new Error(`expected a RedirectlessError, got ${String(error)}`)
  return error
}

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

describe('refresh', () => {
  const original = (base: string): IdTokenClaims => ({
    iss: base,
    sub: 'joe',
    aud: 'app',
    exp: 0,
    iat: 0,
    auth_time: 1000,
  })

  it('validates the new id_token and holds it to the original sub and auth_time', async () => {
    let claims: Record<string, unknown> = {}
    const as = await authorizationServer({
      '/token': async (_req, res, base) =>
        json(res, 200, { access_token: 'at2', token_type: 'Bearer', id_token: await idToken(base, claims) }),
    })
    close = as.close
    const ok = await as.lifecycle.refresh('rt', { originalClaims: original(as.base) })
    expect(ok.claims?.sub).toBe('joe')
    expect(as.requests.find((r) => r.url === '/token')?.headers.authorization).toMatch(/^Basic /)
    for (const [changed, word] of [
      [{ sub: 'ann' }, 'sub'],
      [{ auth_time: 2000 }, 'auth_time'],
      [{ nonce: 'n' }, 'nonce'],
    ] as const) {
      claims = changed
      const error = await refusal(as.lifecycle.refresh('rt', { originalClaims: original(as.base) }))
      expect([error.code, error.message.includes(word)]).toEqual(['ID_TOKEN_INVALID', true])
    }
  })

  it('an answer without an id_token has no claims; a bad id_token is ID_TOKEN_INVALID', async () => {
    let body: Record<string, unknown> = { access_token: 'at2', token_type: 'Bearer' }
    const as = await authorizationServer({ '/token': (_req, res) => json(res, 200, body) })
    close = as.close
    expect((await as.lifecycle.refresh('rt')).claims).toBeUndefined()
    body = { ...body, id_token: 'not.a.jwt' }
    expect((await refusal(as.lifecycle.refresh('rt'))).code).toBe('ID_TOKEN_INVALID')
  })

  it('is never retried, and masks the refresh token an error repeats', async () => {
    const token = 'refresh-token-the-server-repeats'
    const as = await authorizationServer({
      '/token': (_req, res) =>
        json(res, 503, { error: 'temporarily_unavailable', error_description: `cannot refresh ${token}` }),
    })
    close = as.close
    const error = await refusal(as.lifecycle.refresh(token))
    expect(error.code).toBe('SERVER_ERROR')
    expect(as.requests.filter((r) => r.url === '/token')).toHaveLength(1)
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(token)
  })
})

describe('revoke', () => {
  it('resolves on 200; a refusal is TOKEN_ERROR with the OAuth error', async () => {
    let status = 200
    const as = await authorizationServer({
      '/revoke': (_req, res) =>
        status === 200 ? res.writeHead(200).end() : json(res, status, { error: 'unsupported_token_type' }),
    })
    close = as.close
    await expect(as.lifecycle.revoke('at', { tokenTypeHint: 'access_token' })).resolves.toBeUndefined()
    expect(as.requests.find((r) => r.url === '/revoke')?.body).toBe('token=at&token_type_hint=access_token')
    status = 400
    const error = await refusal(as.lifecycle.revoke('at'))
    expect([error.code, error.server?.code, error.status]).toEqual([
      'TOKEN_ERROR',
      'unsupported_token_type',
      400,
    ])
  })

  it('discovery without revocation_endpoint is INVALID_RESPONSE, nothing sent', async () => {
    const as = await authorizationServer({}, { revocation_endpoint: undefined })
    close = as.close
    const error = await refusal(as.lifecycle.revoke('at'))
    expect([error.code, error.message]).toEqual([
      'INVALID_RESPONSE',
      'The OpenID discovery document lacks revocation_endpoint',
    ])
  })
})

describe('userinfo', () => {
  it('reads the error of a bodiless 401 from WWW-Authenticate', async () => {
    const as = await authorizationServer({
      '/userinfo': (_req, res) =>
        res
          .writeHead(401, {
            'www-authenticate': 'Bearer realm="x", error="invalid_token", error_description="expired"',
          })
          .end(),
    })
    close = as.close
    const error = await refusal(as.lifecycle.userinfo('at'))
    expect([error.code, error.server?.code, error.server?.message, error.status]).toEqual([
      'TOKEN_ERROR',
      'invalid_token',
      'expired',
      401,
    ])
  })

  it('sends the token as Bearer, without cookies; refuses a signed answer and one without sub', async () => {
    let answer: (res: ServerResponse) => void = (res) => json(res, 200, { sub: 'joe', email: 'j@x' })
    const as = await authorizationServer({ '/userinfo': (_req, res) => answer(res) })
    close = as.close
    expect(await as.lifecycle.userinfo('at-1', { subject: 'joe' })).toEqual({ sub: 'joe', email: 'j@x' })
    const seen = as.requests.find((r) => r.url === '/userinfo')
    expect([seen?.method, seen?.headers.authorization, seen?.headers.cookie]).toEqual([
      'GET',
      'Bearer at-1',
      undefined,
    ])
    expect((await refusal(as.lifecycle.userinfo('at-1', { subject: 'ann' }))).code).toBe('TOKEN_ERROR')
    answer = (res) => res.writeHead(200, { 'content-type': 'application/jwt' }).end('a.b.c')
    expect((await refusal(as.lifecycle.userinfo('at-1'))).code).toBe('INVALID_RESPONSE')
    answer = (res) => json(res, 200, { name: 'Joe' })
    expect((await refusal(as.lifecycle.userinfo('at-1'))).code).toBe('INVALID_RESPONSE')
  })
})

describe('signOff', () => {
  it('sends the saved cookies, reads a redirect without following it, and takes a 2xx page as done', async () => {
    let answer: (res: ServerResponse) => void = (res) =>
      res.writeHead(302, { location: '/bye?state=s' }).end()
    const as = await authorizationServer({
      '/logout': (_req, res) => answer(res),
      '/login': (_req, res) => res.writeHead(200, { 'set-cookie': 'SESSION=abc; Path=/' }).end(),
    })
    close = as.close
    // The session cookie the login left in its flow's jar.
    const jar = toughCookieJar.create()
    await jar.wrap(globalThis.fetch)(`${as.base}/login`)
    const out = await as.lifecycle.signOff({ idTokenHint: 'h.i.nt', state: 's', cookies: jar.toJSON() })
    expect(out.redirectedTo).toBe(`${as.base}/bye?state=s`)
    const seen = as.requests.find((r) => r.url.startsWith('/logout'))
    expect(seen?.headers.cookie).toBe('SESSION=abc')
    expect(as.requests.filter((r) => r.url.startsWith('/bye'))).toHaveLength(0)
    answer = (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>bye</p>')
    expect(await as.lifecycle.signOff()).toEqual({})
    answer = (res) => json(res, 400, { error: 'invalid_request', error_description: 'bad hint' })
    const error = await refusal(as.lifecycle.signOff({ idTokenHint: 'h.i.nt' }))
    expect([error.code, error.server?.code]).toEqual(['TOKEN_ERROR', 'invalid_request'])
  })

  it('masks the id_token_hint wherever an error repeats it', async () => {
    const hint = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqb2UifQ.c2lnbmF0dXJl'
    const as = await authorizationServer({
      '/logout': (req, res) =>
        json(res, 500, { error: 'server_error', error_description: `cannot end ${req.url}` }),
    })
    close = as.close
    const error = await refusal(as.lifecycle.signOff({ idTokenHint: hint }))
    expect(error.code).toBe('SERVER_ERROR')
    expect(`${error.message} ${JSON.stringify(error)} ${String(error)}`).not.toContain(hint)
  })

  it('picks the end-session endpoint the product names', async () => {
    const as = await authorizationServer(
      { '/slo': (_req, res) => res.writeHead(204).end() },
      { end_session_endpoint: undefined },
    )
    close = as.close
    const transport = new Transport({ baseUrl: as.base })
    const lifecycle = createTokenLifecycle({
      transport,
      provider: new ProviderKeys(transport, `${as.base}/.well-known/openid-configuration`, as.base),
      client: { clientId: 'app', authMethod: 'none' },
      cookies: toughCookieJar,
      endSessionEndpoint: () => `${as.base}/slo`,
    })
    expect(await lifecycle.signOff()).toEqual({})
    expect((await refusal(as.lifecycle.signOff())).code).toBe('INVALID_RESPONSE')
  })
})
