import type { AuthorizeRequest, Flow } from './flows.js'
import type { Outcome } from './policy.js'
import type { PfRuntime } from './runtime.js'
import { type Failure, renderCanceled, renderCompleted, renderFailed, type StateBody } from './states.js'

/** An outcome that ends the flow. */
export type TerminalOutcome = Exclude<Outcome, { kind: 'state' }>

/**
 * Ends a flow: builds the terminal body, records a successful sign-on on the flow's session (for
 * SSO), and forgets the flow so its id answers 404 from now on.
 *
 * @param authTime when the user authenticated; now unless an existing SSO session completed the flow.
 */
export async function finishFlow(
  rt: PfRuntime,
  flow: Flow,
  outcome: TerminalOutcome,
  authTime: number = rt.ctx.clock.now(),
): Promise<StateBody> {
  rt.flows.delete(flow)
  const href = rt.flowUrl(flow.id)
  switch (outcome.kind) {
    case 'completed': {
      const session = rt.sessions.byId(flow.sessionId)
      if (session) rt.sessions.markAuthenticated(session, outcome.username, authTime)
      const response = await buildAuthorizeResponse(rt, flow.request, outcome.username, authTime)
      return renderCompleted(flow.id, response, href)
    }
    case 'failed':
      return rt.config.failureStyle === 'COMPLETED_WITH_ERROR'
        ? renderCompleted(flow.id, errorResponse(flow.request, outcome.failure), href)
        : renderFailed(flow.id, outcome.failure, href)
    case 'canceled':
      return renderCanceled(flow.id, outcome.operation, href)
  }
}

/**
 * What PF would have put on the redirect URI, as a flat string map (contract §5.1): `code` for the
 * code flow; `access_token`, `token_type`, `expires_in`, `id_token` for implicit and hybrid; `state`.
 */
export async function buildAuthorizeResponse(
  rt: PfRuntime,
  request: AuthorizeRequest,
  username: string,
  authTime: number,
): Promise<Record<string, string>> {
  const types = new Set(request.responseType.split(' '))
  const grant = {
    clientId: request.clientId,
    username,
    scope: request.scope,
    authTime,
    nonce: request.nonce,
  }
  const out: Record<string, string> = {}
  let code: string | undefined
  let accessToken: string | undefined
  if (types.has('code')) {
    code = rt.tokens.issueCode(grant, {
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      codeChallengeMethod: request.codeChallengeMethod,
    })
    out.code = code
  }
  if (types.has('token')) {
    const issued = rt.tokens.issueAccessToken(grant)
    accessToken = issued.token
    out.access_token = issued.token
    out.token_type = 'Bearer'
    out.expires_in = String(issued.expiresIn)
  }
  if (types.has('id_token')) {
    // OIDC Core §3.3.2.11: c_hash whenever a code travels with the id_token, at_hash with a token.
    out.id_token = await rt.tokens.signIdToken(grant, {
      withNonce: true,
      ...(accessToken !== undefined ? { accessToken } : {}),
      ...(code !== undefined ? { code } : {}),
    })
  }
  if (request.state !== undefined) out.state = request.state
  return out
}

function errorResponse(request: AuthorizeRequest, failure: Failure): Record<string, string> {
  return {
    error: failure.oauthError,
    error_description: failure.message,
    ...(request.state !== undefined ? { state: request.state } : {}),
  }
}
