import type { IdTokenExpectations } from './id-token.js'
import type { VerificationKeys } from './jwks.js'
import type { IdTokenClaims } from './types.js'

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
 * @throws {@link RedirectlessError} `ID_TOKEN_INVALID` for every refusal; `INVALID_ARGUMENT` when
 *   `now()` or `clockTolerance` is not a usable number; what the key resolver throws (a failed JWKS
 *   fetch) passes through.
 */
export async function validateIdToken(
  idToken: unknown,
  keys: VerificationKeys,
  expected: IdTokenExpectations,
): Promise<IdTokenClaims> {
  const verifier = await import('./id-token.js')
  return verifier.validateIdToken(idToken, keys, expected)
}
