import { createLocalJWKSet, jwtVerify } from 'jose'
import type { P1Context } from './context.js'
import { OAuthError } from './errors.js'
import { json } from './http.js'
import { findUser, isEnabled } from './users.js'

/**
 * `GET|POST /{envId}/as/userinfo` with a Bearer access token (RFC 6750 §2.1; OIDC Core §5.3): the
 * token must be one of this environment's, unexpired and not revoked, else 401 `invalid_token`
 * with a `WWW-Authenticate` challenge. The claims follow the token's scopes, as the id_token's do.
 */
export async function userinfo(ctx: P1Context, request: Request): Promise<Response> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')
  const invalid = new OAuthError(401, 'invalid_token', 'The access token is invalid, expired or revoked.', {
    'www-authenticate': 'Bearer error="invalid_token"',
  })
  if (!match?.[1] || match[1].length > 16_384) throw invalid
  let claims: Record<string, unknown>
  try {
    const verified = await jwtVerify(match[1], createLocalJWKSet((await ctx.signingKey()).jwks), {
      issuer: ctx.issuer,
      currentDate: new Date(ctx.clock.now()),
      requiredClaims: ['jti', 'sub', 'exp'],
    })
    claims = verified.payload
  } catch {
    throw invalid
  }
  if (ctx.store.revokedAccessTokens.has(String(claims.jti))) throw invalid
  const user = findUser(ctx, String(claims.sub))
  if (!user || !isEnabled(user)) throw invalid
  const scopes = String(claims.scope ?? '').split(' ')
  if (!scopes.includes('openid')) {
    // RFC 6750 §3.1: a token that is good but not good enough is 403.
    return json(
      { error: 'insufficient_scope', error_description: 'The access token lacks the openid scope.' },
      403,
      {
        'www-authenticate': 'Bearer error="insufficient_scope", scope="openid"',
      },
    )
  }
  const out: Record<string, unknown> = {
    sub: user.id,
    preferred_username: user.username,
    env: ctx.config.environmentId,
  }
  if (scopes.includes('profile')) {
    if (user.givenName !== undefined) out.given_name = user.givenName
    if (user.familyName !== undefined) out.family_name = user.familyName
    const name = [user.givenName, user.familyName].filter(Boolean).join(' ')
    if (name) out.name = name
  }
  if (scopes.includes('email') && user.email !== undefined) {
    out.email = user.email
    out.email_verified = true
  }
  return json(out)
}
