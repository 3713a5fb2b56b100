import { opaqueToken } from '../shared/ids.js'
import type { ActionBody } from './actions.js'
import type { PfExternalSourceConfig } from './config.js'
import { validationError } from './errors.js'
import type { Flow } from './flows.js'
import type { PfRuntime } from './runtime.js'
import type { UserRecord } from './users.js'

/**
 * External (social, federated) authentication (contract §3.3): the sign-on form lists the
 * configured sources; `useAlternativeAuthenticationSource` answers `EXTERNAL_AUTHENTICATION_REQUIRED`
 * with an `authenticationUrl` the app opens in a pop-up. The pop-up is this half's own small page,
 * or the {@link ExternalAuthController} test hook; the flow then reads
 * `EXTERNAL_AUTHENTICATION_COMPLETED` (or `_FAILED`).
 */

/** Where the emulated external sign-on page lives, below the base URL. */
export const EXTERNAL_PATH = '/emulator/external'

/** One pending external authentication, as the test hook lists it. */
export interface PendingExternalAuthentication {
  readonly flowId: string
  readonly source: string
  readonly authenticationUrl: string
}

/** What a user does in the external pop-up, for tests and demos without a browser. */
export interface ExternalAuthController {
  /**
   * Signs in at the external source for the newest pending external authentication (or the flow
   * named by `flowId`), as `username` (default: the source's configured user). An unknown username
   * is provisioned on the fly, as PingFederate's just-in-time provisioning does. False when nothing
   * is pending or no user can be named.
   */
  complete(options?: { readonly username?: string; readonly flowId?: string }): boolean
  /** Fails the newest pending external authentication (or the one of `flowId`). */
  fail(options?: { readonly flowId?: string }): boolean
  /** The external authentications waiting for their pop-up, newest first. */
  pending(): readonly PendingExternalAuthentication[]
}

/** `useAlternativeAuthenticationSource`: starts the external authentication. */
export function startExternal(rt: PfRuntime, flow: Flow, body: ActionBody): void {
  const name = String(body.authenticationSource)
  const source = rt.config.externalSources.find((s) => s.name === name)
  if (!source) {
    throw validationError([
      {
        code: 'INVALID_FIELD_VALUE',
        message: `No authentication source named '${name.slice(0, 64)}'.`,
        target: 'authenticationSource',
      },
    ])
  }
  flow.external = {
    source: source.name,
    token: opaqueToken(18),
    startedAt: rt.ctx.clock.now(),
    outcome: undefined,
  }
  flow.status = 'EXTERNAL_AUTHENTICATION_REQUIRED'
}

/** The model of the external statuses. */
export function externalModel(rt: PfRuntime, flow: Flow): Record<string, unknown> {
  if (flow.status !== 'EXTERNAL_AUTHENTICATION_REQUIRED' || !flow.external) return {}
  const source = sourceOf(rt, flow)
  return {
    authenticationUrl: pageUrl(rt, flow.external.token),
    presentationMode: source?.presentationMode ?? 'POPUP',
  }
}

/** The sign-on form's `alternativeAuthenticationSources`. */
export function alternativeSources(rt: PfRuntime): { name: string }[] {
  return rt.config.externalSources.map((s) => ({ name: s.name }))
}

/** The pending flow the hook or the page settles. */
function pendingFlows(rt: PfRuntime): Flow[] {
  return rt.flows
    .all()
    .filter((f) => f.status === 'EXTERNAL_AUTHENTICATION_REQUIRED' && f.external && !f.external.outcome)
    .sort((a, b) => (b.external?.startedAt ?? 0) - (a.external?.startedAt ?? 0))
}

/** Settles one external authentication: the flow moves to `_COMPLETED` or `_FAILED` at once. */
function settle(rt: PfRuntime, flow: Flow, username: string | undefined): boolean {
  const external = flow.external
  if (!external) return false
  if (username === undefined) {
    external.outcome = { ok: false }
    flow.status = 'EXTERNAL_AUTHENTICATION_FAILED'
    return true
  }
  const user = rt.users.find(username) ?? provision(rt, username)
  external.outcome = { ok: true, username: user.username }
  flow.user = user
  flow.username = user.username
  flow.status = 'EXTERNAL_AUTHENTICATION_COMPLETED'
  return true
}

function provision(rt: PfRuntime, username: string): UserRecord {
  const user = rt.users.register({ username, password: opaqueToken(24), claims: { name: username } })
  if (!user) throw new Error('unreachable: the username was free a moment ago')
  return user
}

/** The test hook over this half's pending external authentications. */
export function createExternalController(rt: PfRuntime): ExternalAuthController {
  const pick = (flowId: string | undefined) =>
    pendingFlows(rt).find((f) => flowId === undefined || f.id === flowId)
  return {
    complete(options = {}) {
      const flow = pick(options.flowId)
      const username = options.username ?? (flow ? sourceOf(rt, flow)?.username : undefined)
      if (!flow || username === undefined || username.trim() === '') return false
      return settle(rt, flow, username)
    },
    fail(options = {}) {
      const flow = pick(options.flowId)
      return flow ? settle(rt, flow, undefined) : false
    },
    pending: () =>
      pendingFlows(rt).map((f) => ({
        flowId: f.id,
        source: f.external?.source ?? '',
        authenticationUrl: pageUrl(rt, f.external?.token ?? ''),
      })),
  }
}

/**
 * `GET|POST {base}/emulator/external/{token}`: the external source's sign-on page, for a browser
 * pop-up. GET shows a form (username, "Sign in", "Cancel"); POST settles the flow and closes.
 */
export async function handleExternalPage(rt: PfRuntime, request: Request, token: string): Promise<Response> {
  const flow = pendingFlows(rt).find((f) => f.external?.token === token)
  if (!flow) return html(404, '<p>This sign-on request is unknown or already finished.</p>')
  const source = sourceOf(rt, flow)
  if (request.method === 'GET') {
    const name = escapeHtml(source?.name ?? 'External')
    const value = escapeHtml(source?.username ?? '')
    return html(
      200,
      `<h1>${name}</h1><form method="post"><label>Username <input name="username" value="${value}" autocomplete="username"></label>` +
        '<button name="outcome" value="success">Sign in</button><button name="outcome" value="failure">Cancel</button></form>',
    )
  }
  const form = new URLSearchParams(await request.text())
  const username = form.get('username')?.trim()
  const ok = form.get('outcome') === 'success' && username
  settle(rt, flow, ok ? username : undefined)
  return html(200, '<p>You can close this window.</p><script>window.close()</script>')
}

function sourceOf(rt: PfRuntime, flow: Flow): PfExternalSourceConfig | undefined {
  return rt.config.externalSources.find((s) => s.name === flow.external?.source)
}

function pageUrl(rt: PfRuntime, token: string): string {
  return `${rt.ctx.baseUrl}${EXTERNAL_PATH}/${token}`
}

function html(status: number, body: string): Response {
  return new Response(`<!doctype html><html><body>${body}</body></html>`, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  })
}

/** Escapes text for an HTML attribute or element. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
