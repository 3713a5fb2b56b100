import type { CookieAttributes } from '../pingfederate/cookies.js'

/** A JSON answer; every PingOne answer is uncacheable. */
export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const out = new Headers(headers)
  out.set('content-type', 'application/json')
  out.set('cache-control', 'no-cache, no-store')
  return new Response(JSON.stringify(body), { status, headers: out })
}

/** The value of one cookie in the request's `Cookie` header. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie')
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

/**
 * A `Set-Cookie` value with the attributes PingOne puts on `ST` (contract §3.4), `SameSite` and
 * `Secure` as the half's origin lets a browser keep them (see `sessionCookieAttributes`).
 */
export function sessionCookie(
  value: string,
  options: { path: string; maxAgeSeconds: number; attributes: CookieAttributes; now: number },
): string {
  const expires = new Date(options.now + options.maxAgeSeconds * 1000).toUTCString()
  const parts = [
    `ST=${value}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAgeSeconds}`,
    `Expires=${expires}`,
  ]
  if (options.attributes.secure) parts.push('Secure')
  parts.push('HttpOnly', `SameSite=${options.attributes.sameSite}`)
  return parts.join('; ')
}

/** The media type of a `Content-Type` header, lower-cased, without parameters; '' when absent. */
export function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

/** Parameters of a query string or a form body: the first value of each name (later duplicates ignored). */
export function firstValues(params: URLSearchParams): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of params) if (!out.has(key)) out.set(key, value)
  return out
}
