/** PingFederate's session cookie; the flow is bound to it (contract §2.4). */
export const PF_COOKIE = 'PF'
/** The long-lived session cookie PF issues when persistent authentication sessions are on. */
export const PF_PERSISTENT_COOKIE = 'PF.PERSISTENT'

/** Reads one cookie from a `Cookie` request header; the last occurrence wins, as in most servers. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie')
  if (!header) return undefined
  let value: string | undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) value = part.slice(eq + 1).trim()
  }
  return value
}

/** Attributes of a `Set-Cookie` the half writes. */
export interface CookieOptions {
  /** Adds `Secure`; only when the half is served over https, or browsers drop it on plain http. */
  readonly secure: boolean
  /** Makes it a persistent cookie; a session cookie when absent. */
  readonly maxAgeSeconds?: number
}

/**
 * A `Set-Cookie` value. `SameSite=None` because the app calling the API is often on another site
 * and the flow only works if the browser sends the cookie back with `credentials: 'include'`.
 */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=None']
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`)
  if (options.secure) parts.push('Secure')
  return parts.join('; ')
}
