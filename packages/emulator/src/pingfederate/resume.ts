import { finishFlow } from './completion.js'
import { escapeHtml } from './external.js'
import type { Flow } from './flows.js'
import { jsonResponse } from './responses.js'
import type { PfRuntime } from './runtime.js'

/** `resumeUrl`'s path below the base URL; `:flowId` is the flow's id (contract §5.2). */
export const RESUME_PATH = '/as/:flowId/resume/as/authorization.ping'

/**
 * `GET|POST {base}/as/{flowId}/resume/as/authorization.ping`: where a browser goes on after
 * `RESUME`. The request must carry the flow's `PF` cookie. An interactive non-API step first shows
 * its page (a form that posts back here); then the authorization finishes and its response is
 * handed over as `resumeResponse` says: a 302 to the redirect URI (default), an auto-posting HTML
 * form, or `COMPLETED` JSON. Anything wrong is an HTML error page, as PF shows one to a browser.
 */
export async function handleResume(rt: PfRuntime, request: Request, flowId: string): Promise<Response> {
  const session = rt.sessions.fromCookie(request)
  const flow = rt.flows.get(flowId)
  const headers = new Headers({ 'cache-control': 'no-store' })
  if (session) for (const cookie of rt.sessions.issueCookies(session)) headers.append('set-cookie', cookie)
  if (flow?.status !== 'RESUME' || !session || session.id !== flow.sessionId) {
    return page(
      400,
      headers,
      '<p>The sign-on request could not be resumed: it is unknown, finished, or not yours.</p>',
    )
  }
  if (needsUser(rt, flow) && request.method !== 'POST') {
    const action = escapeHtml(rt.resumeUrl(flow.id))
    return page(
      200,
      headers,
      `<h1>Sign on</h1><p>This step of the sign-on needs a browser.</p><form method="post" action="${action}"><button>Continue</button></form>`,
    )
  }
  const completed = await finishFlow(rt, flow, { kind: 'completed', username: flow.username ?? '' })
  if (rt.config.resumeResponse === 'pi.flow') {
    const out = jsonResponse(200, completed)
    for (const cookie of headers.getSetCookie()) out.headers.append('set-cookie', cookie)
    return out
  }
  const params = completed.authorizeResponse as Record<string, string>
  const redirectUri = flow.request.redirectUri ?? onlyRegisteredUri(rt, flow)
  if (redirectUri === undefined) {
    return page(400, headers, '<p>The client has no single redirect URI to return the authorization to.</p>')
  }
  if (rt.config.resumeResponse === 'form_post') {
    const inputs = Object.entries(params)
      .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
      .join('')
    return page(
      200,
      headers,
      `<form method="post" action="${escapeHtml(redirectUri)}">${inputs}<noscript><button>Continue</button></noscript></form><script>document.forms[0].submit()</script>`,
    )
  }
  // OAuth's default response modes: the query for `code`, the fragment when tokens travel.
  const fragment = flow.request.responseType.split(' ').some((t) => t === 'token' || t === 'id_token')
  const target = new URL(redirectUri)
  const encoded = new URLSearchParams(params).toString()
  if (fragment) target.hash = encoded
  else for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value)
  headers.set('location', target.href)
  return new Response(null, { status: 302, headers })
}

/** Whether the resumed step is one the user must interact with (its page comes first). */
function needsUser(rt: PfRuntime, flow: Flow): boolean {
  const step = rt.config.nonApiStep
  if (!step || step.interactive === false) return false
  const username = (flow.username ?? '').toLowerCase()
  return !step.users || step.users.some((u) => u.toLowerCase() === username)
}

function onlyRegisteredUri(rt: PfRuntime, flow: Flow): string | undefined {
  const uris = rt.clients.find(flow.request.clientId)?.redirectUris ?? []
  return uris.length === 1 ? uris[0] : undefined
}

function page(status: number, headers: Headers, body: string): Response {
  headers.set('content-type', 'text/html; charset=utf-8')
  return new Response(`<!doctype html><html><body>${body}</body></html>`, { status, headers })
}
