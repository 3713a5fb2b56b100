import { authorizeResponseFor } from './authorize-response.js'
import type { P1Context } from './context.js'
import { accessFailed, invalidData, invalidRequest } from './errors.js'
import type { Flow } from './flow.js'
import { flowResponse, loadFlow } from './flows.js'
import { readCookie } from './http.js'

/**
 * `GET /{envId}/as/resume?flowId=`: for a `COMPLETED` flow, 200 with the flow plus `authorizeResponse`
 * (contract §3.5). Needs the flow's `ST` cookie unless `resumeRequiresSessionCookie` is off. Answering
 * again gives the same `authorizeResponse`, since clients may retry a GET. A `FAILED` flow resumes
 * into an OAuth error (`resumeFailedFlow`), which is how Ping's sample learns why it failed.
 */
export async function resume(ctx: P1Context, request: Request, url: URL): Promise<Response> {
  const flowId = url.searchParams.get('flowId')
  if (!flowId) throw invalidData('flowId', 'The flowId is required.', 'REQUIRED_VALUE')
  const flow = loadFlow(ctx, flowId)
  if (flow.status === 'FAILED' && ctx.config.resumeFailedFlow === 'authorize-error') {
    // No session may exist yet (the user was never identified), so no ST is asked for.
    return flowResponse(ctx, flow, { authorizeResponse: failedResponse(flow) })
  }
  if (flow.status !== 'COMPLETED')
    throw invalidRequest(`The flow cannot be resumed in status ${flow.status}.`)
  if (ctx.config.resumeRequiresSessionCookie) {
    const token = readCookie(request, 'ST')
    const session = token === undefined ? undefined : ctx.store.sessions.get(token)
    if (!session || session.id !== flow.session?.id) {
      throw accessFailed('The session cookie of this flow is missing or does not match.')
    }
  }
  return flowResponse(ctx, flow, { authorizeResponse: await authorizeResponseFor(ctx, flow) })
}

/** What the redirect URI would have received for a failed flow: `access_denied` and the reason. */
function failedResponse(flow: Flow): Record<string, unknown> {
  const why = flow.error ? `${flow.error.message} (${flow.error.code})` : 'The sign-on failed.'
  return {
    error: 'access_denied',
    error_description: why,
    ...(flow.request.state === undefined ? {} : { state: flow.request.state }),
  }
}
