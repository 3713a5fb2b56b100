import { type JWTVerifyGetKey, errors as joseErrors, jwtVerify } from 'jose'
import { ErrorCodes } from '../errors/codes.js'
import { RedirectlessError } from '../errors/redirectless-error.js'
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
 * Verifies an id_token's signature against the issuer's keys and checks `iss`, `aud`, `azp`,
 * `exp`, `iat`, `nonce`, `auth_time` and the hashes that bind it to its response.
 */
export async function validateIdToken(
  idToken: unknown,
  keys: JWTVerifyGetKey,
  expected: IdTokenExpectations,
): Promise<IdTokenClaims> {
  if (typeof idToken !== 'string' || idToken.split('.').length !== 3) throw invalid('not a compact JWS')
  const now = expected.now ?? Date.now
  let payload: Record<string, unknown>
  let alg: string
  try {
    const result = await jwtVerify(idToken, keys, {
      issuer: expected.issuer,
      audience: expected.clientId,
      algorithms: [...ID_TOKEN_ALGORITHMS],
      currentDate: new Date(now()),
      clockTolerance: expected.clockTolerance ?? 60,
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
    })
    payload = result.payload as Record<string, unknown>
    alg = result.protectedHeader.alg
  } catch (error) {
    throw mapJoseError(error)
  }
  const aud = payload.aud
  if (Array.isArray(aud) && aud.length > 1 && payload.azp !== expected.clientId)
    throw invalid('azp is not this client')
  if (payload.azp !== undefined && payload.azp !== expected.clientId) throw invalid('azp is not this client')
  if (expected.nonce !== undefined && payload.nonce !== expected.nonce)
    throw invalid('nonce does not match this flow')
  if (expected.maxAge !== undefined) {
    if (typeof payload.auth_time !== 'number') throw invalid('auth_time is missing although max_age was sent')
    const tolerance = expected.clockTolerance ?? 60
    if (payload.auth_time + expected.maxAge + tolerance < now() / 1000)
      throw invalid('auth_time is older than max_age')
  }
  await checkHash(payload.at_hash, expected.accessToken, alg, 'at_hash', expected.requireHashes)
  await checkHash(payload.c_hash, expected.code, alg, 'c_hash', expected.requireHashes)
  return payload as unknown as IdTokenClaims
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

function mapJoseError(error: unknown): RedirectlessError {
  if (error instanceof RedirectlessError) return error
  if (error instanceof joseErrors.JWTExpired) return invalid('it has expired')
  if (error instanceof joseErrors.JWTClaimValidationFailed)
    return invalid(
      `claim "${error.claim}" ${error.reason === 'check_failed' ? 'does not match' : error.reason}`,
    )
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return invalid('its algorithm is not allowed')
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return invalid('the signature does not verify')
  if (error instanceof joseErrors.JWKSNoMatchingKey) return invalid('no key of the issuer matches it')
  if (error instanceof joseErrors.JWTInvalid || error instanceof joseErrors.JWSInvalid)
    return invalid('it is malformed')
  if (error instanceof joseErrors.JOSEError) return invalid(error.code)
  return invalid('it could not be verified')
}
