import { compactVerify, createLocalJWKSet, decodeJwt } from 'jose'
import type { P1Context } from './context.js'
import { OAuthError } from './errors.js'
import { firstValues, mediaType, readCookie, sessionCookie } from './http.js'

/**
 * `GET|POST /{envId}/as/signoff`: ends the sign-on session the `ST` cookie names and clears the
 * cookie. An `id_token_hint` must be one of this environment's id_tokens (signature and `iss`; an
 * expired one still names its user), for an application that exists and is enabled, and name the
 * session's user, else 400 `invalid_request` and the session stays. `post_logout_redirect_uri` is
 * followed (302, with `state`) when it is one of the application's redirect URIs (EMULATOR DEFAULT:
 * the emulator's applications have no separate sign-off URL list); otherwise a "signed off" page.
 */
export async function signoff(ctx: P1Context, request: Request): Promise<Response> {
  const params =
    request.method === 'POST' && mediaType(request) === 'application/x-www-form-urlencoded'
      ? firstValues(new URLSearchParams(await request.text()))
      : firstValues(new URL(request.url).searchParams)
  const token = readCookie(request, 'ST')
  const session = token === undefined ? undefined : ctx.store.sessions.get(token)
  const rawHint = params.get('id_token_hint')
  const hint = rawHint === undefined ? undefined : await verifiedHint(ctx, rawHint)
  if (rawHint !== undefined && !hint)
    throw new OAuthError(400, 'invalid_request', 'The id_token_hint is invalid.')
  if (hint && session && hint.subject !== session.userId) {
    throw new OAuthError(400, 'invalid_request', 'The id_token_hint names another user than the session.')
  }
  const headers = new Headers({ 'cache-control': 'no-store' })
  if (session && token !== undefined) {
    ctx.store.sessions.delete(token)
    headers.append(
      'set-cookie',
      sessionCookie('', {
        path: `/${ctx.config.environmentId}`,
        maxAgeSeconds: 0,
        attributes: ctx.cookieAttributes,
        now: ctx.clock.now(),
      }),
    )
  }
  const appId = hint?.clientId ?? params.get('client_id')
  const app = appId === undefined ? undefined : ctx.config.applications.find((a) => a.id === appId)
  const target = params.get('post_logout_redirect_uri')
  if (target && app?.redirectUris.includes(target)) {
    const location = new URL(target)
    const state = params.get('state')
    if (state !== undefined) location.searchParams.set('state', state)
    headers.set('location', location.href)
    return new Response(null, { status: 302, headers })
  }
  headers.set('content-type', 'text/html; charset=utf-8')
  return new Response('<!doctype html><title>Signed off</title><p>You have been signed off.</p>', {
    status: 200,
    headers,
  })
}

async function verifiedHint(
  ctx: P1Context,
  hint: string,
): Promise<{ clientId: string; subject: string } | undefined> {
  if (hint.length > 16_384) return undefined
  try {
    await compactVerify(hint, createLocalJWKSet((await ctx.signingKey()).jwks))
    const claims = decodeJwt(hint)
    const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud
    if (claims.iss !== ctx.issuer || typeof aud !== 'string' || typeof claims.sub !== 'string')
      return undefined
    const app = ctx.config.applications.find((a) => a.id === aud)
    return app && app.enabled !== false ? { clientId: aud, subject: claims.sub } : undefined
  } catch {
    return undefined
  }
}
