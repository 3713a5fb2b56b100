import { OAuthError } from './errors.js'
import { jsonResponse } from './responses.js'
import type { PfRuntime } from './runtime.js'

/**
 * `POST /as/revoke_token.oauth2` (RFC 7009): the client authenticates as at the token endpoint and
 * names an access or refresh token it was issued; from then on the token endpoint refuses a revoked
 * refresh token (`invalid_grant`) and UserInfo a revoked access token (401 `invalid_token`). An
 * unknown or already revoked token is answered 200, as §2.2 asks; `token_type_hint` is only a hint.
 */
export async function handleRevocation(rt: PfRuntime, request: Request): Promise<Response> {
  try {
    const type = request.headers.get('content-type') ?? ''
    if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      throw new OAuthError(
        'invalid_request',
        'The revocation request must be application/x-www-form-urlencoded.',
      )
    }
    const form = new URLSearchParams(await request.text())
    for (const name of new Set(form.keys())) {
      if (form.getAll(name).length > 1) {
        throw new OAuthError('invalid_request', `The ${name} parameter must not be repeated.`)
      }
    }
    const client = await rt.clients.authenticate(request, form)
    const token = form.get('token')
    if (!token) throw new OAuthError('invalid_request', 'The token parameter is required.')
    const owner =
      rt.tokens.findAccessToken(token)?.clientId ?? rt.tokens.findRefreshToken(token)?.grant.clientId
    // §2.1: a client may revoke only its own tokens.
    if (owner !== undefined && owner !== client.clientId) {
      throw new OAuthError('unauthorized_client', 'The token was not issued to this client.')
    }
    rt.tokens.revoke(token)
    return new Response(null, { status: 200, headers: { 'cache-control': 'no-store' } })
  } catch (error) {
    if (error instanceof OAuthError) return jsonResponse(error.status, error.toJSON(), error.headers)
    throw error
  }
}
