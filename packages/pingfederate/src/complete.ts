import {
  type AuthorizationResult,
  type ClientCredentials,
  type CompleteContext,
  displayUrl,
  ErrorCodes,
  finishAuthorization,
  type ProviderKeys,
  RedirectlessError,
} from '@redirectless/core'
import type { PingFederateState } from './state.js'

/** What finishing a flow needs from the client. */
export interface CompletionDeps {
  readonly provider: ProviderKeys
  readonly client: ClientCredentials
  readonly now?: (() => number) | undefined
  /**
   * Follows `resumeUrl` on `RESUME` (the `followResume` option, which the Node entry wires in)
   * instead of failing with `RESUME_REQUIRED`.
   */
  readonly followResume?:
    | ((context: CompleteContext<PingFederateState>, deps: CompletionDeps) => Promise<AuthorizationResult>)
    | undefined
}

/**
 * Turns the flow's final state into a result (contract §6.10): `COMPLETED` → check the
 * authorization response and its `state`, exchange the code with the PKCE verifier and validate
 * the id_token; `FAILED` → `FLOW_FAILED`; `CANCELED` → `FLOW_CANCELED`; `RESUME` →
 * `RESUME_REQUIRED`, or with `followResume` the authorization response `resumeUrl` hands over;
 * `EXTERNAL_AUTHENTICATION_REQUIRED` with `presentationMode: 'REDIRECT'` → `UNEXPECTED_REDIRECT`;
 * any other status → `FLOW_NOT_COMPLETED`.
 *
 * With `responseType: 'none'` nothing is issued: the result has empty `tokens` and no `claims`.
 */
export async function completePingFederateFlow(
  context: CompleteContext<PingFederateState>,
  deps: CompletionDeps,
): Promise<AuthorizationResult> {
  const { state } = context
  // The widget refuses this too (contract §6.11): a REDIRECT presentation leaves the app.
  if (state.status === 'EXTERNAL_AUTHENTICATION_REQUIRED' && state.presentationMode === 'REDIRECT') {
    throw new RedirectlessError(
      ErrorCodes.UNEXPECTED_REDIRECT,
      'presentationMode REDIRECT needs a browser redirect',
      { flowStatus: state.status },
    )
  }
  switch (state.status) {
    case 'COMPLETED':
      return finishAuthorization({
        authorizeResponse: state.authorizeResponse,
        request: context.session.request,
        provider: deps.provider,
        client: deps.client,
        transport: context.transport,
        send: context.sendOptions,
        ...(deps.now && { now: deps.now }),
      })
    case 'FAILED': {
      const server = {
        ...(state.code !== undefined && { code: state.code }),
        ...(state.message !== undefined && { message: state.message }),
        ...(state.userMessage !== undefined && { userMessage: state.userMessage }),
      }
      throw new RedirectlessError(
        ErrorCodes.FLOW_FAILED,
        `The flow ended in FAILED${state.code ? `: ${state.code}` : ''}`,
        {
          server,
          flowStatus: state.status,
        },
      )
    }
    case 'CANCELED':
      throw new RedirectlessError(
        ErrorCodes.FLOW_CANCELED,
        `The flow was cancelled${state.canceledOperation ? ` (${state.canceledOperation})` : ''}`,
        { flowStatus: state.status },
      )
    case 'RESUME': {
      if (deps.followResume) return deps.followResume(context, deps)
      throw new RedirectlessError(
        ErrorCodes.RESUME_REQUIRED,
        `PingFederate needs a browser sent to resumeUrl (${displayUrl(state.resumeUrl)}) to finish this flow`,
        { flowStatus: state.status },
      )
    }
    default:
      throw new RedirectlessError(
        ErrorCodes.FLOW_NOT_COMPLETED,
        `The flow is at ${state.status}, not COMPLETED: answer flow.state first`,
        { flowStatus: state.status },
      )
  }
}
