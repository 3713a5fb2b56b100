import { createLocalJWKSet, decodeJwt, type JWK, jwtVerify } from 'jose'
import type { P1ApplicationConfig } from './config.js'
import type { P1Context } from './context.js'
import { OAuthError } from './errors.js'
import type { Store } from './store.js'
import { findApp } from './token.js'

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
const MAX_ASSERTION_LENGTH = 8192
// The `jti`s of accepted assertions per emulator, until they expire: an assertion is good once.
const usedJtis = new WeakMap<Store, Map<string, number>>()

/**
 * Client authentication by `client_assertion` (contract §5): `CLIENT_SECRET_JWT` (HS-signed with the
 * secret) or `PRIVATE_KEY_JWT` (signed with a key of the app's `jwks`). `iss` = `sub` = the app id;
 * `aud` the token endpoint, the issuer or the endpoint called, as a full URL; `exp` and a single-use
 * `jti` required. Every failure is 401 `invalid_client`, as for a wrong secret.
 */
export async function authenticateByAssertion(
  ctx: P1Context,
  request: Request,
  params: Map<string, string>,
): Promise<P1ApplicationConfig> {
  const failure = new OAuthError(401, 'invalid_client', 'Client authentication failed.')
  const assertion = params.get('client_assertion') ?? ''
  if (params.get('client_assertion_type') !== JWT_BEARER || assertion.length > MAX_ASSERTION_LENGTH)
    throw failure
  if (request.headers.get('authorization') || params.has('client_secret')) {
    throw new OAuthError(400, 'invalid_request', 'Use one client authentication method only.')
  }
  let named: string | undefined
  try {
    const claims = decodeJwt(assertion)
    if (typeof claims.iss === 'string' && claims.iss === claims.sub) named = claims.iss
  } catch {
    throw failure
  }
  const app = named === undefined ? undefined : findApp(ctx, named)
  if (!app || (params.has('client_id') && params.get('client_id') !== app.id)) throw failure
  const called = new URL(request.url)
  const audience = [`${ctx.issuer}/token`, ctx.issuer, `${called.origin}${called.pathname}`]
  const options = {
    issuer: app.id,
    subject: app.id,
    audience,
    currentDate: new Date(ctx.clock.now()),
    requiredClaims: ['exp', 'jti'],
  }
  let payload: Record<string, unknown>
  try {
    if (app.tokenEndpointAuthMethod === 'CLIENT_SECRET_JWT' && app.clientSecret) {
      const secret = new TextEncoder().encode(app.clientSecret)
      payload = (await jwtVerify(assertion, secret, { ...options, algorithms: ['HS256', 'HS384', 'HS512'] }))
        .payload
    } else if (app.tokenEndpointAuthMethod === 'PRIVATE_KEY_JWT' && app.jwks) {
      const keys = createLocalJWKSet({ keys: app.jwks.keys as JWK[] })
      payload = (await jwtVerify(assertion, keys, options)).payload
    } else {
      throw failure
    }
  } catch {
    throw failure
  }
  const now = ctx.clock.now()
  const used = usedJtis.get(ctx.store) ?? new Map<string, number>()
  usedJtis.set(ctx.store, used)
  for (const [jti, until] of used) if (until <= now) used.delete(jti)
  const key = `${app.id} ${String(payload.jti)}`
  if (used.has(key)) throw failure
  used.set(key, Number(payload.exp) * 1000)
  return app
}
