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

/** The `SameSite` and `Secure` attributes of the session cookies. */
export interface CookieAttributes {
  readonly sameSite: 'None' | 'Lax' | 'Strict'
  readonly secure: boolean
}

/** Attributes of one `Set-Cookie` the half writes. */
export interface CookieOptions extends CookieAttributes {
  /** Makes it a persistent cookie; a session cookie when absent. */
  readonly maxAgeSeconds?: number
}

/**
 * The session cookies' attributes for a half served at `baseUrl`, unless the config forces them.
 *
 * `'auto'` picks what browsers keep (TOOLCHAIN pitfall 13): Chromium drops a `SameSite=None`
 * cookie without `Secure`, even on loopback, but keeps `Secure` cookies on https and on
 * potentially trustworthy plain-http origins (127.0.0.0/8, `[::1]`, `localhost`, `*.localhost`),
 * as tough-cookie does. So those get `SameSite=None; Secure`, which also lets an app on another
 * site call the API with `credentials: 'include'`. Any other plain-http origin (a LAN address)
 * can hold neither attribute, so it gets `SameSite=Lax`: same-site apps still work there.
 */
export function resolveCookieAttributes(
  baseUrl: string,
  option: 'auto' | CookieAttributes,
): CookieAttributes {
  if (option !== 'auto') return option
  const url = new URL(baseUrl)
  if (url.protocol === 'https:' || isLoopbackHost(url.hostname)) return { sameSite: 'None', secure: true }
  return { sameSite: 'Lax', secure: false }
}

/** Whether browsers treat plain http on this host as a secure context (W3C Secure Contexts §3.1). */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '')
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/**
 * A `Set-Cookie` value: `HttpOnly` because no script of the app needs the session, `Path=/`
 * because PF shares the session with the whole server (contract §2.4).
 */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', `SameSite=${options.sameSite}`]
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`)
  if (options.secure) parts.push('Secure')
  return parts.join('; ')
}
