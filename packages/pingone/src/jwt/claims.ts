import {
  cryptoRandomBytes,
  ErrorCodes,
  type RandomBytes,
  RedirectlessError,
  randomToken,
  requireNonEmpty,
} from '@redirectless/core'
import type { JWK, KeyObject } from 'jose'
import { SignJWT } from 'jose/jwt/sign'
import { type AuthBase, checkEnvironmentId, issuerUrl, resolveAuthBaseUrl } from '../regions.js'

/** Signing algorithms PingOne documents for authorize JWTs: HMAC with an app's secret, or RSA. */
export type PingOneJwtAlgorithm = 'HS256' | 'HS384' | 'HS512' | 'RS256' | 'RS384' | 'RS512'

/**
 * A private RSA key (at least 2048 bits) for the RS* algorithms: a WebCrypto `CryptoKey` made for
 * the algorithm's hash, a private JWK, or a Node `KeyObject`.
 */
export type PingOnePrivateKey = CryptoKey | JWK | KeyObject

/** Who the token is for: an explicit `audience`, or the PingOne environment it is meant for. */
export interface JwtAudienceOptions {
  /** The `aud` claim. Default `{authBaseUrl}/{environmentId}/as`, PingOne's issuer URL. */
  readonly audience?: string | undefined
  /** With `environmentId`, gives the default `audience`: a URL or a region code (`NA`, `EU`, …). */
  readonly authBaseUrl?: AuthBase | undefined
  readonly environmentId?: string | undefined
}

/** How the token is signed: a `secret` (HS*) or a `privateKey` (RS*), never both. */
export interface JwtSigningOptions {
  /**
   * The issuer application's client secret, for HS256 (at least 32 bytes), HS384 (48) or HS512 (64).
   * A server-side secret: never put it in a browser bundle or a mobile app.
   */
  readonly secret?: string | Uint8Array | undefined
  /** A private key whose public half is registered on the application, for RS256/384/512. */
  readonly privateKey?: PingOnePrivateKey | undefined
  /** Default `HS256` with a secret, `RS256` with a private key. */
  readonly algorithm?: PingOneJwtAlgorithm | undefined
  /** A `kid` header, to pick the key among several registered ones. */
  readonly keyId?: string | undefined
}

/** Lifetime and injected sources of time and randomness. */
export interface JwtLifetimeOptions {
  /** Seconds until `exp`. Default 300; more than 3600 is refused (a short-lived token is the point). */
  readonly expiresIn?: number | undefined
  /** Clock, ms since the epoch. */
  readonly now?: (() => number) | undefined
  /** Randomness for `jti`. */
  readonly random?: RandomBytes | undefined
}

/** The default lifetime: long enough for one authorize round trip and clock skew, short enough to replay nothing. */
export const DEFAULT_EXPIRES_IN = 300
/** The longest lifetime allowed; PingOne's own generator uses an hour. */
export const MAX_EXPIRES_IN = 3600

const MIN_SECRET_BYTES: Readonly<Record<string, number>> = { HS256: 32, HS384: 48, HS512: 64 }
const ALGORITHMS: ReadonlySet<string> = new Set(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512'])

/** `INVALID_ARGUMENT` with a message that never quotes the value (it may be a secret). */
export function invalid(message: string): RedirectlessError {
  return new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, message)
}

/** The `aud` claim: the explicit audience, or the environment's issuer URL. */
export function resolveAudience(options: JwtAudienceOptions): string {
  if (options.audience !== undefined) {
    if (options.authBaseUrl !== undefined || options.environmentId !== undefined) {
      throw invalid('Give either audience or authBaseUrl and environmentId, not both')
    }
    return requireNonEmpty(options.audience, 'audience')
  }
  if (options.authBaseUrl === undefined || options.environmentId === undefined) {
    throw invalid('audience is required, or authBaseUrl and environmentId to derive it')
  }
  return issuerUrl(resolveAuthBaseUrl(options.authBaseUrl), checkEnvironmentId(options.environmentId))
}

// The latest instant a JavaScript Date can hold (ECMA-262 §21.4.1.22), in ms.
const MAX_TIME_MS = 8.64e15
const JTI_BYTES = 16

/**
 * `iat`, `exp` and a random `jti`, with the lifetime checked against {@link MAX_EXPIRES_IN}.
 *
 * The injected clock and randomness are checked too: a `now()` that returns NaN, Infinity or a
 * string would otherwise sign `"iat": null, "exp": null` (a token that never expires for a lenient
 * server), and a `random` that returns too few bytes an empty `jti`.
 */
