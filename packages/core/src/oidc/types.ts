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

/** How the client authenticates at the token endpoint. */
export type TokenEndpointAuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post'

export interface ClientCredentials {
  readonly clientId: string
  readonly clientSecret?: string | undefined
  readonly authMethod: TokenEndpointAuthMethod
}

/** The discovery document members we use. */
export interface ProviderMetadata {
  readonly issuer: string
  readonly authorization_endpoint?: string
  readonly token_endpoint: string
  readonly jwks_uri: string
  readonly [member: string]: unknown
}
