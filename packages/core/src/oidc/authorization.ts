import { ErrorCodes } from '../errors/codes.js'
import { RedirectlessError, sanitizeServerError } from '../errors/redirectless-error.js'
import type { SendOptions, Transport } from '../http/transport.js'
import type { ProviderKeys } from './provider.js'
import { exchangeCode } from './token-endpoint.js'
import type { AuthorizationResult, ClientCredentials, IdTokenClaims, TokenEndpointResponse } from './types.js'
import { validateIdToken } from './validate-id-token.js'

/** What a flow remembers from its authorization request, to check the response against. */
export interface AuthorizationRequestState {
  readonly responseType: string
  readonly scope?: string | undefined
  readonly state?: string | undefined
  readonly nonce?: string | undefined
  readonly codeVerifier?: string | undefined
  readonly redirectUri?: string | undefined
  readonly maxAge?: number | undefined
}

/** What finishing an authorization needs: the authorize response, the request it answers, the keys and the client. */
export interface FinishAuthorization {
  readonly authorizeResponse: unknown
  readonly request: AuthorizationRequestState
  readonly provider: ProviderKeys
  readonly client: ClientCredentials
  readonly transport: Transport
  readonly send?: SendOptions
  /** The clock, in ms since the epoch; `Date.now` by default. */
  readonly now?: () => number
}

/**
 * Checks an `authorizeResponse` (error, `state`), exchanges a code with PKCE, and validates every
 * id_token it meets. Shared by the PingFederate and PingOne dialects.
 */
export async function finishAuthorization(input: FinishAuthorization): Promise<AuthorizationResult> {
  const { request, provider, client } = input
  const response = input.authorizeResponse
  if (!response || typeof response !== 'object' || Array.isArray(response)) {
    throw new RedirectlessError(
      ErrorCodes.INVALID_RESPONSE,
      'The flow completed without an authorizeResponse object',
    )
  }
  const params = response as Record<string, unknown>
  if (typeof params.error === 'string') {
    throw new RedirectlessError(ErrorCodes.TOKEN_ERROR, `The authorization server refused: ${params.error}`, {
      server: sanitizeServerError(params),
    })
  }
  if (request.state !== undefined && params.state !== request.state) {
    throw new RedirectlessError(
      ErrorCodes.STATE_MISMATCH,
      'The authorization response does not carry the state this flow sent',
    )
  }
  const types = new Set(request.responseType.split(' ').filter(Boolean))
  const openid = (request.scope ?? '').split(' ').includes('openid')
  const frontChannel = typeof params.id_token === 'string' ? params.id_token : undefined
  const code = typeof params.code === 'string' ? params.code : undefined
  const sendOptions = input.send ?? {}
  const keys = () => provider.keyResolver(sendOptions)
  const expectations = {
    issuer: provider.issuer,
    clientId: client.clientId,
    nonce: request.nonce,
    now: input.now,
    maxAge: request.maxAge,
  }

  let frontClaims: IdTokenClaims | undefined
  if (types.has('id_token') && !frontChannel)
    throw new RedirectlessError(
      ErrorCodes.ID_TOKEN_INVALID,
      'The authorization response lacks the id_token it was asked for',
    )
  if (frontChannel) {
    frontClaims = await validateIdToken(frontChannel, await keys(), {
      ...expectations,
      code,
      accessToken: typeof params.access_token === 'string' ? params.access_token : undefined,
      requireHashes: types.has('code') || types.has('token'),
    })
  }

  if (types.has('code')) {
    if (!code)
      throw new RedirectlessError(
        ErrorCodes.INVALID_RESPONSE,
        'The authorization response lacks the code it was asked for',
      )
    const { token_endpoint } = await provider.metadata(sendOptions)
    // The keys come first: a code is single-use, so a JWKS failure after the exchange could not be retried.
    const verificationKeys = openid ? await keys() : undefined
    const tokens = await exchangeCode(
      input.transport,
      {
        tokenEndpoint: token_endpoint,
        client,
        code,
        codeVerifier: request.codeVerifier,
        redirectUri: request.redirectUri,
        now: input.now,
      },
      sendOptions,
    )
    let claims = frontClaims
    if (tokens.id_token !== undefined) {
      const backClaims = await validateIdToken(tokens.id_token, verificationKeys ?? (await keys()), {
        ...expectations,
        accessToken: tokens.access_token,
      })
      if (frontClaims && (frontClaims.sub !== backClaims.sub || frontClaims.iss !== backClaims.iss)) {
        throw new RedirectlessError(
          ErrorCodes.ID_TOKEN_INVALID,
          'The two id_tokens of this flow name different users',
        )
      }
      claims = backClaims
    } else if (openid && !claims) {
      throw new RedirectlessError(
        ErrorCodes.ID_TOKEN_INVALID,
        'The token response lacks the id_token the openid scope asks for',
      )
    }
    return { tokens, claims }
  }

  if (types.has('token') && typeof params.access_token !== 'string') {
    throw new RedirectlessError(
      ErrorCodes.INVALID_RESPONSE,
      'The authorization response lacks the access_token it was asked for',
    )
  }
  const tokens: Record<string, unknown> = {}
  for (const key of [
    'access_token',
    'token_type',
    'expires_in',
    'id_token',
    'scope',
    'refresh_token',
  ] as const) {
    if (params[key] !== undefined) tokens[key] = key === 'expires_in' ? Number(params[key]) : params[key]
  }
  return { tokens: tokens as unknown as TokenEndpointResponse, claims: frontClaims }
}
