import { ErrorCodes } from '../errors/codes.js'
import { RedirectlessError } from '../errors/redirectless-error.js'
import { errorFromResponse } from '../http/response-errors.js'
import type { SendOptions, Transport } from '../http/transport.js'
import type { ClientCredentials, TokenEndpointResponse } from './types.js'

/** An authorization code to exchange at the token endpoint, and how the client authenticates. */
export interface CodeExchange {
  readonly tokenEndpoint: string
  readonly client: ClientCredentials
  readonly code: string
  readonly codeVerifier?: string | undefined
  readonly redirectUri?: string | undefined
  /** Clock for a client assertion's `iat`/`exp`, ms since the epoch. Default `Date.now`. */
  readonly now?: (() => number) | undefined
}

/** RFC 7523 §2.2: the `client_assertion_type` of a JWT client assertion. */
export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'

/** Whether `client` authenticates with a signed `client_assertion`. */
export function usesClientAssertion(client: ClientCredentials): boolean {
  return client.authMethod === 'client_secret_jwt' || client.authMethod === 'private_key_jwt'
}

/** RFC 6749 §2.3.1: the Basic credentials are form-urlencoded before base64. */
function basic(clientId: string, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+')
  const raw = `${enc(clientId)}:${enc(secret)}`
  return `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(raw)))}`
}

/**
 * Builds the authorization_code token request with the client's authentication method. A
 * `client_secret_jwt` or `private_key_jwt` client needs its signed `assertion` (its
 * `assertionSigner`'s); the request is built synchronously around it.
 */
export function codeExchangeRequest(exchange: CodeExchange, assertion?: string) {
  const form = new URLSearchParams({ grant_type: 'authorization_code', code: exchange.code })
  if (exchange.redirectUri !== undefined) form.set('redirect_uri', exchange.redirectUri)
  if (exchange.codeVerifier !== undefined) form.set('code_verifier', exchange.codeVerifier)
  return authenticatedFormRequest(exchange.tokenEndpoint, exchange.client, form, assertion)
}

/**
 * A form POST to one of the authorization server's back-channel endpoints (token, revocation),
 * authenticated as the client is configured: Basic, `client_secret` in the form, a
 * `client_assertion`, or `client_id` alone. Shared by the code exchange, refresh and revocation.
 */
export function authenticatedFormRequest(
  url: string,
  client: ClientCredentials,
  form: URLSearchParams,
  assertion?: string,
) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }
  // checkClientOptions vouches for the options; this guards direct callers of the request builders.
  const signed = usesClientAssertion(client)
  if (signed ? assertion === undefined : client.authMethod !== 'none' && !client.clientSecret) {
    throw new RedirectlessError(
      ErrorCodes.INVALID_ARGUMENT,
      `tokenEndpointAuthMethod ${client.authMethod} needs ${signed ? "a client assertion (signed by the package's Node entry)" : 'clientSecret'}`,
    )
  }
  switch (client.authMethod) {
    case 'client_secret_basic':
      headers.authorization = basic(client.clientId, client.clientSecret as string)
      break
    case 'client_secret_post':
      form.set('client_id', client.clientId)
      form.set('client_secret', client.clientSecret as string)
      break
    case 'client_secret_jwt':
    case 'private_key_jwt':
      // RFC 7523 §2.2: client_id is optional beside an assertion; sent, it names the client early.
      form.set('client_id', client.clientId)
      form.set('client_assertion_type', JWT_BEARER_ASSERTION)
      form.set('client_assertion', assertion as string)
      break
    default:
      form.set('client_id', client.clientId)
  }
  return { method: 'POST' as const, url, headers, body: form.toString() }
}

/**
 * A fresh `client_assertion` for one request when the client authenticates with one (a `jti` is
 * single use), else undefined. Its `aud` is the token endpoint, which RFC 7523 §3 names and both
 * products accept at their other back-channel endpoints too.
 */
export function clientAssertionFor(
  client: ClientCredentials,
  tokenEndpoint: string,
  now?: () => number,
): Promise<string | undefined> {
  // Without a signer (a browser entry) there is no assertion, and the request builder says so.
  if (!usesClientAssertion(client)) return Promise.resolve(undefined)
  return client.assertionSigner
    ? client.assertionSigner(client, tokenEndpoint, now)
    : Promise.resolve(undefined)
}

/**
 * Exchanges an authorization code and checks the answer's shape. Never retried. A client that
 * authenticates with a `client_assertion` gets a fresh one for this request (a `jti` is single use),
 * from its `assertionSigner`.
 */
export async function exchangeCode(
  transport: Transport,
  exchange: CodeExchange,
  options: SendOptions = {},
): Promise<TokenEndpointResponse> {
  const assertion = await clientAssertionFor(exchange.client, exchange.tokenEndpoint, exchange.now)
  const response = await transport.send(codeExchangeRequest(exchange, assertion), options)
  return processTokenResponse(response)
}

/** Reads a token endpoint's answer: the tokens, or a coded error naming the OAuth error. */
export function processTokenResponse(
  response: Awaited<ReturnType<Transport['send']>>,
): TokenEndpointResponse {
  if (response.status !== 200) {
    throw errorFromResponse(response, {
      operation: 'The token request',
      clientErrorCode: ErrorCodes.TOKEN_ERROR,
    })
  }
  const body = response.json as Record<string, unknown> | undefined
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new RedirectlessError(
      ErrorCodes.INVALID_RESPONSE,
      'The token endpoint did not answer with a JSON object',
      { status: 200 },
    )
  }
  if (typeof body.access_token !== 'string' || typeof body.token_type !== 'string') {
    throw new RedirectlessError(
      ErrorCodes.INVALID_RESPONSE,
      'The token response lacks access_token or token_type',
      { status: 200 },
    )
  }
  if (body.expires_in !== undefined && typeof body.expires_in !== 'number') {
    throw new RedirectlessError(
      ErrorCodes.INVALID_RESPONSE,
      'The token response has a non-numeric expires_in',
      { status: 200 },
    )
  }
  return body as TokenEndpointResponse
}
