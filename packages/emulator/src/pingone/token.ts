import { createHash } from 'node:crypto'
import { authenticateByAssertion } from './client-assertion.js'
import type { P1ApplicationConfig } from './config.js'
import type { P1Context } from './context.js'
import { DEVICE_CODE_GRANT, deviceCodeToken } from './device-grant.js'
import { OAuthError } from './errors.js'
import { firstValues, json, mediaType } from './http.js'
import type { Grant } from './store.js'
import { issueRefreshToken, tokenResponse } from './tokens.js'
import { constantTimeEqual } from './users.js'

const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/

/**
 * `POST /{envId}/as/token` (contract §5): `authorization_code` (single-use codes, PKCE, `redirect_uri`
 * match), `refresh_token` and the device code grant (RFC 8628), with the app's own
 * `tokenEndpointAuthMethod` (a `client_assertion` for the two JWT methods). Errors follow RFC 6749 §5.2.
 */
export async function token(ctx: P1Context, request: Request): Promise<Response> {
  if (mediaType(request) !== 'application/x-www-form-urlencoded') {
    throw new OAuthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.')
  }
  const params = firstValues(new URLSearchParams(await request.text()))
  const app = params.has('client_assertion')
    ? await authenticateByAssertion(ctx, request, params)
    : authenticateClient(ctx, request, params)
  switch (params.get('grant_type')) {
    case 'authorization_code':
      return json(await exchangeCode(ctx, app, params))
    case 'refresh_token':
      return json(await refresh(ctx, app, params))
    case DEVICE_CODE_GRANT:
      if (!app.grantTypes.includes('DEVICE_CODE')) {
        throw new OAuthError(400, 'unauthorized_client', 'The application may not use the device code grant.')
      }
      return json(await deviceCodeToken(ctx, app, params))
    case undefined:
      throw new OAuthError(400, 'invalid_request', 'The grant_type is required.')
    default:
      throw new OAuthError(400, 'unsupported_grant_type', 'The grant_type is not supported.')
  }
}

/** Client authentication by exactly the method the app is configured with. */
export function authenticateClient(
  ctx: P1Context,
  request: Request,
  params: Map<string, string>,
): P1ApplicationConfig {
  const authorization = request.headers.get('authorization')
  const bodyId = params.get('client_id')
  const bodySecret = params.get('client_secret')
  if (params.has('client_assertion')) {
    // Only the token and revocation endpoints take assertions (authenticateByAssertion); not this one.
    throw new OAuthError(401, 'invalid_client', 'Client assertions are not accepted at this endpoint.')
  }
  if (authorization?.toLowerCase().startsWith('basic ')) {
    const basicFailure = new OAuthError(401, 'invalid_client', 'Client authentication failed.', {
      'www-authenticate': 'Basic realm="PingOne"',
    })
    if (bodySecret !== undefined) {
      throw new OAuthError(400, 'invalid_request', 'Use one client authentication method only.')
    }
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon < 0) throw basicFailure
    const id = safeDecode(decoded.slice(0, colon))
    const secret = safeDecode(decoded.slice(colon + 1))
    const app = findApp(ctx, id)
    if (
      app?.tokenEndpointAuthMethod !== 'CLIENT_SECRET_BASIC' ||
      (bodyId !== undefined && bodyId !== id) ||
      !constantTimeEqual(app.clientSecret ?? '', secret)
    ) {
      throw basicFailure
    }
    return app
  }
  const failure = new OAuthError(401, 'invalid_client', 'Client authentication failed.')
  if (bodyId === undefined) throw failure
  const app = findApp(ctx, bodyId)
  if (!app) throw failure
  if (bodySecret !== undefined) {
    if (
      app.tokenEndpointAuthMethod !== 'CLIENT_SECRET_POST' ||
      !constantTimeEqual(app.clientSecret ?? '', bodySecret)
    ) {
      throw failure
    }
    return app
  }
  if (app.tokenEndpointAuthMethod !== 'NONE') throw failure
  return app
}

