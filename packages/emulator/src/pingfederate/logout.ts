import { compactVerify, createLocalJWKSet, decodeJwt } from 'jose'
import { PF_COOKIE, PF_PERSISTENT_COOKIE, resolveCookieAttributes, serializeCookie } from './cookies.js'
import type { PfRuntime } from './runtime.js'

/**
 * `GET|POST /idp/init_logout.openid`, PF's OpenID Connect RP-initiated logout endpoint (discovery's
 * `end_session_endpoint`), and `/idp/startSLO.ping` (`ping_end_session_endpoint`). With a valid
 * `id_token_hint` for the user of the session the `PF` cookie names, the session ends: the next
 * authorization request asks for the password again. Without one PF asks the user to confirm, so
 * the emulator answers a confirmation page and keeps the session. `post_logout_redirect_uri` is
 * followed (302, with `state`) when it is one of the client's redirect URIs (EMULATOR DEFAULT: the
 * emulator's clients have no separate logout URI list), else a "signed off" page is shown.
 */
export async function handleLogout(rt: PfRuntime, request: Request): Promise<Response> {
  const url = new URL(request.url)
  const params =
    request.method === 'POST' &&
    (request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')
      ? new URLSearchParams(await request.text())
      : url.searchParams
  const hint = await verifiedHint(rt, params.get('id_token_hint'))
  const clientId = hint?.clientId ?? params.get('client_id') ?? undefined
  const session = rt.sessions.fromCookie(request) ?? rt.sessions.fromPersistentCookie(request)
  if (session?.username !== undefined && (!hint || hint.subject !== session.username)) {
    return page(200, 'Sign off?', 'Confirm that you want to sign off.', [])
  }
  const cookies: string[] = []
  if (session) {
    rt.sessions.end(session)
    const attributes = resolveCookieAttributes(rt.ctx.baseUrl, rt.config.pfCookieAttributes)
    for (const name of [PF_COOKIE, PF_PERSISTENT_COOKIE])
      cookies.push(serializeCookie(name, '', { ...attributes, maxAgeSeconds: 0 }))
  }
  const client = clientId === undefined ? undefined : rt.clients.find(clientId)
  const target = params.get('post_logout_redirect_uri')
  if (target && client?.redirectUris.includes(target)) {
    const location = new URL(target)
    const state = params.get('state')
    if (state !== null) location.searchParams.set('state', state)
    const headers = new Headers({ location: location.href, 'cache-control': 'no-store' })
    for (const cookie of cookies) headers.append('set-cookie', cookie)
    return new Response(null, { status: 302, headers })
  }
  return page(200, 'Signed off', 'You have been signed off.', cookies)
}

/** The hint's client and user when PF issued it (signature and `iss`; an expired one still names them). */
async function verifiedHint(
  rt: PfRuntime,
  hint: string | null,
): Promise<{ clientId: string; subject: string } | undefined> {
  if (!hint || hint.length > 16_384) return undefined
  try {
    await compactVerify(hint, createLocalJWKSet((await rt.ctx.signingKey()).jwks))
    const claims = decodeJwt(hint)
    const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud
    if (claims.iss !== rt.ctx.baseUrl || typeof aud !== 'string' || typeof claims.sub !== 'string')
      return undefined
    return rt.clients.find(aud) ? { clientId: aud, subject: claims.sub } : undefined
  } catch {
    return undefined
  }
}

function page(status: number, title: string, text: string, cookies: readonly string[]): Response {
  const headers = new Headers({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
  for (const cookie of cookies) headers.append('set-cookie', cookie)
  return new Response(`<!doctype html><title>${title}</title><p>${text}</p>`, { status, headers })
}
