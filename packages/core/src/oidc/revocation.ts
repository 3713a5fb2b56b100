import type { SendOptions, Transport } from '../http/transport.js'
import { endpointError } from './endpoint-error.js'
import { authenticatedFormRequest, clientAssertionFor } from './token-endpoint.js'
import type { ClientCredentials } from './types.js'

/** Which kind of token a revocation names (RFC 7009 §2.1); a hint the server may ignore. */
export type TokenTypeHint = 'access_token' | 'refresh_token'

/** A token revocation request (RFC 7009). */
export interface Revocation {
  readonly revocationEndpoint: string
  /** The `aud` of a client assertion (see {@link clientAssertionFor}). */
  readonly tokenEndpoint: string
  readonly client: ClientCredentials
  readonly token: string
  readonly tokenTypeHint?: TokenTypeHint | undefined
  /** The clock for a client assertion, in ms since the epoch; `Date.now` by default. */
  readonly now?: (() => number) | undefined
}

/** Builds the revocation request, authenticated as the client is configured. */
export function revocationRequest(revocation: Revocation, assertion?: string) {
  const form = new URLSearchParams({ token: revocation.token })
  if (revocation.tokenTypeHint !== undefined) form.set('token_type_hint', revocation.tokenTypeHint)
  return authenticatedFormRequest(revocation.revocationEndpoint, revocation.client, form, assertion)
}

/**
 * Revokes a token. Resolves on 200, which RFC 7009 §2.2 also answers for a token that is already
 * invalid or unknown, so revoking twice is not an error. Never retried. A refusal is `TOKEN_ERROR`
 * with the OAuth error in `server.code` (`invalid_client`, `unsupported_token_type`).
 */
export async function revokeToken(
  transport: Transport,
  revocation: Revocation,
  options: SendOptions = {},
): Promise<void> {
  const assertion = await clientAssertionFor(revocation.client, revocation.tokenEndpoint, revocation.now)
  const response = await transport.send(revocationRequest(revocation, assertion), options)
  if (response.status === 200) return
  throw endpointError(response, 'The revocation request')
}