async function exchangeCode(
  ctx: P1Context,
  app: P1ApplicationConfig,
  params: Map<string, string>,
): Promise<Record<string, unknown>> {
  const code = params.get('code')
  if (!code) throw new OAuthError(400, 'invalid_request', 'The code is required.')
  const grant = ctx.store.codes.get(code)
  const invalid = new OAuthError(
    400,
    'invalid_grant',
    'The authorization code is invalid, expired or already used.',
  )
  if (!grant || grant.used || ctx.clock.now() >= grant.expiresAt || grant.clientId !== app.id) throw invalid
  // Burnt on first presentation, even if a later check fails, so a code can never be tried twice.
  grant.used = true

  const redirectUri = params.get('redirect_uri')
  if (
    grant.redirectUri !== undefined
      ? redirectUri !== grant.redirectUri
      : redirectUri !== undefined && !app.redirectUris.includes(redirectUri)
  ) {
    throw new OAuthError(400, 'invalid_grant', 'The redirect_uri does not match the authorization request.')
  }
  if (grant.codeChallenge !== undefined) {
    const verifier = params.get('code_verifier')
    if (!verifier || !CODE_VERIFIER.test(verifier)) {
      throw new OAuthError(400, 'invalid_request', 'A valid code_verifier is required.')
    }
    const derived =
      grant.codeChallengeMethod === 'S256'
        ? createHash('sha256').update(verifier).digest('base64url')
        : verifier
    if (!constantTimeEqual(derived, grant.codeChallenge)) {
      throw new OAuthError(400, 'invalid_grant', 'The code_verifier does not match the code_challenge.')
    }
  }
  const scope = narrowedScope(grant.scope, params.get('scope'))
  const issued: Grant = { ...grant, scope }
  const refreshToken =
    app.grantTypes.includes('REFRESH_TOKEN') && scope.split(' ').includes('offline_access')
      ? issueRefreshToken(ctx, issued)
      : undefined
  return tokenResponse(ctx, issued, refreshToken)
}

async function refresh(
  ctx: P1Context,
  app: P1ApplicationConfig,
  params: Map<string, string>,
): Promise<Record<string, unknown>> {
  if (!app.grantTypes.includes('REFRESH_TOKEN')) {
    throw new OAuthError(400, 'unauthorized_client', 'The application may not use the refresh_token grant.')
  }
  const refreshToken = params.get('refresh_token')
  if (!refreshToken) throw new OAuthError(400, 'invalid_request', 'The refresh_token is required.')
  const grant = ctx.store.refreshTokens.get(refreshToken)
  if (!grant || grant.clientId !== app.id || ctx.clock.now() >= grant.expiresAt) {
    throw new OAuthError(400, 'invalid_grant', 'The refresh token is invalid or expired.')
  }
  const { expiresAt: _expiresAt, ...base } = grant
  const scope = narrowedScope(grant.scope, params.get('scope'))
  let next = refreshToken
  if (ctx.config.rotateRefreshTokens) {
    ctx.store.refreshTokens.delete(refreshToken)
    // The new refresh token keeps the whole grant (RFC 6749 §6), whatever this call narrowed.
    next = issueRefreshToken(ctx, base)
  }
  return tokenResponse(ctx, { ...base, scope }, next)
}

/** A requested scope may only narrow the granted one. */
function narrowedScope(granted: string, requested: string | undefined): string {
  if (requested === undefined) return granted
  const allowed = granted.split(' ')
  const asked = requested.split(' ').filter(Boolean)
  if (asked.some((s) => !allowed.includes(s))) {
    throw new OAuthError(400, 'invalid_scope', 'The scope exceeds what was granted.')
  }
  return asked.join(' ')
}

/** The enabled application with this id. */
export function findApp(ctx: P1Context, id: string): P1ApplicationConfig | undefined {
  const app = ctx.config.applications.find((a) => a.id === id)
  return app && app.enabled !== false ? app : undefined
}

/** RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64. */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '))
  } catch {
    return value
  }
}
