import { ErrorCodes, RedirectlessError } from '@redirectless/core'

/**
 * PingOne's regional authentication hosts, by the region codes Ping's own Postman environment uses
 * (`NA`, `CA`, `EU`, `AU`, `SG`, `AP`), plus `ASIA` as another name for `AP` and `US` for `NA`.
 * Source: PingOne "IP address and domain reference" and "PingOne API domains".
 */
export const PINGONE_AUTH_HOSTS = {
  NA: 'https://auth.pingone.com',
  US: 'https://auth.pingone.com',
  CA: 'https://auth.pingone.ca',
  EU: 'https://auth.pingone.eu',
  AU: 'https://auth.pingone.com.au',
  SG: 'https://auth.pingone.sg',
  AP: 'https://auth.pingone.asia',
  ASIA: 'https://auth.pingone.asia',
} as const

/** A PingOne region code accepted wherever an `authBaseUrl` is. */
export type PingOneRegion = keyof typeof PINGONE_AUTH_HOSTS

/** An auth base URL (`https://auth.pingone.eu`, a custom domain, an emulator) or a region code. */
export type AuthBase = string | URL | PingOneRegion

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Turns a region code or URL into the auth base URL, as an origin plus optional path without a
 * trailing slash (custom domains may sit under a path).
 */
export function resolveAuthBaseUrl(authBase: AuthBase | undefined, name = 'authBaseUrl'): string {
  if (typeof authBase === 'string') {
    const region = authBase.toUpperCase()
    if (Object.hasOwn(PINGONE_AUTH_HOSTS, region)) return PINGONE_AUTH_HOSTS[region as PingOneRegion]
  }
  if (authBase === undefined || (typeof authBase !== 'string' && !(authBase instanceof URL))) {
    throw invalid(`${name} must be a URL or one of ${Object.keys(PINGONE_AUTH_HOSTS).join(', ')}`)
  }
  let url: URL
  try {
    url = new URL(authBase)
  } catch {
    throw invalid(`${name} must be an absolute URL or one of ${Object.keys(PINGONE_AUTH_HOSTS).join(', ')}`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`${name} must be an http(s) URL`)
  // The query and fragment would be silently dropped by path joins; refuse them instead.
  if (url.search || url.hash || url.username || url.password) {
    throw invalid(`${name} must not carry credentials, a query or a fragment`)
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/** Checks that `environmentId` is a UUID, as every PingOne environment id is. */
export function checkEnvironmentId(environmentId: unknown): string {
  if (typeof environmentId !== 'string' || !UUID.test(environmentId)) {
    throw invalid('environmentId must be the environment UUID (Settings → Environment Properties)')
  }
  return environmentId
}

/** `{authBase}/{envId}/as`: the issuer, and the `aud` of `login_hint_token`s and request objects. */
export function issuerUrl(authBaseUrl: string, environmentId: string): string {
  return `${authBaseUrl}/${environmentId}/as`
}

function invalid(message: string): RedirectlessError {
  return new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, message)
}
