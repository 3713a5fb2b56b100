import { opaqueToken } from '../shared/ids.js'
import { type ActionId, parseActionBody, selectAction } from './actions.js'
import { finishFlow } from './completion.js'
import { flowNotFound, invalidActionId, invalidRequest, PfApiError } from './errors.js'
import type { Flow } from './flows.js'
import { readFlow, runAction } from './policy.js'
import { jsonResponse } from './responses.js'
import type { PfRuntime } from './runtime.js'
import { actionsFor, renderLiveFlow } from './states.js'

/**
 * `GET|POST /pf-ws/authn/flows/{flowId}` (contract §2). GET reads the state; POST runs the action
 * named by the content type or `?action=`. Every answer re-issues the `PF` cookie the request
 * presented and, in cookieless mode, `_pf_authn_api_state`: a new value after an action, the same
 * one after a read (see {@link nextApiState}).
 */
export async function handleFlow(rt: PfRuntime, request: Request, flowId: string): Promise<Response> {
  const presented = rt.sessions.presented(request)
  const session = presented?.session
  let bound: Flow | undefined
  // Cookieless mode: whether the request carried the newest state value (not one in its grace period).
  let newestApiState = false

  const reply = (status: number, body: object): Response => {
    const headers = new Headers()
    // Only a cookie the request carried is rotated: a cookieless caller ignores Set-Cookie, and
    // rotating behind its back would break its SSO at the next authorize. A superseded value (a
    // request that raced another) gets the newest one back instead of yet another rotation.
    if (presented) {
      const cookies = rt.sessions.issueCookies(presented.session, { keep: !presented.current })
      for (const cookie of cookies) headers.append('set-cookie', cookie)
    }
    let out = body
    if (bound?.cookieless) {
      const rotate = request.method !== 'GET' && newestApiState
      out = { ...body, _pf_authn_api_state: nextApiState(rt, bound, rotate) }
    }
    return jsonResponse(status, out, headers)
  }

  try {
    const found = rt.flows.get(flowId)
    // Bind before the header check so that even that error carries the cookieless state.
    const binding = found ? bindingOf(rt, found, request, session?.id) : 'none'
    if (found && binding !== 'none') bound = found
    newestApiState = binding === 'newest'
    if (rt.config.requireXsrfHeader && !request.headers.has('x-xsrf-header')) {
      throw invalidRequest('The X-XSRF-Header header is required on Authentication API requests.')
    }
    const flow = bound
    if (!flow) throw flowNotFound(rt.config.flowNotFoundCode)
    rt.flows.touch(flow)

    if (request.method === 'GET') {
      readFlow(rt, flow)
      return reply(200, renderLiveFlow(rt, flow))
    }

    const queryAction = new URL(request.url).searchParams.get('action')
    const requested = selectAction({ contentType: actionContentType(request, queryAction), queryAction })
    const flowSession = rt.sessions.byId(flow.sessionId)
    const action = findOffered(actionsFor(flow, flowSession?.identifiers ?? []), requested)
    if (!action) throw invalidActionId(requested)
    const body = parseActionBody(action, await request.text(), rt.config.strictActionModels)
    const outcome = runAction(rt, flow, flowSession, action, body)
    if (outcome.kind === 'state') {
      if (rt.config.rotateFlowId) rt.flows.renumber(flow)
      return reply(200, renderLiveFlow(rt, flow))
    }
    return reply(200, await finishFlow(rt, flow, outcome))
  } catch (error) {
    if (error instanceof PfApiError) return reply(error.status, error.body)
    throw error
  }
}

/**
 * The content type the action is read from. PF documents `?action=` without any Content-Type
 * requirement, and Ping's own clients post `?action=poll` with none (a body-less `fetch` sends
 * none), so with `?action=` a missing or empty Content-Type counts as `application/json`.
 */
function actionContentType(request: Request, queryAction: string | null): string | null {
  const type = request.headers.get('content-type')
  if (queryAction !== null && (type === null || type.trim() === '')) return 'application/json'
  return type
}

/**
 * A flow answers only its own session: the `PF` cookie, or in cookieless mode the newest state
 * value or one an action replaced less than `pfCookieGraceSeconds` ago ('retired').
 */
function bindingOf(
  rt: PfRuntime,
  flow: Flow,
  request: Request,
  sessionId: string | undefined,
): 'newest' | 'retired' | 'none' {
  if (!flow.cookieless) return sessionId === flow.sessionId ? 'newest' : 'none'
  const presented = request.headers.get(rt.config.cookielessStateHeader)
  if (presented === null) return 'none'
  if (presented === flow.apiState) return 'newest'
  const until = flow.retiredApiStates.get(presented)
  return until !== undefined && rt.ctx.clock.now() <= until ? 'retired' : 'none'
}

/**
 * The `_pf_authn_api_state` value an answer carries. Only an action, sent with the newest value,
 * replaces it: Ping's widget polls a waiting push (and re-reads the flow after it) with the value
 * of the last screen it drew, ignoring the ones its reads return, so a read must leave the value
 * valid. The replaced value stays accepted for the `PF` cookie's grace period (a double click, a
 * poll racing a selection); a request with it gets the newest value back, as with the cookie.
 */
function nextApiState(rt: PfRuntime, flow: Flow, rotate: boolean): string {
  const now = rt.ctx.clock.now()
  for (const [value, until] of flow.retiredApiStates) if (until < now) flow.retiredApiStates.delete(value)
  if (flow.apiState !== undefined && !rotate) return flow.apiState
  const grace = rt.config.pfCookieGraceSeconds
  if (flow.apiState !== undefined && grace > 0) flow.retiredApiStates.set(flow.apiState, now + grace * 1000)
  flow.apiState = opaqueToken(24)
  return flow.apiState
}

/**
 * The offered action the request names. Media types are case-insensitive (RFC 9110 §8.3.1), so a
 * proxy may have lower-cased the vendor type; fall back to a case-insensitive match.
 */
function findOffered(offered: readonly ActionId[], requested: string): ActionId | undefined {
  return (
    offered.find((a) => a === requested) ?? offered.find((a) => a.toLowerCase() === requested.toLowerCase())
  )
}
