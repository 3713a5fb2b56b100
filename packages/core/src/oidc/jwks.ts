import { JOSEError, JWKSInvalid } from 'jose/errors'
import { createLocalJWKSet } from 'jose/jwks/local'
import type { JWTVerifyGetKey } from 'jose/jwt/verify'
import { ErrorCodes } from '../errors/codes.js'
import { RedirectlessError } from '../errors/redirectless-error.js'
import type { MAX_JWKS_KEYS } from './limits.js'

/** A key as an issuer's JWKS lists it (RFC 7517). Private members, if any leak, are ignored. */
export interface PublicJwk {
  readonly kty: string
  readonly kid?: string | undefined
  readonly use?: string | undefined
  readonly alg?: string | undefined
  readonly key_ops?: readonly string[] | undefined
  readonly crv?: string | undefined
  readonly [parameter: string]: unknown
}

/** A JSON Web Key Set: `{ keys: [...] }`. */
export interface PublicJwks {
  readonly keys: readonly PublicJwk[]
}

/**
 * The issuer's keys for an id_token: its JWKS, or a jose key resolver (`JWTVerifyGetKey`, such as
 * `ProviderKeys.keyResolver()` returns) that picks the key for a token's header.
 */
export type VerificationKeys = PublicJwks | JWTVerifyGetKey

// RFC 7517/7518 private members. jose refuses a JWKS member that carries them, but an issuer that
// leaks them still publishes a usable public key, so the key is kept and the secret half dropped.
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth', 'priv'] as const

/**
 * A jose key resolver over the public half of `jwks`. Build it once per JWKS: jose imports each
 * key on first use and reuses it for every later token.
 *
 * Entries that are not objects or have no string `kty` are skipped (RFC 7517 §5: ignore keys one
 * cannot use). The resolver refuses a token whose header matches several keys and names no `kid`
 * (jose's `JWKSMultipleMatchingKeys`) rather than trying each.
 *
 * @param maxKeys - {@link MAX_JWKS_KEYS}, passed in by the callers (a value imported here would make
 *   this lazily loaded chunk import the constants' chunk for nothing).
 * @throws {@link RedirectlessError} `INVALID_RESPONSE` when the set lists more than `maxKeys`
 *   keys: the copy and the key imports a set costs stay bounded.
 */
export function publicKeySet(jwks: PublicJwks, maxKeys: number): JWTVerifyGetKey {
  const listed = Array.isArray(jwks?.keys) ? (jwks.keys as readonly unknown[]) : []
  if (listed.length > maxKeys)
    throw new RedirectlessError(ErrorCodes.INVALID_RESPONSE, `The JWKS lists more than ${maxKeys} keys`)
  const keys = listed
    .filter(
      (key): key is Record<string, unknown> =>
        !!key && typeof key === 'object' && !Array.isArray(key) && typeof (key as PublicJwk).kty === 'string',
    )
    .map((key) => {
      const copy = { ...key }
      for (const member of PRIVATE_MEMBERS) delete copy[member]
      return copy
    })
  const local = createLocalJWKSet({ keys })
  return async (header, token) => {
    try {
      return await local(header, token)
    } catch (error) {
      // A key WebCrypto will not import fails with a platform error: give it jose's class, so the
      // caller can tell it from its own resolver's failures (a JWKS fetch), which pass through.
      throw error instanceof JOSEError
        ? error
        : new JWKSInvalid('A key of the JSON Web Key Set cannot be imported', { cause: error })
    }
  }
}
