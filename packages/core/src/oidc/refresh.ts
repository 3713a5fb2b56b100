import { ErrorCodes } from '../errors/codes.js'
import { RedirectlessError } from '../errors/redirectless-error.js'
import type { SendOptions, Transport } from '../http/transport.js'
import type { IdTokenExpectations } from './id-token.js'
import type { VerificationKeys } from './jwks.js'
import { authenticatedFormRequest, clientAssertionFor, processTokenResponse } from './token-endpoint.js'
import type { AuthorizationResult, ClientCredentials, IdTokenClaims, TokenEndpointResponse } from './types.js'
import { validateIdToken } from './validate-id-token.js'

/** A `refresh_token` grant (RFC 6749 §6). */
export interface RefreshGrant {
  readonly tokenEndpoint: string
  readonly client: ClientCredentials
  readonly refreshToken: string
  /** A narrower scope than the one granted, space-separated; the granted one when absent. */
  readonly scope?: string | undefined
  /** Clock for a client assertion's `iat`/`exp`, ms since the epoch. */
  readonly now?: (() => number) | undefined
}

/** Builds the `refresh_token` grant request, authenticated as the client is configured. */
export function refreshRequest(grant: RefreshGrant, assertion?: string) {
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: grant.refreshToken })
  if (grant.scope !== undefined) form.set('scope', grant.scope)
  return authenticatedFormRequest(grant.tokenEndpoint, grant.client, form, assertion)
}

/**
 * Sends a `refresh_token` grant and checks the answer's shape. Never retried (a rotating server
 * burns the refresh token on the first attempt). A refused token is `TOKEN_ERROR` with the OAuth
 * error in `server.code` (`invalid_grant` for a used, revoked or expired one).
 */
export async function refreshTokens(
  transport: Transport,
  grant: RefreshGrant,
  options: SendOptions = {},
): Promise<TokenEndpointResponse> {
  const assertion = await clientAssertionFor(grant.client, grant.tokenEndpoint, grant.now)
  const response = await transport.send(refreshRequest(grant, assertion), options)
  return processTokenResponse(response)
}

/**
 * Validates the id_token of a refresh answer as OIDC Core §12.2 asks: like the first one (signature,
 * `iss`, `aud`, `exp`, `at_hash`), without a nonce of its own, and, given the original claims, for
 * the same `sub` and `auth_time` (and the original `nonce` if it repeats one).
 */
export async function validateRefreshedIdToken(
  tokens: TokenEndpointResponse,
  keys: VerificationKeys,
  expected: Omit<IdTokenExpectations, 'nonce' | 'code' | 'requireHashes' | 'accessToken' | 'maxAge'>,
  original: IdTokenClaims | undefined,
): Promise<AuthorizationResult> {
  if (tokens.id_token === undefined) return { tokens, claims: undefined }
  const claims = await validateIdToken(tokens.id_token, keys, {
    ...expected,
    accessToken: tokens.access_token,
  })
  if (original) {
    const differs = (reason: string) =>
      new RedirectlessError(ErrorCodes.ID_TOKEN_INVALID, `The refreshed id_token is invalid: ${reason}`)
    if (claims.iss !== original.iss) throw differs('iss differs from the original id_token')
    if (claims.sub !== original.sub) throw differs('sub differs from the original id_token')
    if (
      original.auth_time !== undefined &&
      claims.auth_time !== undefined &&
      claims.auth_time !== original.auth_time
    )
      throw differs('auth_time differs from the original authentication')
    if (claims.nonce !== undefined && claims.nonce !== original.nonce)
      throw differs('nonce differs from the original id_token')
  }
  return { tokens, claims }
}
