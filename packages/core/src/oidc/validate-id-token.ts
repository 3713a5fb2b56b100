import type { IdTokenExpectations } from './id-token.js'
import type { VerificationKeys } from './jwks.js'
import type { MAX_ID_TOKEN_LENGTH, MAX_JWKS_KEYS } from './limits.js'
import type { IdTokenClaims } from './types.js'

// Loaded once and reused; a failed load (a chunk the network lost) is tried again on the next call.
let verifier: Promise<typeof import('./id-token.js')> | undefined

/**
 * Verifies an id_token's signature against the issuer's keys with jose (asymmetric algorithms
 * only) and checks `iss`, `aud`, `azp`, `exp`, `iat`, `nbf`, `nonce`, `auth_time` and the hashes
 * that bind it to its response. A `crit` header and a `kid` that is not a string are refused.
 *
 * The verifier (and jose with it) is loaded on first use: a flow needs it only once it completes,
 * so a browser app draws its first screens without it.
 *
 * @param keys - the issuer's JWKS (`{ keys: [...] }`; private members a JWKS leaks are ignored), or
 *   a jose key resolver such as `ProviderKeys.keyResolver()` returns.
 * @throws {@link RedirectlessError} `ID_TOKEN_INVALID` for every refusal (a token over
 *   {@link MAX_ID_TOKEN_LENGTH} is refused unread); `INVALID_RESPONSE` for a JWKS of more than
 *   {@link MAX_JWKS_KEYS} keys; `INVALID_ARGUMENT` when
 *   `now()` or `clockTolerance` is not a usable number; what the key resolver throws (a failed JWKS
 *   fetch) passes through.
 */
export async function validateIdToken(
  idToken: unknown,
  keys: VerificationKeys,
  expected: IdTokenExpectations,
): Promise<IdTokenClaims> {
  if (!verifier) {
    verifier = import('./id-token.js')
    verifier.catch(() => {
      verifier = undefined
    })
  }
  return (await verifier).validateIdToken(idToken, keys, expected)
}
