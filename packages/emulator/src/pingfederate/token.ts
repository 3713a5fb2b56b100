import type { ClientRecord } from './clients.js'
import { OAuthError } from './errors.js'
import { verifyPkce } from './pkce.js'
import { jsonResponse } from './responses.js'
import type { PfRuntime } from './runtime.js'
import type { CodeRecord, Grant } from './tokens.js'

/** The token endpoint's success body (RFC 6749 §5.1). */
interface TokenResponse {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
  scope: string
  id_token?: string
  refresh_token?: string
}

/**
 * `POST /as/token.oauth2` (contract §5.3): the `authorization_code` grant with single-use codes,
 * PKCE and redirect-URI checks, and the `refresh_token` grant.
 */
export async function handleToken(rt: PfRuntime, request: Request): Promise<Response> {
  try {
    const type = request.headers.get('content-type') ?? ''
    if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      throw new OAuthError('invalid_request', 'The token request must be application/x-www-form-urlencoded.')
    }
    const form = new URLSearchParams(await request.text())
    for (const name of new Set(form.keys())) {
      if (form.getAll(name).length > 1) {
        throw new OAuthError('invalid_request', `The ${name} parameter must not be repeated.`)
      }
    }
    const client = await rt.clients.authenticate(request, form)
    const grantType = form.get('grant_type')
    switch (grantType) {
      case 'authorization_code':
        return jsonResponse(200, await exchangeCode(rt, client, form))
      case 'refresh_token':
        return jsonResponse(200, await refresh(rt, client, form))
      case null:
      case '':
        throw new OAuthError('invalid_request', 'The grant_type parameter is required.')
      default:
        throw new OAuthError('unsupported_grant_type', `grant_type '${grantType}' is not supported.`)
    }
  } catch (error) {
    if (error instanceof OAuthError) return jsonResponse(error.status, error.toJSON(), error.headers)
    throw error
  }
}

async function exchangeCode(
  rt: PfRuntime,
  client: ClientRecord,
  form: URLSearchParams,
): Promise<TokenResponse> {
  if (!client.grantTypes.includes('authorization_code')) {
    throw new OAuthError('unauthorized_client', 'The client may not use the authorization_code grant.')
  }
  const code = form.get('code')
  if (!code) throw new OAuthError('invalid_request', 'The code parameter is required.')
  const record = rt.tokens.findCode(code)
  if (!record || record.grant.clientId !== client.clientId) {
    throw new OAuthError('invalid_grant', 'The authorization code is invalid or expired.')
  }
  if (record.used) {
    // RFC 6749 §4.1.2: a replayed code may be stolen, so what it bought is taken back.
    for (const token of record.issued) rt.tokens.revoke(token)
    throw new OAuthError('invalid_grant', 'The authorization code has already been used.')
  }
  const redirectUri = form.get('redirect_uri') ?? undefined
  if (redirectUri !== record.redirectUri) {
    throw new OAuthError(
      'invalid_grant',
      'The redirect_uri does not match the one of the authorization request.',
    )
  }
  if (record.codeChallenge !== undefined) {
    const verifier = form.get('code_verifier')
    if (!verifier) throw new OAuthError('invalid_grant', 'The code_verifier parameter is required (PKCE).')
    if (!(await verifyPkce(verifier, record.codeChallenge, record.codeChallengeMethod ?? 'plain'))) {
      throw new OAuthError('invalid_grant', 'PKCE verification failed.')
    }
  }
  record.used = true
  return issue(rt, client, record.grant, record)
}

async function refresh(rt: PfRuntime, client: ClientRecord, form: URLSearchParams): Promise<TokenResponse> {
  if (!client.grantTypes.includes('refresh_token')) {
    throw new OAuthError('unauthorized_client', 'The client may not use the refresh_token grant.')
  }
  const token = form.get('refresh_token')
  if (!token) throw new OAuthError('invalid_request', 'The refresh_token parameter is required.')
  const record = rt.tokens.findRefreshToken(token)
  if (!record || record.grant.clientId !== client.clientId) {
    throw new OAuthError('invalid_grant', 'unknown, invalid, or expired refresh token')
  }
  const requested = (form.get('scope') ?? '').split(' ').filter(Boolean)
  const extra = requested.find((s) => !record.grant.scope.includes(s))
  if (extra !== undefined) {
    throw new OAuthError('invalid_scope', `The scope '${extra}' was not originally granted.`)
  }
  const grant: Grant = {
    ...record.grant,
    scope: requested.length > 0 ? requested : record.grant.scope,
    nonce: undefined,
  }
  const out = await issue(rt, client, grant, undefined, true)
  if (rt.config.rotateRefreshTokens) {
    rt.tokens.revoke(token)
    // The new refresh token keeps the original grant's scope (RFC 6749 §6), whatever this call narrowed.
    out.refresh_token = rt.tokens.issueRefreshToken(record.grant)
  } else {
    out.refresh_token = token
  }
  return out
}

/** Mints the tokens a grant buys: always an access token, an id_token with `openid`, a refresh token with `offline_access`. */
async function issue(
  rt: PfRuntime,
  client: ClientRecord,
  grant: Grant,
  fromCode: CodeRecord | undefined,
  skipRefresh = false,
): Promise<TokenResponse> {
  const access = rt.tokens.issueAccessToken(grant, fromCode)
  const out: TokenResponse = {
    access_token: access.token,
    token_type: 'Bearer',
    expires_in: access.expiresIn,
    scope: grant.scope.join(' '),
  }
  if (grant.scope.includes('openid')) {
    out.id_token = await rt.tokens.signIdToken(grant, { accessToken: access.token, withNonce: true })
  }
  if (!skipRefresh && grant.scope.includes('offline_access') && client.grantTypes.includes('refresh_token')) {
    out.refresh_token = rt.tokens.issueRefreshToken(grant, fromCode)
  }
  return out
}
