import { ErrorCodes } from '../errors/codes.js'
import { RedirectlessError } from '../errors/redirectless-error.js'
import { JwsError, type JwsFailure, type VerificationKeys, verifyCompactJws } from './jws-verify.js'
import { base64url } from './random.js'
import type { IdTokenClaims } from './types.js'

/** Asymmetric algorithms only: an HS* id_token would be verifiable with a public key used as a secret. */
export const ID_TOKEN_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const

export interface IdTokenExpectations {
  readonly issuer: string
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

/**
 * Verifies an id_token's signature against the issuer's keys (WebCrypto; asymmetric algorithms
 * only) and checks `iss`, `aud`, `azp`, `exp`, `iat`, `nbf`, `nonce`, `auth_time` and the hashes
 * that bind it to its response.
 *
 * @param keys - the issuer's JWKS, or a function that finds the candidate keys for a header.
 */
export async function validateIdToken(
  idToken: unknown,
  keys: VerificationKeys,
  expected: IdTokenExpectations,
): Promise<IdTokenClaims> {
  if (typeof idToken !== 'string' || idToken.split('.').length !== 3) throw invalid('not a compact JWS')
  let verified: Awaited<ReturnType<typeof verifyCompactJws>>
  try {
    verified = await verifyCompactJws(idToken, keys, ID_TOKEN_ALGORITHMS)
  } catch (error) {
    throw error instanceof JwsError ? invalid(JWS_FAILURES[error.reason]) : error
  }
  const { payload, header } = verified
  const nowSeconds = (expected.now ?? Date.now)() / 1000
  const tolerance = expected.clockTolerance ?? 60
  for (const claim of ['iss', 'sub'] as const) {
    if (typeof payload[claim] !== 'string') throw invalid(`claim "${claim}" is missing`)
  }
  for (const claim of ['exp', 'iat'] as const) {
    if (typeof payload[claim] !== 'number') throw invalid(`claim "${claim}" is missing`)
  }
  if (payload.iss !== expected.issuer) throw invalid('claim "iss" does not match')
  const aud = payload.aud
  if (!(aud === expected.clientId || (Array.isArray(aud) && aud.includes(expected.clientId))))
    throw invalid('claim "aud" does not match')
  if ((payload.exp as number) <= nowSeconds - tolerance) throw invalid('it has expired')
  if (
    payload.nbf !== undefined &&
    !(typeof payload.nbf === 'number' && payload.nbf <= nowSeconds + tolerance)
  )
    throw invalid('claim "nbf" does not match')
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
  await checkHash(payload.at_hash, expected.accessToken, header.alg, 'at_hash', expected.requireHashes)
  await checkHash(payload.c_hash, expected.code, header.alg, 'c_hash', expected.requireHashes)
  return payload as unknown as IdTokenClaims
}

const JWS_FAILURES: Readonly<Record<JwsFailure, string>> = {
  malformed: 'it is malformed',
  algorithm: 'its algorithm is not allowed',
  'no-key': 'no key of the issuer matches it',
  signature: 'the signature does not verify',
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
