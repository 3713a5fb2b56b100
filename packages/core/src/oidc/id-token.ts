import { encode as base64url } from 'jose/base64url'
import {
  JOSEAlgNotAllowed,
  JOSEError,
  JWKSInvalid,
  JWKSMultipleMatchingKeys,
  JWKSNoMatchingKey,
  JWSInvalid,
  JWSSignatureVerificationFailed,
  JWTClaimValidationFailed,
  JWTExpired,
  JWTInvalid,
} from 'jose/errors'
import { type JWTVerifyGetKey, jwtVerify } from 'jose/jwt/verify'
import { ErrorCodes } from '../errors/codes.js'
import { RedirectlessError } from '../errors/redirectless-error.js'
import { ID_TOKEN_ALGORITHMS } from './algorithms.js'
import { publicKeySet, type VerificationKeys } from './jwks.js'
import { MAX_ID_TOKEN_LENGTH, MAX_JWKS_KEYS } from './limits.js'
import type { IdTokenClaims } from './types.js'

/** What {@link validateIdToken} holds an id_token to: who issued it, for whom, and for which response. */
export interface IdTokenExpectations {
  /** `iss` must equal it: the issuer discovery confirmed. */
  readonly issuer: string
  /** `aud` must name it (alone, or with `azp` equal to it among several). */
  readonly clientId: string
  /** The nonce this flow sent; required to match when given. */
  readonly nonce?: string | undefined
  /** Clock, ms since the epoch. */
  readonly now?: (() => number) | undefined
  /** Seconds of clock skew allowed. Default 60. */
  readonly clockTolerance?: number | undefined
  /** `max_age` sent at authorize: `auth_time` must be present and recent enough. */
  readonly maxAge?: number | undefined
  /** With an access token from the same response, `at_hash` is checked when present. */
  readonly accessToken?: string | undefined
  /** With a code from the same front-channel response, `c_hash` is checked when present. */
  readonly code?: string | undefined
  /** Require `at_hash`/`c_hash` (front-channel responses, OIDC Core §3.2.2.10 and §3.3.2.11). */
  readonly requireHashes?: boolean | undefined
}

const invalid = (reason: string) =>
  new RedirectlessError(ErrorCodes.ID_TOKEN_INVALID, `The id_token is invalid: ${reason}`)

// jose's option takes a mutable array; one copy serves every call.
const ALGORITHMS: string[] = [...ID_TOKEN_ALGORITHMS]
const REQUIRED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'iat']

/**
 * Verifies an id_token with jose (`jwtVerify`; asymmetric algorithms only) against the issuer's
 * keys, and checks `iss`, `aud`, `azp`, `exp`, `iat`, `nbf`, `nonce`, `auth_time` and the hashes
 * that bind it to its response. A `crit` header is refused, as is a `kid` that is not a string.
 *
 * Every refusal is a {@link RedirectlessError} with code `ID_TOKEN_INVALID`, except what the key
 * resolver itself throws (e.g. the coded error of a failed JWKS fetch), which passes through.
 *
 * A token longer than {@link MAX_ID_TOKEN_LENGTH} is refused unread (`ID_TOKEN_INVALID`, "too
 * large"), as a JWKS of more than 100 keys is before any key is imported.
 *
 * @param keys - the issuer's JWKS (`{ keys: [...] }`; private members a JWKS leaks are ignored), or
 *   a jose key resolver such as `ProviderKeys.keyResolver()` returns.
 * @throws {@link RedirectlessError} `INVALID_ARGUMENT` when `now()` or `clockTolerance` is not a
 *   usable number (a NaN clock would otherwise disable the time checks); `INVALID_RESPONSE` when a
 *   JWKS given as `keys` lists more than 100 keys.
 */
