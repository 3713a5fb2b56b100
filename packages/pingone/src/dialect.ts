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
import { isPingOneAction } from './links.js'
import type { PingOneState } from './states/index.js'
import {
  EXTERNAL_POLL_INTERVAL_MS,
  EXTERNAL_WAITING_STATUS,
  isPingOneStatus,
  PUSH_POLL_INTERVAL_MS,
  PUSH_WAITING_STATUS,
} from './statuses.js'

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
    parse: (response, context) => ({ state: parsePingOneState(response, context, deps.now) }),
    pollStep: (state) =>
      state.status === PUSH_WAITING_STATUS
        ? { kind: 'get', intervalMs: PUSH_POLL_INTERVAL_MS }
        : state.status === EXTERNAL_WAITING_STATUS
          ? { kind: 'get', intervalMs: EXTERNAL_POLL_INTERVAL_MS }
          : undefined,
    isAction: isPingOneAction,
    cancelAction: (state) =>
      Object.hasOwn(state._links, CANCEL_PUSH_ACTION) ? CANCEL_PUSH_ACTION : undefined,
    complete: (context) => completePingOneFlow(context, deps),
  }
}

/**
 * Turns a flows-API answer into a state, or a coded error: the platform envelope keeps its `id`,
 * `code` and `details[]`; 404/`NOT_FOUND` is `FLOW_EXPIRED`, except a `password.forgot` that names
 * the username or comes while the flow is still alive, which is the unknown user Ping's sample
 * reports (`FLOW_ERROR`, the flow unchanged); a body that is not a flow object of a known status,
 * or whose `_embedded` models are malformed, is `INVALID_RESPONSE`. `PASSWORD_REQUIRED`'s link under
 * `_embedded.requiredStep._links` is copied into `_links`, where `flow.submit()` looks.
 *
 * @example
 * ```ts
 * const state = parsePingOneState(response, { operation: 'refresh', session })
 * ```
 */
export function parsePingOneState(
  response: HttpResponse,
  context: ParseContext,
  now: () => number = Date.now,
): PingOneState {
  if (
    context.operation === 'password.forgot' &&
    response.status === 404 &&
    unknownUser(response, context, now)
  ) {
    const server = sanitizeServerError(response.json)
    throw new RedirectlessError(
      ErrorCodes.FLOW_ERROR,
      `password.forgot (${displayUrl(response.url)}) was refused: NOT_FOUND — no user has this username`,
      { status: 404, server, ...(context.previous && { flowStatus: context.previous.status }) },
    )
  }
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
  checkModels(embedded as Record<string, unknown> | undefined, bad)
  // A state without links offers nothing; an empty object keeps `state._links[x]` total.
  const links = { ...requiredStepLinks(embedded), ...(body._links as Record<string, unknown> | undefined) }
  return { ...body, _links: links } as unknown as PingOneState
}

/** A 404 to `password.forgot` that is about the username, not the flow (which has not expired). */
function unknownUser(response: HttpResponse, context: ParseContext, now: () => number): boolean {
  const body = response.json as { code?: unknown; details?: { target?: unknown }[] } | undefined
  if (body?.code !== 'NOT_FOUND') return false
  if (Array.isArray(body.details) && body.details.some((d) => d?.target === 'username')) return true
  const expiresAt = Date.parse(String((context.previous as { expiresAt?: unknown } | undefined)?.expiresAt))
  // A few seconds of margin for clock skew: a flow about to expire may well be the one that is gone.
  return Number.isFinite(expiresAt) && expiresAt - now() > 5_000
}

/** The own, well-formed links of `_embedded.requiredStep._links` (PASSWORD_REQUIRED, contract §3.3). */
function requiredStepLinks(embedded: unknown): Record<string, { href: string }> {
  const links = (embedded as { requiredStep?: { _links?: unknown } } | undefined)?.requiredStep?._links
  const out: Record<string, { href: string }> = {}
  if (!links || typeof links !== 'object' || Array.isArray(links)) return out
  for (const [name, link] of Object.entries(links)) {
    if (isPingOneAction(name) && typeof (link as { href?: unknown } | null)?.href === 'string')
      out[name] = { href: (link as { href: string }).href }
  }
  return out
}

/** The `_embedded` models the state types promise: when present, each has its documented shape. */
function checkModels(embedded: Record<string, unknown> | undefined, bad: (why: string) => Error): void {
  if (!embedded) return
  const isObject = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v)
  for (const name of [
    'user',
    'application',
    'passwordPolicy',
    'agreement',
    'identityProvider',
    'deviceAuthorization',
  ]) {
    if (embedded[name] !== undefined && !isObject(embedded[name]))
      throw bad(`with a malformed _embedded.${name}`)
  }
  const providers = embedded.socialProviders
  if (providers !== undefined && (!Array.isArray(providers) || !providers.every(isObject)))
    throw bad('with malformed _embedded.socialProviders')
  const profile = embedded.profileData as { attributes?: unknown } | undefined
  if (
    profile !== undefined &&
    (!isObject(profile) ||
      !Array.isArray(profile.attributes) ||
      !profile.attributes.every((a) => isObject(a) && typeof (a as { name?: unknown }).name === 'string'))
  ) {
    throw bad('with malformed _embedded.profileData')
  }
}