export function timeClaims(options: JwtLifetimeOptions, defaultExpiresIn = DEFAULT_EXPIRES_IN) {
  // `null` is refused, not read as "the default": it is what a lifetime that failed to parse looks like.
  const expiresIn: unknown = options.expiresIn === undefined ? defaultExpiresIn : options.expiresIn
  if (typeof expiresIn !== 'number' || !Number.isInteger(expiresIn) || expiresIn <= 0) {
    throw invalid('expiresIn must be a positive whole number of seconds')
  }
  if (expiresIn > MAX_EXPIRES_IN) {
    throw invalid(
      `expiresIn may be at most ${MAX_EXPIRES_IN} seconds; a longer-lived token is refused, not shortened`,
    )
  }
  const now = options.now ?? Date.now
  const random = options.random ?? cryptoRandomBytes
  if (typeof now !== 'function' || typeof random !== 'function')
    throw invalid('now and random must be functions')
  let nowMs: unknown
  let bytes: unknown
  try {
    nowMs = now()
    bytes = random(JTI_BYTES)
  } catch {
    // The caller's own function failed; its error may quote anything (a secret too): not passed on.
    throw invalid('now() or random() threw')
  }
  if (typeof nowMs !== 'number' || !(nowMs >= 0 && nowMs <= MAX_TIME_MS))
    throw invalid('now() must return ms since the epoch')
  if (!(bytes instanceof Uint8Array) || bytes.length !== JTI_BYTES)
    throw invalid(`random(${JTI_BYTES}) must return ${JTI_BYTES} bytes`)
  const iat = Math.floor(nowMs / 1000)
  return { iat, exp: iat + expiresIn, jti: randomToken(() => bytes, JTI_BYTES) }
}

// Far more than any request parameter needs; bounds the work (an object holding the same child
// twice at every level would otherwise serialise exponentially).
const MAX_JSON_VALUES = 10_000

/**
 * `value` as the token will carry it: what `JSON.stringify` makes of it (a Date becomes its ISO
 * string, `undefined` members are left out), so a signed and an unsigned token carry the same. A
 * BigInt or a cycle (on which JSON.stringify throws a raw TypeError), a function or a symbol (which
 * it drops), NaN or Infinity (which it nulls) are `INVALID_ARGUMENT` instead, with a message that
 * names the value and never quotes it.
 */
export function toJsonValue(value: unknown, name: string): unknown {
  let values = 0
  try {
    return JSON.parse(
      JSON.stringify(value, (_key, item: unknown) => {
        if (
          ++values > MAX_JSON_VALUES ||
          typeof item === 'function' ||
          typeof item === 'symbol' ||
          (typeof item === 'number' && !Number.isFinite(item))
        )
          throw 0
        return item
      }),
    )
  } catch {
    // Whatever threw (the check above, a cycle, a BigInt, the stack, a getter of the caller's) is not shown.
    throw invalid(`${name} must be plain JSON (no BigInt, cycle, function, symbol, NaN)`)
  }
}

/** Checks key and algorithm together, then signs. Errors never carry the key. */
export async function signJwt(payload: Record<string, unknown>, options: JwtSigningOptions): Promise<string> {
  const { secret, privateKey } = options
  if (secret !== undefined && privateKey !== undefined)
    throw invalid('Give either secret or privateKey, not both')
  if (secret === undefined && privateKey === undefined)
    throw invalid('A secret or a privateKey is required to sign')
  const algorithm = options.algorithm ?? (secret !== undefined ? 'HS256' : 'RS256')
  if (!ALGORITHMS.has(algorithm))
    throw invalid('algorithm must be HS256, HS384, HS512, RS256, RS384 or RS512')
  let key: Uint8Array | PingOnePrivateKey
  if (algorithm.startsWith('HS')) {
    if (secret === undefined) throw invalid(`${algorithm} signs with a secret, not a privateKey`)
    key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret
    if (!(key instanceof Uint8Array)) throw invalid('secret must be a string or a Uint8Array')
    const min = MIN_SECRET_BYTES[algorithm] ?? 32
    if (key.byteLength < min) {
      throw invalid(`${algorithm} needs a secret of at least ${min} bytes; this one is ${key.byteLength}`)
    }
  } else {
    if (privateKey === undefined) throw invalid(`${algorithm} signs with a privateKey, not a secret`)
    if (!privateKey || typeof privateKey !== 'object')
      throw invalid('privateKey must be a CryptoKey, a private JWK or a KeyObject')
    // jose freezes a plain JWK it is given (to cache its import); the caller's object stays theirs.
    key = isPlainObject(privateKey) ? { ...privateKey } : privateKey
  }
  const header: { alg: string; typ: string; kid?: string } = { alg: algorithm, typ: 'JWT' }
  if (options.keyId !== undefined) header.kid = requireNonEmpty(options.keyId, 'keyId')
  let jwt: SignJWT
  try {
    // jose copies the claims with structuredClone, which refuses what JSON could not carry anyway.
    jwt = new SignJWT(payload).setProtectedHeader(header)
  } catch {
    throw invalid('The claims must be JSON values (parameters included)')
  }
  try {
    // jose checks the key against the algorithm: private, RSA, the algorithm's hash, ≥ 2048 bits.
    return await jwt.sign(key)
  } catch {
    // jose's message could describe the key; say only what is wrong with its use.
    throw invalid(`The key cannot sign ${algorithm} (is it an RSA private key of at least 2048 bits?)`)
  }
}

/** Whether `value` was made by an object literal, `JSON.parse` or `Object.create(null)`. */
export function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
