import {
  type AuthorizationResult,
  displayUrl,
  ErrorCodes,
  type FlowDialect,
  type HttpResponse,
  type ParseContext,
  parseFlowBody,
  RedirectlessError,
  sanitizeServerError,
} from '@redirectless/core'
import { actionBody, actionMediaType, CANCEL_PUSH_ACTION } from './actions.js'
import { type CompleteDeps, completePingOneFlow } from './complete.js'
import type { PingOneState } from './states/index.js'
import { isPingOneStatus, PUSH_POLL_INTERVAL_MS, PUSH_WAITING_STATUS } from './statuses.js'

/** The product name saved flows carry; `restoreFlow()` refuses any other. */
export const PINGONE_PRODUCT = 'pingone'

/** PingOne's "this flow is gone" code (404 after 15 idle minutes, or an unknown flow id). */
const GONE_CODES = ['NOT_FOUND'] as const

/**
 * The PingOne dialect of the core flow engine: `noun.verb` actions selected by media type, the
 * platform error envelope, push polling by GET, and resume before the code exchange.
 */
export function createPingOneDialect(deps: CompleteDeps): FlowDialect<PingOneState, AuthorizationResult> {
  return {
    product: PINGONE_PRODUCT,
    actionRequest(_state, action, body, href) {
      if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
        throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, `The body of "${action}" must be an object`)
      }
      return {
        method: 'POST',
        url: href,
        headers: { 'content-type': actionMediaType(action) },
        body: actionBody(action, body),
      }
    },
    refreshRequest: (_state, href) => ({ method: 'GET', url: href }),
    parse: (response, context) => ({ state: parsePingOneState(response, context) }),
    pollStep: (state) =>
      state.status === PUSH_WAITING_STATUS ? { kind: 'get', intervalMs: PUSH_POLL_INTERVAL_MS } : undefined,
    cancelAction: (state) =>
      Object.hasOwn(state._links, CANCEL_PUSH_ACTION) ? CANCEL_PUSH_ACTION : undefined,
    complete: (context) => completePingOneFlow(context, deps),
  }
}

/**
 * Turns a flows-API answer into a state, or a coded error: the platform envelope keeps its `id`,
 * `code` and `details[]`; 404/`NOT_FOUND` is `FLOW_EXPIRED`; a body that is not a flow object of a
 * known status is `INVALID_RESPONSE`.
 */
export function parsePingOneState(response: HttpResponse, context: ParseContext): PingOneState {
  if (context.operation === 'authorize' && response.status === 404) {
    // No flow existed yet, so "start a new one" (FLOW_EXPIRED) would loop: the URL itself is wrong.
    const server =
      response.json && typeof response.json === 'object' ? sanitizeServerError(response.json) : undefined
    throw new RedirectlessError(
      ErrorCodes.FLOW_ERROR,
      `authorize (${displayUrl(response.url)}) answered 404: check authBaseUrl and environmentId`,
      { status: 404, ...(server && { server }) },
    )
  }
  const body = parseFlowBody(response, context, { goneCodes: GONE_CODES, isKnownStatus: isPingOneStatus })
  const bad = (why: string) =>
    new RedirectlessError(
      ErrorCodes.INVALID_RESPONSE,
      `${context.operation} (${displayUrl(response.url)}) answered ${why}`,
      {
        status: response.status,
        ...(context.previous && { flowStatus: context.previous.status }),
      },
    )
  if (typeof body.id !== 'string' || body.id === '') throw bad('a flow without an id')
  const embedded = body._embedded as { devices?: unknown } | undefined
  if (
    embedded !== undefined &&
    (typeof embedded !== 'object' || embedded === null || Array.isArray(embedded))
  ) {
    throw bad('with malformed _embedded')
  }
  if (embedded?.devices !== undefined || body.status === 'DEVICE_SELECTION_REQUIRED') {
    const devices = embedded?.devices
    if (
      !Array.isArray(devices) ||
      devices.some((d) => !d || typeof d.id !== 'string' || typeof d.type !== 'string')
    ) {
      throw bad('with a device list that is missing or has devices without id and type')
    }
  }
  if (body.status === 'ASSERTION_REQUIRED') {
    const options = body.publicKeyCredentialRequestOptions
    if (typeof options !== 'string' && (!options || typeof options !== 'object')) {
      throw bad('ASSERTION_REQUIRED without publicKeyCredentialRequestOptions')
    }
  }
  // A state without links offers nothing; an empty object keeps `state._links[x]` total.
  return (body._links === undefined ? { ...body, _links: {} } : body) as unknown as PingOneState
}
