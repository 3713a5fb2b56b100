import { normalizeResponseType } from './config.js'
import { OAuthError } from './errors.js'
import { jsonResponse } from './responses.js'
import type { PfRuntime } from './runtime.js'

/** PF's endpoint paths (the defaults of a PF runtime node). */
export const PATHS = {
  authorization: '/as/authorization.oauth2',
  token: '/as/token.oauth2',
  jwks: '/pf/JWKS',
  userinfo: '/idp/userinfo.openid',
  revocation: '/as/revoke_token.oauth2',
  endSession: '/idp/init_logout.openid',
  startSlo: '/idp/startSLO.ping',
  discovery: '/.well-known/openid-configuration',
} as const

/** `GET /.well-known/openid-configuration`; the issuer is the half's base URL. */
export function handleDiscovery(rt: PfRuntime): Response {
  const base = rt.ctx.baseUrl
  const responseTypes = new Set(rt.config.clients.flatMap((c) => c.responseTypes.map(normalizeResponseType)))
  const scopes = new Set(rt.config.clients.flatMap((c) => c.scopes))
  return jsonResponse(200, {
    issuer: base,
    authorization_endpoint: `${base}${PATHS.authorization}`,
    token_endpoint: `${base}${PATHS.token}`,
    jwks_uri: `${base}${PATHS.jwks}`,
    userinfo_endpoint: `${base}${PATHS.userinfo}`,
    revocation_endpoint: `${base}${PATHS.revocation}`,
    end_session_endpoint: `${base}${PATHS.endSession}`,
    ping_end_session_endpoint: `${base}${PATHS.startSlo}`,
    scopes_supported: [...scopes],
    response_types_supported: [...responseTypes],
    response_modes_supported: ['pi.flow'],
    grant_types_supported: ['authorization_code', 'implicit', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: [
      'client_secret_basic',
      'client_secret_post',
      'client_secret_jwt',
      'private_key_jwt',
      'none',
    ],
    token_endpoint_auth_signing_alg_values_supported: [
      'HS256',
      'HS384',
      'HS512',
      'RS256',
      'RS384',
      'RS512',
      'PS256',
      'PS384',
      'PS512',
      'ES256',
      'ES384',
      'ES512',
    ],
    code_challenge_methods_supported: ['plain', 'S256'],
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'nonce',
      'at_hash',
      'c_hash',
      'name',
      'given_name',
      'family_name',
      'email',
      'email_verified',
    ],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
  })
}

/** `GET /pf/JWKS`: the public half of the RS256 key that signs id_tokens. */
export async function handleJwks(rt: PfRuntime): Promise<Response> {
  const key = await rt.ctx.signingKey()
  return jsonResponse(200, key.jwks)
}

/** `GET|POST /idp/userinfo.openid` with a Bearer access token (RFC 6750 §2.1). */
export function handleUserinfo(rt: PfRuntime, request: Request): Response {
  try {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')
    const grant = match?.[1] ? rt.tokens.findAccessToken(match[1]) : undefined
    const user = grant ? rt.users.find(grant.username) : undefined
    if (!grant || !user) {
      throw new OAuthError('invalid_token', 'The access token is invalid or expired.', 401, {
        'www-authenticate': 'Bearer error="invalid_token"',
      })
    }
    if (!grant.scope.includes('openid')) {
      throw new OAuthError('insufficient_scope', 'The access token lacks the openid scope.', 403, {
        'www-authenticate': 'Bearer error="insufficient_scope", scope="openid"',
      })
    }
    return jsonResponse(200, { ...rt.users.claimsFor(user, grant.scope), sub: grant.username })
  } catch (error) {
    if (error instanceof OAuthError) return jsonResponse(error.status, error.toJSON(), error.headers)
    throw error
  }
}
