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
 * presented and, in cookieless mode, a new `_pf_authn_api_state`.
 */
export async function handleFlow(rt: PfRuntime, request: Request, flowId: string): Promise<Response> {
  const presented = rt.sessions.presented(request)
  const session = presented?.session
  let bound: Flow | undefined

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
      bound.apiState = opaqueToken(24)
      out = { ...body, _pf_authn_api_state: bound.apiState }
    }
    return jsonResponse(status, out, headers)
  }

  try {
    const found = rt.flows.get(flowId)
    // Bind before the header check so that even that error carries the cookieless state.
    if (found && isBound(rt, found, request, session?.id)) bound = found
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

/** A flow answers only its own session: the `PF` cookie, or in cookieless mode the latest state value. */
function isBound(rt: PfRuntime, flow: Flow, request: Request, sessionId: string | undefined): boolean {
  if (flow.cookieless) {
    const presented = request.headers.get(rt.config.cookielessStateHeader)
    return presented !== null && presented === flow.apiState
  }
  return sessionId === flow.sessionId
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
