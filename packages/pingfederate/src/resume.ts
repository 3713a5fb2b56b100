/**
 * Following `resumeUrl` with the flow's cookies, for a client that opted in (`followResume`):
 * loaded with `import()` only when a flow ends in `RESUME`.
 * @module
 */
import {
  type AuthorizationResult,
  type CompleteContext,
  displayUrl,
  ErrorCodes,
  errorFromResponse,
  finishAuthorization,
  type HttpResponse,
  RedirectlessError,
} from '@redirectless/core'
import type { CompletionDeps } from './complete.js'
import type { PingFederateState } from './state.js'
import type { ResumeState } from './states/terminal.js'

/** Parameters that make a redirect, page or body an authorization response (RFC 6749 §4.1.2, §4.2.2). */
const RESPONSE_PARAMS = ['code', 'error', 'access_token', 'id_token'] as const

/**
 * GETs `resumeUrl` once (never retried: it finishes the authorization) with the flow's cookies,
 * origin-pinned like every call, and reads the authorization response from the answer without
 * following anything: a redirect's `Location` (query and fragment), an HTML auto-post form's
 * inputs, or a `COMPLETED` JSON body. Then it finishes as `COMPLETED` would (state check, code
 * exchange, id_token validation).
 *
 * @throws `RESUME_REQUIRED` when the answer holds no authorization response (a page that needs a
 *   person, a browser's opaque redirect): only a browser at `resumeUrl` can go on. `UNTRUSTED_LINK`
 *   for a `resumeUrl` outside the trusted origins; `FLOW_ERROR` (4xx), `SERVER_ERROR`, … when PF
 *   refuses the resume.
 */
export async function followResume(
  context: CompleteContext<PingFederateState>,
  deps: CompletionDeps,
): Promise<AuthorizationResult> {
  const state = context.state as ResumeState
  const response = await context.transport.send(
    { method: 'GET', url: state.resumeUrl },
    { ...context.sendOptions, acceptRedirect: true, retry: false },
  )
  if (response.status >= 400) {
    // PF refused (the flow is gone, the session lost) or failed: a browser would fare no better.
    // Its refusal is an HTML page for browsers; only a JSON body says more.
    if (response.status < 500 && response.json === undefined) {
      throw new RedirectlessError(
        ErrorCodes.FLOW_ERROR,
        `PingFederate refused to resume the flow at ${displayUrl(state.resumeUrl)} (${response.status}): start a new one`,
        { status: response.status, flowStatus: 'RESUME' },
      )
    }
    throw errorFromResponse(response, {
      operation: 'Following resumeUrl',
      clientErrorCode: ErrorCodes.FLOW_ERROR,
    })
  }
  const params = authorizationResponseOf(response, context.session.request.redirectUri)
  if (!params) {
    throw new RedirectlessError(
      ErrorCodes.RESUME_REQUIRED,
      `${displayUrl(state.resumeUrl)} answered ${response.status} without an authorization response: a browser must go on from resumeUrl`,
      { status: response.status, flowStatus: 'RESUME' },
    )
  }
  return finishAuthorization({
    authorizeResponse: params,
    request: context.session.request,
    provider: deps.provider,
    client: deps.client,
    transport: context.transport,
    send: context.sendOptions,
    ...(deps.now && { now: deps.now }),
  })
}

/**
 * The authorization response an answer of `resumeUrl` carries, if any (pure; exported for tests).
 * A redirect to anywhere but `redirectUri` (when one is configured) is not one: it leads to a page.
 */
export function authorizationResponseOf(
  response: HttpResponse,
  redirectUri: string | undefined,
): Record<string, string> | undefined {
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location')
    if (!location) return undefined
    let target: URL
    try {
      target = new URL(location, response.url)
    } catch {
      return undefined
    }
    if (redirectUri !== undefined && !sameEndpoint(target, redirectUri)) return undefined
    const params = Object.fromEntries(target.searchParams)
    for (const [name, value] of new URLSearchParams(target.hash.slice(1))) params[name] = value
    return isAuthorizationResponse(params) ? params : undefined
  }
  const body = response.json as { status?: unknown; authorizeResponse?: unknown } | undefined
  if (body && typeof body === 'object') {
    if (body.status === 'COMPLETED' && body.authorizeResponse && typeof body.authorizeResponse === 'object')
      return body.authorizeResponse as Record<string, string>
    return undefined
  }
  if (response.status === 200 && /<form\b/i.test(response.text)) {
    const params = formInputs(response.text)
    return isAuthorizationResponse(params) ? params : undefined
  }
  return undefined
}

function isAuthorizationResponse(params: Record<string, string>): boolean {
  return RESPONSE_PARAMS.some((name) => typeof params[name] === 'string')
}

function sameEndpoint(target: URL, redirectUri: string): boolean {
  try {
    const expected = new URL(redirectUri)
    return target.origin === expected.origin && target.pathname === expected.pathname
  } catch {
    return false
  }
}

/** The named inputs of an HTML form (an OAuth `form_post` page), entities decoded. */
function formInputs(html: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [tag] of html.matchAll(/<input\b[^>]*>/gi)) {
    const name = attribute(tag, 'name')
    if (name !== undefined) out[name] = attribute(tag, 'value') ?? ''
  }
  return out
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)
  if (!match) return undefined
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? '')
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code =
        entity[1] === 'x' || entity[1] === 'X'
          ? Number.parseInt(entity.slice(2), 16)
          : Number(entity.slice(1))
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return named[entity.toLowerCase()] ?? whole
  })
}
