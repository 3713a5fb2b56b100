import { createHash } from 'node:crypto'
import { opaqueToken, uuid } from '../shared/ids.js'
import type { P1Context } from './context.js'
import type { Grant } from './store.js'

/** An RS256 access token (JWT, as PingOne issues them, contract §5). */
export async function mintAccessToken(ctx: P1Context, grant: Grant): Promise<string> {
  const now = Math.floor(ctx.clock.now() / 1000)
  const key = await ctx.signingKey()
  return key.sign({
    client_id: grant.clientId,
    iss: ctx.issuer,
    jti: uuid(),
    iat: now,
    exp: now + ctx.config.accessTokenLifetimeSeconds,
    aud: [ctx.config.accessTokenAudience],
    scope: grant.scope,
    sub: grant.user.id,
    ...(grant.sessionId ? { sid: grant.sessionId } : {}),
    env: ctx.config.environmentId,
  })
}

/**
 * An RS256 id_token: `sub` is the PingOne user id, `aud` the client, `acr` the sign-on policy,
 * `preferred_username` the username. Front-channel tokens carry `at_hash`/`c_hash`.
 */
export async function mintIdToken(
  ctx: P1Context,
  grant: Grant,
  frontChannel: { code?: string; accessToken?: string } = {},
): Promise<string> {
  const now = Math.floor(ctx.clock.now() / 1000)
  const scopes = grant.scope.split(' ')
  const user = grant.user
  const claims: Record<string, unknown> = {
    iss: ctx.issuer,
    sub: user.id,
    aud: grant.clientId,
    iat: now,
    exp: now + ctx.config.idTokenLifetimeSeconds,
    auth_time: Math.floor(grant.authTime / 1000),
    acr: grant.acr,
    preferred_username: user.username,
    env: ctx.config.environmentId,
  }
  if (grant.nonce !== undefined) claims.nonce = grant.nonce
  if (grant.amr.length > 0) claims.amr = grant.amr
  if (grant.sessionId) claims.sid = grant.sessionId
  if (scopes.includes('profile')) {
    if (user.givenName !== undefined) claims.given_name = user.givenName
    if (user.familyName !== undefined) claims.family_name = user.familyName
    const name = [user.givenName, user.familyName].filter(Boolean).join(' ')
    if (name) claims.name = name
  }
  if (scopes.includes('email') && user.email !== undefined) {
    claims.email = user.email
    claims.email_verified = true
  }
  if (frontChannel.accessToken) claims.at_hash = halfHash(frontChannel.accessToken)
  if (frontChannel.code) claims.c_hash = halfHash(frontChannel.code)
  const key = await ctx.signingKey()
  return key.sign(claims)
}

/** The token endpoint's success body (contract §5). */
export async function tokenResponse(
  ctx: P1Context,
  grant: Grant,
  refreshToken: string | undefined,
): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {
    access_token: await mintAccessToken(ctx, grant),
    token_type: 'Bearer',
    expires_in: ctx.config.accessTokenLifetimeSeconds,
    scope: grant.scope,
  }
  if (refreshToken) body.refresh_token = refreshToken
  if (grant.scope.split(' ').includes('openid')) body.id_token = await mintIdToken(ctx, grant)
  return body
}

/** Stores a refresh token for the grant and returns it. */
export function issueRefreshToken(ctx: P1Context, grant: Grant): string {
  const token = opaqueToken(32)
  ctx.store.refreshTokens.set(token, {
    ...grant,
    expiresAt: ctx.clock.now() + ctx.config.refreshTokenLifetimeSeconds * 1000,
  })
  return token
}

/** OIDC `at_hash` / `c_hash` for RS256: the left half of the SHA-256, base64url. */
function halfHash(value: string): string {
  const digest = createHash('sha256').update(value, 'ascii').digest()
  return digest.subarray(0, digest.length / 2).toString('base64url')
}
