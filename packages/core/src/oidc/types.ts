/** What a token endpoint answers (RFC 6749 §5.1), extra members kept. */
export interface TokenEndpointResponse {
  readonly access_token: string
  readonly token_type: string
  readonly expires_in?: number
  readonly refresh_token?: string
  readonly id_token?: string
  readonly scope?: string
  readonly [member: string]: unknown
}

/** Validated id_token claims. */
export interface IdTokenClaims {
  readonly iss: string
  readonly sub: string
  readonly aud: string | readonly string[]
  readonly exp: number
  readonly iat: number
  readonly nonce?: string
  readonly auth_time?: number
  readonly acr?: string
  readonly amr?: readonly string[]
  readonly azp?: string
  readonly [claim: string]: unknown
}

/** What a successful `complete()` resolves to. */
export interface AuthorizationResult {
  /** The token endpoint's answer (or, for implicit flows, the tokens of the authorization response). */
  readonly tokens: TokenEndpointResponse
  /** The validated id_token claims; undefined when no id_token was asked for (no `openid` scope). */
  readonly claims: IdTokenClaims | undefined
}

/** The parameters the authorization server would have put on the redirect URI. */
export type AuthorizeResponse = Readonly<Record<string, unknown>>

/**
 * How the client authenticates at the token endpoint: nothing but its id (public clients), its
 * secret (HTTP Basic or in the form), or a signed `client_assertion` (RFC 7523): HS256 over the
 * secret (`client_secret_jwt`) or signed with its private key (`private_key_jwt`).
 */
export type TokenEndpointAuthMethod =
  | 'none'
  | 'client_secret_basic'
  | 'client_secret_post'
  | 'client_secret_jwt'
  | 'private_key_jwt'

/**
 * The private key of a `private_key_jwt` client: a WebCrypto `CryptoKey` (non-extractable is fine)
 * or a private JWK. `alg` defaults to the JWK's `alg`, else what the key type implies (RSA → RS256,
 * EC P-256/384/521 → ES256/384/512, Ed25519 → EdDSA); `kid` goes in the assertion's header (default:
 * the JWK's `kid`), so the server can pick the key from the client's JWKS.
 */
export interface ClientPrivateKey {
  readonly key: CryptoKey | JsonWebKey
  readonly alg?: string | undefined
  readonly kid?: string | undefined
}

/**
 * Signs a client's `client_assertion` for a token endpoint: `createClientAssertion` (on jose), which
 * the packages' server entries wire in, so that browser bundles never carry jose's signing code.
 */
export type ClientAssertionSigner = (
  client: ClientCredentials,
  tokenEndpoint: string,
  now?: () => number,
) => Promise<string>

/** Who the client is at the token endpoint and how it proves it. */
export interface ClientCredentials {
  readonly clientId: string
  readonly clientSecret?: string | undefined
  readonly authMethod: TokenEndpointAuthMethod
  /** `private_key_jwt` only. */
  readonly privateKey?: ClientPrivateKey | undefined
  /** `client_secret_jwt` and `private_key_jwt`: what signs the assertion. */
  readonly assertionSigner?: ClientAssertionSigner | undefined
}

/** The discovery document members we use. */
export interface ProviderMetadata {
  readonly issuer: string
  readonly authorization_endpoint?: string
  readonly token_endpoint: string
  readonly jwks_uri: string
  readonly [member: string]: unknown
}
