import type { P1Context } from './context.js'
import { json } from './http.js'

/** `GET /{envId}/as/.well-known/openid-configuration`: the issuer is `{baseUrl}/{envId}/as`. */
export function discovery(ctx: P1Context): Response {
  const issuer = ctx.issuer
  return json({
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
    userinfo_endpoint: `${issuer}/userinfo`,
    revocation_endpoint: `${issuer}/revoke`,
    end_session_endpoint: `${issuer}/signoff`,
    device_authorization_endpoint: `${issuer}/device_authorization`,
    response_types_supported: [
      'code',
      'id_token',
      'token id_token',
      'code id_token',
      'code token',
      'code token id_token',
    ],
    response_modes_supported: ['pi.flow'],
    grant_types_supported: [
      'authorization_code',
      'implicit',
      'refresh_token',
      'urn:ietf:params:oauth:grant-type:device_code',
    ],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: [
      'client_secret_basic',
      'client_secret_post',
      'client_secret_jwt',
      'private_key_jwt',
      'none',
    ],
    code_challenge_methods_supported: ['plain', 'S256'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'auth_time',
      'acr',
      'amr',
      'nonce',
      'sid',
      'preferred_username',
      'given_name',
      'family_name',
      'name',
      'email',
      'email_verified',
      'env',
    ],
    request_parameter_supported: true,
    request_uri_parameter_supported: false,
    request_object_signing_alg_values_supported: [
      'none',
      'HS256',
      'HS384',
      'HS512',
      'RS256',
      'RS384',
      'RS512',
    ],
    claims_parameter_supported: false,
  })
}

/** `GET /{envId}/as/jwks`: the public half of the id_token / access token signing key, with its `x5c`. */
export async function jwks(ctx: P1Context): Promise<Response> {
  return json((await ctx.signingKey()).jwks)
}
