import { requireNonEmpty } from '@redirectless/core'
import { encode as base64url } from 'jose/base64url'
import {
  invalid,
  isPlainObject,
  type JwtAudienceOptions,
  type JwtLifetimeOptions,
  type JwtSigningOptions,
  resolveAudience,
  signJwt,
  timeClaims,
  toJsonValue,
} from './claims.js'

/** `pi.template`: the notification template (and its variables) for the OTP, voice, e-mail or push text. */
export interface PingOneNotificationTemplate {
  /** The template name, e.g. `transaction`. */
  readonly name: string
  /** A variant of the template, when the tenant defines several. */
  readonly variant?: string | undefined
  /** Values for the template's `${…}` placeholders, e.g. `{ sum: '1,000', currency: 'EUR', recipient: 'Ann' }`. */
  readonly variables: Readonly<Record<string, string | number | boolean>>
}

/** Options of {@link createRequestObject}. */
export interface RequestObjectOptions extends JwtAudienceOptions, JwtSigningOptions, JwtLifetimeOptions {
  /** `iss`: the application id. */
  readonly issuer: string
  /**
   * Send an unsigned request object (`alg: none`). Only for apps with "Allow unsigned request
   * parameters", which lets anyone who can call authorize forge `pi.remoteIp` and `pi.template`.
   */
  readonly unsigned?: true | undefined
  /**
   * `pi.remoteIp`: the end user's IP address, for sign-on policy IP conditions when PingOne sits
   * behind your server or gateway. Signed, so the browser cannot change it.
   */
  readonly remoteIp?: string | undefined
  /** `pi.template`: e.g. a `transaction` template whose variables appear in the OTP or push text. */
  readonly template?: PingOneNotificationTemplate | undefined
  /** `pi.clientContext`: free-form values passed to the mobile app with a push. */
  readonly clientContext?: Readonly<Record<string, string | number | boolean>> | undefined
  /** `sub`: lets the same JWT also serve as the `login_hint_token` (Ping's transaction-approval pattern). */
  readonly subject?: string | undefined
  /**
   * Other OIDC/OAuth request parameters to carry, by wire name (e.g. `{ acr_values: 'MFA-Only' }`).
   * They cannot replace the claims above. Which of them PingOne reads from the JWT is undocumented.
   * Values are carried as `JSON.stringify` makes them (a Date as its ISO string); a BigInt, a cycle,
   * a function, a symbol, NaN or Infinity is refused rather than dropped or nulled.
   */
  readonly parameters?: Readonly<Record<string, unknown>> | undefined
}

const UNSIGNED_HEADER = JSON.stringify({ alg: 'none' })
const RESERVED = new Set(['iss', 'aud', 'iat', 'exp', 'nbf', 'jti', 'sub', '__proto__'])
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
const IPV6 = /^[0-9a-f:.]+$/i

/**
 * Builds a `request` JWT (request object) for the authorize call: `pi.remoteIp`, `pi.template`,
 * `pi.clientContext` and an optional `sub`, with `iss`, `aud`, `iat`, `exp` (default 5 minutes, at
 * most 1 hour) and a random `jti`. Signed with the app's secret (HS*) or a registered private key
 * (RS*); unsigned only with `unsigned: true`.
 *
 * @example
 * ```ts
 * const request = await createRequestObject({
 *   issuer: clientId, secret: clientSecret, authBaseUrl: 'NA', environmentId,
 *   template: { name: 'transaction', variables: { sum: '1,000', currency: 'EUR', recipient: 'Ann' } },
 * })
 * ```
 */
export async function createRequestObject(options: RequestObjectOptions): Promise<string> {
  if (!options || typeof options !== 'object') throw invalid('createRequestObject needs an options object')
  const payload: Record<string, unknown> = {}
  const parameters: unknown = options.parameters === undefined ? {} : options.parameters
  if (!parameters || typeof parameters !== 'object' || !isPlainObject(parameters))
    throw invalid('parameters must be a plain object')
  for (const [name, value] of Object.entries(parameters)) {
    // `__proto__` too: assigned, it would replace the payload's prototype rather than add a claim.
    if (RESERVED.has(name) || name.startsWith('pi.')) throw invalid(`parameters cannot set ${name}`)
    if (value === undefined) continue
    payload[name] = toJsonValue(value, `parameters.${name}`)
  }
  payload.iss = requireNonEmpty(options.issuer, 'issuer')
  payload.aud = resolveAudience(options)
  if (options.subject !== undefined) payload.sub = requireNonEmpty(options.subject, 'subject')
  if (options.remoteIp !== undefined) payload['pi.remoteIp'] = checkIp(options.remoteIp)
  if (options.template !== undefined) payload['pi.template'] = checkTemplate(options.template)
  if (options.clientContext !== undefined)
    payload['pi.clientContext'] = checkValues(options.clientContext, 'clientContext')
  Object.assign(payload, timeClaims(options))

  if (options.unsigned !== undefined) {
    if (options.unsigned !== true) throw invalid('unsigned must be true or left out')
    if (
      options.secret !== undefined ||
      options.privateKey !== undefined ||
      options.algorithm !== undefined ||
      options.keyId !== undefined
    ) {
      throw invalid('An unsigned request object takes no secret, privateKey, algorithm or keyId')
    }
    // jose's UnsecuredJWT would do the same, but its decode() half (claim validation) cannot be
    // tree-shaken and costs ~0.9 kB brotli in this entry; an unsigned JWS needs only the encoding.
    return `${base64url(UNSIGNED_HEADER)}.${base64url(JSON.stringify(payload))}.`
  }
  if (options.secret === undefined && options.privateKey === undefined) {
    throw invalid('A request object needs a secret or a privateKey; pass unsigned: true to send it unsigned')
  }
  return signJwt(payload, options)
}

function checkIp(value: unknown): string {
  const ip = requireNonEmpty(value, 'remoteIp')
  if (!IPV4.test(ip) && !(ip.includes(':') && IPV6.test(ip) && isIpv6(ip)))
    throw invalid('remoteIp must be an IPv4 or IPv6 address')
  return ip
}

// The WHATWG URL parser implements the full IPv6 grammar (`::` once, at most 8 groups, an IPv4
// tail), so `:::::....` is refused without a hand-written parser or a Node built-in.
function isIpv6(ip: string): boolean {
  try {
    new URL(`http://[${ip}]/`)
    return true
  } catch {
    return false
  }
}

function checkTemplate(template: PingOneNotificationTemplate): Record<string, unknown> {
  if (!template || typeof template !== 'object') throw invalid('template must be an object with a name')
  const out: Record<string, unknown> = { name: requireNonEmpty(template.name, 'template.name') }
  if (template.variant !== undefined) out.variant = requireNonEmpty(template.variant, 'template.variant')
  out.variables = checkValues(template.variables ?? {}, 'template.variables')
  return out
}

function checkValues(values: unknown, name: string): Record<string, string | number | boolean> {
  if (!values || typeof values !== 'object' || Array.isArray(values))
    throw invalid(`${name} must be an object`)
  const entries = Object.entries(values)
  for (const [key, value] of entries) {
    // NaN and Infinity would be signed as null.
    if (
      typeof value !== 'string' &&
      !(typeof value === 'number' && Number.isFinite(value)) &&
      typeof value !== 'boolean'
    ) {
      throw invalid(`${name}.${key} must be a string, a finite number or a boolean`)
    }
  }
  // fromEntries defines members: a `__proto__` key stays a member (as JSON.parse made it), where an
  // assignment would have dropped it without a word.
  return Object.fromEntries(entries) as Record<string, string | number | boolean>
}
