import { decodeJwt } from 'jose'
import { authenticateByAssertion } from './client-assertion.js'
import type { P1Context } from './context.js'
import { OAuthError } from './errors.js'
import { firstValues, mediaType } from './http.js'
import { authenticateClient } from './token.js'

/**
 * `POST /{envId}/as/revoke` (RFC 7009): the application authenticates as at the token endpoint and
 * names a refresh token or an access token it was issued. A revoked refresh token is `invalid_grant`
 * at the token endpoint; a revoked access token (a JWT, remembered by its `jti` until it expires) is
 * 401 `invalid_token` at UserInfo. An unknown token is answered 200, as §2.2 asks.
 */
export async function revoke(ctx: P1Context, request: Request): Promise<Response> {
  if (mediaType(request) !== 'application/x-www-form-urlencoded') {
    throw new OAuthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.')
  }
  const params = firstValues(new URLSearchParams(await request.text()))
  const app = params.has('client_assertion')
    ? await authenticateByAssertion(ctx, request, params)
    : authenticateClient(ctx, request, params)
  const token = params.get('token')
  if (!token) throw new OAuthError(400, 'invalid_request', 'The token is required.')
  const refresh = ctx.store.refreshTokens.get(token)
  if (refresh) {
    if (refresh.clientId !== app.id) throw notYours()
    ctx.store.refreshTokens.delete(token)
  } else {
    const access = accessTokenClaims(token)
    if (access && access.iss === ctx.issuer) {
      if (access.client_id !== app.id) throw notYours()
      ctx.store.revokedAccessTokens.set(access.jti, access.exp * 1000)
    }
  }
  const now = ctx.clock.now()
  for (const [jti, until] of ctx.store.revokedAccessTokens)
    if (until <= now) ctx.store.revokedAccessTokens.delete(jti)
  return new Response(null, { status: 200, headers: { 'cache-control': 'no-store' } })
}

/** The claims revocation needs from one of this half's access tokens; undefined for anything else. */
export function accessTokenClaims(
  token: string,
): { iss: string; jti: string; exp: number; client_id: string } | undefined {
  try {
    const claims = decodeJwt(token)
    const { iss, jti, exp, client_id: clientId } = claims
    if (
      typeof iss !== 'string' ||
      typeof jti !== 'string' ||
      typeof exp !== 'number' ||
      typeof clientId !== 'string'
    )
      return undefined
    return { iss, jti, exp, client_id: clientId }
  } catch {
    return undefined
  }
}

function notYours(): OAuthError {
  return new OAuthError(400, 'unauthorized_client', 'The token was not issued to this application.')
}
