import { uuid } from '../shared/ids.js'
import type { P1Context } from './context.js'
import { invalidRequest } from './errors.js'
import type { Flow } from './flow.js'
import type { Grant } from './store.js'
import { mintAccessToken, mintIdToken } from './tokens.js'

/**
 * The flow's authorization result, made once: `code` for code flows; `access_token`, `id_token` for
 * implicit and hybrid; with `authorizeResponseMembers: 'full'` also `token_type`, `expires_in`,
 * `scope` and `state` (contract §6.7).
 */
export async function authorizeResponseFor(ctx: P1Context, flow: Flow): Promise<Record<string, unknown>> {
  if (flow.authorizeResponse) return flow.authorizeResponse
  const user = flow.user
  if (!user) throw invalidRequest('The flow has no user.')
  const request = flow.request
  const full = ctx.config.authorizeResponseMembers === 'full'
  const grant: Grant = {
    clientId: flow.app.id,
    scope: request.scope,
    user,
    sessionId: flow.session?.id,
    authTime: flow.authTime ?? ctx.clock.now(),
    acr: flow.policy.name,
    amr: flow.amr,
    nonce: request.nonce,
  }
  const out: Record<string, unknown> = {}
  let code: string | undefined
  if (request.responseType.includes('code')) {
    code = uuid()
    ctx.store.codes.set(code, {
      ...grant,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      codeChallengeMethod:
        request.codeChallenge === undefined ? undefined : (request.codeChallengeMethod ?? 'plain'),
      expiresAt: ctx.clock.now() + ctx.config.authorizationCodeLifetimeSeconds * 1000,
      used: false,
    })
    out.code = code
  }
  let accessToken: string | undefined
  if (request.responseType.includes('token')) {
    accessToken = await mintAccessToken(ctx, grant)
    out.access_token = accessToken
    if (full) {
      out.token_type = 'Bearer'
      out.expires_in = ctx.config.accessTokenLifetimeSeconds
      out.scope = request.scope
    }
  }
  if (request.responseType.includes('id_token')) {
    out.id_token = await mintIdToken(ctx, grant, {
      ...(code === undefined ? {} : { code }),
      ...(accessToken === undefined ? {} : { accessToken }),
    })
  }
  if (full && request.state !== undefined) out.state = request.state
  flow.authorizeResponse = out
  return out
}
