/**
 * PingFederate's half of the pi.flow engine: how actions and reads are sent, how answers are read,
 * which statuses wait and how, which action cancels. Pure apart from `complete`, which it is given.
 * @module
 */
import {
  type AuthorizationResult,
  type CompleteContext,
  ErrorCodes,
  type FlowDialect,
  type FlowSession,
  type HeaderHook,
  type HttpRequest,
  type HttpResponse,
  type ParseContext,
  type PollStep,
  parseFlowBody,
  RedirectlessError,
} from '@redirectless/core'
import { defaultBodyText } from './actions.js'
import type { PingFederateState } from './state.js'
import { isPingFederateStatus } from './statuses.js'

/** The name `flow.product` and saved flows carry. */
export const PRODUCT = 'pingfederate'

/** Where the cookieless-mode state is kept in `FlowSession.extra`. */
export const COOKIELESS_STATE_KEY = 'pfAuthnApiState'

/** The body member that carries the cookieless-mode state (contract §2.5). */
const STATE_MEMBER = '_pf_authn_api_state'

/** Both codes mean "no such flow" (contract §4.2): the SDK's, and the one real servers send. */
export const FLOW_GONE_CODES = ['RESOURCE_NOT_FOUND', 'FLOW_NOT_FOUND'] as const

/** How the dialect sends requests; everything here comes from the client's options. */
export interface PingFederateDialectOptions {
  /** Value of `X-XSRF-Header` (any value works; PF only needs the header to force a CORS pre-flight). */
  readonly xsrfHeaderValue: string
  /** Name the action in `?action=` with `application/json`, for networks that drop vendor media types. */
  readonly useActionParam: boolean
  /** Cookieless mode: the header that echoes `_pf_authn_api_state`; undefined when off. */
  readonly stateHeaderName: string | undefined
  /** Finishes a `COMPLETED` flow (see `complete.ts`). */
  readonly complete: (context: CompleteContext<PingFederateState>) => Promise<AuthorizationResult>
}

// The waiting statuses and the pace the widget keeps for each (contract §6.8). A Map, since a
// restored flow's status is whatever was saved: `constructor` must not find Object's (invariant 12).
const POLL_STEPS: ReadonlyMap<string, PollStep> = new Map<string, PollStep>([
  ['PUSH_CONFIRMATION_WAITING', { kind: 'get', intervalMs: 1_000 }],
  ['MOBILE_ACTIVATION_REQUIRED', { kind: 'get', intervalMs: 1_000 }],
  ['AUTHENTICATION_CODE_RESPONSE_REQUIRED', { kind: 'get', intervalMs: 1_000 }],
  ['ID_VERIFICATION_REQUIRED', { kind: 'action', action: 'poll', intervalMs: 5_000 }],
  ['CREDENTIAL_VERIFICATION_REQUIRED', { kind: 'action', action: 'poll', intervalMs: 5_000 }],
  ['LINK_INITIATED', { kind: 'action', action: 'poll', intervalMs: 2_000 }],
  ['SECURID_CAS_APPROVE_METHOD_PENDING_VERIFICATION', { kind: 'action', action: 'poll', intervalMs: 5_000 }],
])

/**
 * The cancel actions of the state families (contract §6.9), most general first. The one used is
 * the first the state's `_links` offers, so a state that offers none is simply abandoned.
 */
export const CANCEL_ACTIONS = [
  'cancelAuthentication',
  'cancel',
  'cancelPasswordChange',
  'cancelAccountRecovery',
  'cancelUsernameRecovery',
  'cancelIdentifierSubmission',
  'cancelDevicePairing',
] as const

// PingFederate action ids are `verbNoun`; anything else would end up inside a media type.
const ACTION_ID = /^[A-Za-z][A-Za-z0-9]*$/

/**
 * The headers every flow call carries (contract §2.3, §6.3), added by the transport's header hook
 * so that every attempt of every flow call has them, whoever built the request.
 */
export function flowHeaderHook(
  options: Pick<PingFederateDialectOptions, 'xsrfHeaderValue' | 'stateHeaderName'>,
): HeaderHook {
  const { xsrfHeaderValue, stateHeaderName } = options
  return (request, context) => {
    const session = context.flow
    if (!session) return
    request.headers.set('x-xsrf-header', xsrfHeaderValue)
    const state = session.extra[COOKIELESS_STATE_KEY]
    if (stateHeaderName && state !== undefined) request.headers.set(stateHeaderName, state)
  }
}

