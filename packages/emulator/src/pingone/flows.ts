import { actionBody, actionOf, runAction } from './actions.js'
import { authorizeResponseFor } from './authorize-response.js'
import type { P1Context } from './context.js'
import { notFound } from './errors.js'
import type { Flow } from './flow.js'
import { json, sessionCookie } from './http.js'
import { refreshPush } from './push.js'
import { renderFlow } from './render.js'

/** The `ST` cookie lifetime: PingOne's sign-on session idle timeout of 30 days (contract §3.4). */
const SESSION_COOKIE_MAX_AGE = 30 * 24 * 3600

/**
 * The live flow with this id, its idle deadline pushed forward; 404 `NOT_FOUND` for an unknown or
 * expired one (contract §4.3). A waiting push past its deadline times out here.
 */
export function loadFlow(ctx: P1Context, flowId: string): Flow {
  const now = ctx.clock.now()
  sweep(ctx, now)
  const flow = ctx.store.flows.get(flowId)
  if (!flow) throw notFound('The flow does not exist or has expired.')
  refreshPush(ctx, flow)
  flow.expiresAt = now + ctx.config.flowIdleTimeoutSeconds * 1000
  return flow
}

/** `GET /{envId}/flows/{flowId}`: never changes state, except a push timing out (the polling call). */
export function readFlow(ctx: P1Context, flowId: string): Response {
  return flowResponse(ctx, loadFlow(ctx, flowId))
}

/** `POST /{envId}/flows/{flowId}`: the action chosen by the media type (contract §3.2). */
export async function postFlow(ctx: P1Context, flowId: string, request: Request): Promise<Response> {
  const flow = loadFlow(ctx, flowId)
  const action = actionOf(ctx.config, request.headers.get('content-type'))
  await runAction(ctx, flow, action, await actionBody(action, request))
  if (ctx.config.authorizeResponseOnCompletedAction && flow.status === 'COMPLETED') {
    return flowResponse(ctx, flow, { authorizeResponse: await authorizeResponseFor(ctx, flow) })
  }
  return flowResponse(ctx, flow)
}

/** 200 with the flow object; sets `ST` when it is due, and `Retry-After` on a waiting push when configured. */
export function flowResponse(ctx: P1Context, flow: Flow, extra: Record<string, unknown> = {}): Response {
  const headers = new Headers()
  if (flow.cookiePending && flow.session && ctx.config.sessionCookie !== 'never') {
    headers.append(
      'set-cookie',
      sessionCookie(flow.session.token, {
        path: `/${ctx.config.environmentId}`,
        maxAgeSeconds: SESSION_COOKIE_MAX_AGE,
        attributes: ctx.cookieAttributes,
        now: ctx.clock.now(),
      }),
    )
    flow.cookiePending = false
  }
  const retryAfter = ctx.config.pushPollRetryAfterSeconds
  if (flow.status === 'PUSH_CONFIRMATION_REQUIRED' && retryAfter !== null)
    headers.set('retry-after', String(retryAfter))
  return json({ ...renderFlow(ctx, flow), ...extra }, 200, headers)
}

/** Forgets expired flows, so a long-running emulator does not keep them all. */
function sweep(ctx: P1Context, now: number): void {
  for (const [id, flow] of ctx.store.flows) if (now >= flow.expiresAt) ctx.store.flows.delete(id)
}