export async function validateIdToken(
  idToken: unknown,
  keys: VerificationKeys,
  expected: IdTokenExpectations,
): Promise<IdTokenClaims> {
  if (typeof idToken !== 'string') throw invalid('not a compact JWS')
  if (idToken.length > MAX_ID_TOKEN_LENGTH)
    throw invalid(`it is too large (over ${MAX_ID_TOKEN_LENGTH / 1024} KiB)`)
  if (idToken.split('.').length !== 3) throw invalid('not a compact JWS')
  const nowMs = (expected.now ?? Date.now)()
  const tolerance = expected.clockTolerance ?? 60
  if (typeof nowMs !== 'number' || !Number.isFinite(nowMs))
    throw new RedirectlessError(
      ErrorCodes.INVALID_ARGUMENT,
      'now() must return a finite number of milliseconds',
    )
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0)
    throw new RedirectlessError(
      ErrorCodes.INVALID_ARGUMENT,
      'clockTolerance must be a number of seconds, 0 or more',
    )

  // Which phase an error comes from decides its meaning: before a key is chosen the token is at
  // fault, after it the key cannot check it, and the resolver's own failures are not ours to word.
  let keyChosen = false
  let resolverFailure: unknown
  const getKey: JWTVerifyGetKey = async (header, token) => {
    // jose honours `crit: ["b64"]`; we implement no extension, so any `crit` is refused.
    if ('crit' in header || (header.kid !== undefined && typeof header.kid !== 'string'))
      throw new JWSInvalid('crit, or a kid that is not a string')
    try {
      const resolve = typeof keys === 'function' ? keys : publicKeySet(keys, MAX_JWKS_KEYS)
      const key = await resolve(header, token)
      keyChosen = true
      return key
    } catch (error) {
      resolverFailure = error
      throw error
    }
  }
  let payload: Record<string, unknown>
  let alg: string
  try {
    const verified = await jwtVerify(idToken, getKey, {
      issuer: expected.issuer,
      audience: expected.clientId,
      algorithms: ALGORITHMS,
      currentDate: new Date(nowMs),
      clockTolerance: tolerance,
      requiredClaims: REQUIRED_CLAIMS,
    })
    payload = verified.payload
    alg = verified.protectedHeader.alg
  } catch (error) {
    if (error === resolverFailure && !(error instanceof JOSEError)) throw error
    throw invalid(refusalReason(error, keyChosen))
  }
  // jose checks that these are present; a number for `sub` or an array for `iss` is still wrong.
  for (const claim of ['iss', 'sub'] as const) {
    if (typeof payload[claim] !== 'string') throw invalid(`claim "${claim}" is missing`)
  }
  const nowSeconds = nowMs / 1000
  const aud = payload.aud
  if (Array.isArray(aud) && aud.length > 1 && payload.azp !== expected.clientId)
    throw invalid('azp is not this client')
  if (payload.azp !== undefined && payload.azp !== expected.clientId) throw invalid('azp is not this client')
  if (expected.nonce !== undefined && payload.nonce !== expected.nonce)
    throw invalid('nonce does not match this flow')
  if (expected.maxAge !== undefined) {
    if (typeof payload.auth_time !== 'number') throw invalid('auth_time is missing although max_age was sent')
    if (payload.auth_time + expected.maxAge + tolerance < nowSeconds)
      throw invalid('auth_time is older than max_age')
  }
  await checkHash(payload.at_hash, expected.accessToken, alg, 'at_hash', expected.requireHashes)
  await checkHash(payload.c_hash, expected.code, alg, 'c_hash', expected.requireHashes)
  return payload as unknown as IdTokenClaims
}

const CLAIM_FAILURES: Readonly<Record<string, string>> = {
  missing: 'is missing',
  check_failed: 'does not match',
  // jose's only "invalid" claims are the numeric dates.
  invalid: 'is not a number',
}

/** The sentence for a jose refusal; `keyChosen` tells a bad token from a key that cannot check it. */
function refusalReason(error: unknown, keyChosen: boolean): string {
  if (error instanceof JWTExpired) return 'it has expired'
  if (error instanceof JWTClaimValidationFailed)
    return `claim "${error.claim}" ${CLAIM_FAILURES[error.reason] ?? 'is invalid'}`
  if (error instanceof JOSEAlgNotAllowed) return 'its algorithm is not allowed'
  if (error instanceof JWKSNoMatchingKey || error instanceof JWKSInvalid)
    return 'no key of the issuer matches it'
  if (error instanceof JWKSMultipleMatchingKeys)
    return 'it names no kid and several keys of the issuer match it'
  if (error instanceof JWSSignatureVerificationFailed) return 'the signature does not verify'
  if (error instanceof JWSInvalid || error instanceof JWTInvalid || !keyChosen) return 'it is malformed'
  // jose's TypeError for the key it was given: an RSA key under 2048 bits, or one of another type.
  return 'the signature does not verify'
}

async function checkHash(
  claim: unknown,
  value: string | undefined,
  alg: string,
  name: string,
  required?: boolean,
) {
  if (value === undefined) return
  if (claim === undefined) {
    if (required) throw invalid(`${name} is missing`)
    return
  }
  const bits = alg === 'EdDSA' ? 512 : Number(alg.slice(-3))
  const hash = bits === 384 ? 'SHA-384' : bits === 512 ? 'SHA-512' : 'SHA-256'
  const digest = new Uint8Array(await crypto.subtle.digest(hash, new TextEncoder().encode(value)))
  if (claim !== base64url(digest.slice(0, digest.length / 2))) throw invalid(`${name} does not match`)
}