/** The request that posts `action` (pure; exported for tests). */
export function buildActionRequest(
  options: PingFederateDialectOptions,
  status: string,
  action: string,
  body: unknown,
  href: URL,
): HttpRequest {
  if (!ACTION_ID.test(action)) {
    throw new RedirectlessError(
      ErrorCodes.INVALID_ARGUMENT,
      `"${action.slice(0, 64)}" is not a PingFederate action id`,
    )
  }
  const url = new URL(href)
  const headers: Record<string, string> = {}
  if (options.useActionParam) {
    url.searchParams.set('action', action)
    headers['content-type'] = 'application/json'
  } else {
    headers['content-type'] = `application/vnd.pingidentity.${action}+json`
  }
  let text: string | undefined
  if (body === undefined) {
    text = defaultBodyText(status, action)
  } else {
    try {
      text = JSON.stringify(body)
    } catch {
      throw new RedirectlessError(
        ErrorCodes.INVALID_ARGUMENT,
        `The body for "${action}" cannot be sent as JSON`,
      )
    }
  }
  return { method: 'POST', url, headers, ...(text !== undefined && { body: text }) }
}

/** The request that re-reads the flow (pure; exported for tests). */
export function buildRefreshRequest(href: URL): HttpRequest {
  return { method: 'GET', url: href }
}

/**
 * Reads an answer of the authorization endpoint or the flow endpoint: an error envelope becomes a
 * coded error (`RESOURCE_NOT_FOUND`/`FLOW_NOT_FOUND` → `FLOW_EXPIRED`), a state must have a known
 * status. In cookieless mode the `_pf_authn_api_state` of every answer, error bodies included, is
 * kept for the next call; it is never left in the state the application sees.
 */
export function parsePingFederateResponse(
  options: Pick<PingFederateDialectOptions, 'stateHeaderName'>,
  response: HttpResponse,
  context: ParseContext,
): { state: PingFederateState; session?: FlowSession } {
  const body = response.json
  const carried =
    body && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>)[STATE_MEMBER]
      : undefined
  const latest = options.stateHeaderName && typeof carried === 'string' ? carried : undefined
  let raw: ReturnType<typeof parseFlowBody>
  try {
    raw = parseFlowBody(response, context, {
      goneCodes: FLOW_GONE_CODES,
      isKnownStatus: isPingFederateStatus,
    })
  } catch (error) {
    // An error leaves the flow where it was, but PF may still have moved its cookieless state on:
    // the next call must echo the new value. Core keeps a session only from successful answers, so
    // the value is written into this flow's own (unshared, never frozen) session object.
    if (latest !== undefined) (context.session.extra as Record<string, string>)[COOKIELESS_STATE_KEY] = latest
    throw error
  }
  const { [STATE_MEMBER]: _removed, ...rest } = raw
  if (rest.status === 'RESUME' && typeof rest.resumeUrl !== 'string') {
    throw new RedirectlessError(
      ErrorCodes.INVALID_RESPONSE,
      `${context.operation} answered RESUME without a resumeUrl`,
      {
        status: response.status,
      },
    )
  }
  const state = rest as unknown as PingFederateState
  if (latest === undefined || latest === context.session.extra[COOKIELESS_STATE_KEY]) return { state }
  return {
    state,
    session: { ...context.session, extra: { ...context.session.extra, [COOKIELESS_STATE_KEY]: latest } },
  }
}

// External authentication in a pop-up: the flow moves once the user is done there; the widget reads
// it again then. A REDIRECT presentation never moves without a browser redirect: nothing to wait for.
const EXTERNAL_POPUP_STEP: PollStep = { kind: 'get', intervalMs: 1_000 }

/** How `flow.poll()` waits in `state`, or undefined when the status does not change by itself. */
export function pollStepFor(state: PingFederateState): PollStep | undefined {
  if (state.status === 'EXTERNAL_AUTHENTICATION_REQUIRED') {
    return state.presentationMode === 'REDIRECT' ? undefined : EXTERNAL_POPUP_STEP
  }
  return POLL_STEPS.get(state.status)
}

/** The cancel action `state` offers, if any. */
export function cancelActionFor(state: PingFederateState): string | undefined {
  const links = state._links ?? {}
  return CANCEL_ACTIONS.find((action) => Object.hasOwn(links, action))
}

/** Builds the dialect core's flow engine drives. */
export function createPingFederateDialect(
  options: PingFederateDialectOptions,
): FlowDialect<PingFederateState> {
  return {
    product: PRODUCT,
    actionRequest: (state, action, body, href) =>
      buildActionRequest(options, state.status, action, body, href),
    refreshRequest: (_state, href) => buildRefreshRequest(href),
    parse: (response, context) => parsePingFederateResponse(options, response, context),
    pollStep: pollStepFor,
    cancelAction: cancelActionFor,
    complete: options.complete,
  }
}
