import { ErrorCodes } from '../errors/codes.js'
import { RedirectlessError } from '../errors/redirectless-error.js'
import type { SendOptions, Transport } from '../http/transport.js'
import { endpointError } from './endpoint-error.js'

/** The UserInfo endpoint's claims (OIDC Core §5.3.2): `sub` always, the rest as the scopes allow. */
export interface UserinfoClaims {
  readonly sub: string
  readonly name?: string
  readonly given_name?: string
  readonly family_name?: string
  readonly preferred_username?: string
  readonly email?: string
  readonly email_verified?: boolean
  readonly [claim: string]: unknown
}

/** A UserInfo request. */
export interface UserinfoRequest {
  readonly userinfoEndpoint: string
  readonly accessToken: string
  /** The id_token's `sub`: OIDC Core §5.3.2 has the answer refused when it names someone else. */
  readonly subject?: string | undefined
}

/**
 * Fetches the user's claims with the access token as a Bearer credential (RFC 6750 §2.1), a GET
 * (so retried like every GET), without cookies. A refused token is `TOKEN_ERROR` with `server.code`
 * `invalid_token` (revoked or expired) or `insufficient_scope`; an answer that is not a JSON object
 * with a string `sub` (a signed `application/jwt` one included) is `INVALID_RESPONSE`, and one about
 * another subject than `subject` is `TOKEN_ERROR`.
 */
export async function fetchUserinfo(
  transport: Transport,
  request: UserinfoRequest,
  options: SendOptions = {},
): Promise<UserinfoClaims> {
  const response = await transport.send(
    {
      method: 'GET',
      url: request.userinfoEndpoint,
      headers: { authorization: `Bearer ${request.accessToken}` },
    },
    { ...options, credentials: 'omit' },
  )
  if (response.status !== 200) throw endpointError(response, 'The userinfo request')
  const body = response.json as Record<string, unknown> | undefined
  if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.sub !== 'string') {
    throw new RedirectlessError(
      ErrorCodes.INVALID_RESPONSE,
      'The userinfo endpoint did not answer with a JSON object naming a sub (signed userinfo is not supported)',
      { status: 200 },
    )
  }
  if (request.subject !== undefined && body.sub !== request.subject) {
    throw new RedirectlessError(
      ErrorCodes.TOKEN_ERROR,
      'The userinfo answer is about another subject than the id_token',
      { status: 200 },
    )
  }
  return body as UserinfoClaims
}
