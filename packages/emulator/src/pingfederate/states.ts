import type { ActionId } from './actions.js'
import {
  HTML_FORM_PLUGIN_TYPE_ID,
  IDENTIFIER_FIRST_PLUGIN_TYPE_ID,
  PUSH_MFA_PLUGIN_TYPE_ID,
} from './config.js'
import type { Flow, InteractiveStatus } from './flows.js'
import type { PfRuntime } from './runtime.js'

/** A flow state or terminal body as sent on the wire. */
export type StateBody = Record<string, unknown> & { id: string; status: string }

/** A failure that ends a flow, in both renderings `failureStyle` allows. */
export interface Failure {
  /** The `FAILED.code` (e.g. `ACCOUNT_LOCKED_OUT`). */
  readonly code: string
  /** The OAuth error for `COMPLETED_WITH_ERROR` (`access_denied`, `login_required`). */
  readonly oauthError: string
  readonly message: string
  readonly userMessage: string
}

/** What the renderer needs beyond the flow. */
export interface RenderContext {
  flowUrl(id: string): string
  /** Identifiers the session remembers (Identifier First). */
  readonly previousIdentifiers: readonly string[]
}

const PLUGIN_OF: Readonly<Record<InteractiveStatus, string>> = {
  IDENTIFIER_REQUIRED: IDENTIFIER_FIRST_PLUGIN_TYPE_ID,
  USERNAME_PASSWORD_REQUIRED: HTML_FORM_PLUGIN_TYPE_ID,
  MUST_CHANGE_PASSWORD: HTML_FORM_PLUGIN_TYPE_ID,
  SUCCESSFUL_PASSWORD_CHANGE: HTML_FORM_PLUGIN_TYPE_ID,
  PUSH_CONFIRMATION_WAITING: PUSH_MFA_PLUGIN_TYPE_ID,
  PUSH_CONFIRMATION_REJECTED: PUSH_MFA_PLUGIN_TYPE_ID,
  PUSH_CONFIRMATION_TIMED_OUT: PUSH_MFA_PLUGIN_TYPE_ID,
  MFA_COMPLETED: PUSH_MFA_PLUGIN_TYPE_ID,
}

/** The actions a state offers; `_links` lists exactly these (plus `self`). */
export function actionsFor(flow: Flow, previousIdentifiers: readonly string[]): readonly ActionId[] {
  switch (flow.status) {
    case 'IDENTIFIER_REQUIRED':
      return previousIdentifiers.length > 0
        ? ['submitIdentifier', 'clearIdentifier', 'cancelIdentifierSubmission']
        : ['submitIdentifier', 'cancelIdentifierSubmission']
    case 'USERNAME_PASSWORD_REQUIRED':
      return ['checkUsernamePassword']
    case 'MUST_CHANGE_PASSWORD':
      return ['checkNewPassword', 'cancelPasswordChange']
    case 'SUCCESSFUL_PASSWORD_CHANGE':
      return ['continueAuthentication']
    case 'PUSH_CONFIRMATION_WAITING':
      return ['poll', 'selectDevice', 'cancelAuthentication']
    case 'PUSH_CONFIRMATION_REJECTED':
      return ['cancelAuthentication']
    case 'PUSH_CONFIRMATION_TIMED_OUT':
      return ['selectDevice', 'cancelAuthentication']
    case 'MFA_COMPLETED':
      return ['continueAuthentication']
  }
}

/** The push device every MFA user has; its id is stable so `selectDevice` can name it. */
export function pushDevice(username: string): Record<string, unknown> {
  return {
    id: `push-${username}`,
    type: 'MOBILE',
    name: 'Emulator Phone',
    nickname: 'My phone',
    usable: true,
    isOneTimeDevice: false,
    pushEnabled: true,
    otpEnabled: false,
    defaultDevice: true,
  }
}

/** A live flow's state, with the identifiers its session remembers. */
export function renderLiveFlow(rt: PfRuntime, flow: Flow): StateBody {
  const session = rt.sessions.byId(flow.sessionId)
  return renderState(flow, { flowUrl: rt.flowUrl, previousIdentifiers: session?.identifiers ?? [] })
}

/** A live flow's state object (contract §2.2): model fields flat next to `status`. */
export function renderState(flow: Flow, ctx: RenderContext): StateBody {
  const href = ctx.flowUrl(flow.id)
  const links: Record<string, { href: string }> = { self: { href } }
  for (const action of actionsFor(flow, ctx.previousIdentifiers)) links[action] = { href }
  return {
    id: flow.id,
    pluginTypeId: PLUGIN_OF[flow.status],
    status: flow.status,
    ...model(flow, ctx),
    _links: links,
  }
}

function model(flow: Flow, ctx: RenderContext): Record<string, unknown> {
  switch (flow.status) {
    case 'IDENTIFIER_REQUIRED':
      return { previouslySubmittedIdentifiers: [...ctx.previousIdentifiers], showCaptcha: false }
    case 'USERNAME_PASSWORD_REQUIRED': {
      const prefill = flow.username ?? flow.request.loginHint
      return {
        ...(prefill !== undefined ? { username: prefill, allowUsernameEdits: !flow.usernameChained } : {}),
        showRememberMyUsername: false,
        rememberMyUsernameSelected: false,
        showThisIsMyDevice: false,
        thisIsMyDeviceSelected: false,
        showCaptcha: false,
      }
    }
    case 'MUST_CHANGE_PASSWORD':
      return { username: flow.username }
    case 'PUSH_CONFIRMATION_WAITING':
    case 'PUSH_CONFIRMATION_TIMED_OUT': {
      const device = pushDevice(flow.username ?? '')
      return { devices: [device], selectedDeviceRef: { id: device.id } }
    }
    case 'SUCCESSFUL_PASSWORD_CHANGE':
    case 'PUSH_CONFIRMATION_REJECTED':
    case 'MFA_COMPLETED':
      return {}
  }
}

/** `COMPLETED` in redirectless mode (contract §5.1 EMULATOR DEFAULT). */
export function renderCompleted(
  id: string,
  authorizeResponse: Record<string, string>,
  href: string,
): StateBody {
  return { id, status: 'COMPLETED', authorizeResponse, _links: { self: { href } } }
}

/** `FAILED`: the flow ended in an error after it started (contract §3.7). */
export function renderFailed(id: string, failure: Failure, href: string): StateBody {
  return {
    id,
    status: 'FAILED',
    code: failure.code,
    message: failure.message,
    userMessage: failure.userMessage,
    _links: { self: { href } },
  }
}

/** `CANCELED`: the user backed out of an operation such as a password change. */
export function renderCanceled(id: string, canceledOperation: string, href: string): StateBody {
  return { id, status: 'CANCELED', canceledOperation, _links: { self: { href } } }
}
