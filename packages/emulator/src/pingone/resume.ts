import { authorizeResponseFor } from './authorize-response.js'
import type { P1Context } from './context.js'
import { accessFailed, invalidData, invalidRequest } from './errors.js'
import { flowResponse, loadFlow } from './flows.js'
import { readCookie } from './http.js'

/**
 * `GET /{envId}/as/resume?flowId=`: for a `COMPLETED` flow, 200 with the flow plus `authorizeResponse`
 * (contract §3.5). Needs the flow's `ST` cookie unless `resumeRequiresSessionCookie` is off. Answering
 * again gives the same `authorizeResponse`, since clients may retry a GET.
 */
export async function resume(ctx: P1Context, request: Request, url: URL): Promise<Response> {
  const flowId = url.searchParams.get('flowId')
  if (!flowId) throw invalidData('flowId', 'The flowId is required.', 'REQUIRED_VALUE')
  const flow = loadFlow(ctx, flowId)
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
