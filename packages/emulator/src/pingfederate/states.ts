import type { ActionId } from './actions.js'
import {
  EXTERNAL_PLUGIN_TYPE_ID,
  HTML_FORM_PLUGIN_TYPE_ID,
  IDENTIFIER_FIRST_PLUGIN_TYPE_ID,
  PINGID_PLUGIN_TYPE_ID,
  PINGONE_MFA_PLUGIN_TYPE_ID,
  PUSH_MFA_PLUGIN_TYPE_ID,
  REGISTRATION_PLUGIN_TYPE_ID,
} from './config.js'
import { alternativeSources, externalModel } from './external.js'
import type { Flow, InteractiveStatus } from './flows.js'
import { htmlFormActions, htmlFormModel, htmlFormSettings, signOnLinks } from './html-form.js'
import { MFA_ADAPTER_STATUSES, mfaActions, mfaModel, mfaSettings } from './mfa-adapter.js'
import { registrationModel } from './registration.js'
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

const MFA_STATUSES: ReadonlySet<InteractiveStatus> = MFA_ADAPTER_STATUSES

/** The adapter a status belongs to, for `pluginTypeId` (contract §2.2). */
function pluginOf(flow: Flow): string {
  const status = flow.status
  if (status === 'IDENTIFIER_REQUIRED') return IDENTIFIER_FIRST_PLUGIN_TYPE_ID
  if (status === 'REGISTRATION_REQUIRED') return REGISTRATION_PLUGIN_TYPE_ID
  if (status.startsWith('EXTERNAL_AUTHENTICATION_')) return EXTERNAL_PLUGIN_TYPE_ID
  if (MFA_STATUSES.has(status)) {
    const adapter = mfaSettings(flow.config)
    if (!adapter) return PUSH_MFA_PLUGIN_TYPE_ID
    return adapter.type === 'pingid' ? PINGID_PLUGIN_TYPE_ID : PINGONE_MFA_PLUGIN_TYPE_ID
  }
  return HTML_FORM_PLUGIN_TYPE_ID
}

/** The actions a state offers; `_links` lists exactly these (plus `self`). */
export function actionsFor(flow: Flow, previousIdentifiers: readonly string[]): readonly ActionId[] {
  const adapter = mfaSettings(flow.config)
  if (adapter && MFA_STATUSES.has(flow.status)) return mfaActions(flow, adapter)
  const form = htmlFormSettings(flow.config.htmlForm)
  const formActions = htmlFormActions(flow, form)
  if (formActions) return formActions
  switch (flow.status) {
    case 'IDENTIFIER_REQUIRED':
      return previousIdentifiers.length > 0
        ? ['submitIdentifier', 'clearIdentifier', 'cancelIdentifierSubmission']
        : ['submitIdentifier', 'cancelIdentifierSubmission']
    case 'USERNAME_PASSWORD_REQUIRED':
      return ['checkUsernamePassword', ...signOnLinks(form, flow.config.externalSources.length > 0)]
    case 'MUST_CHANGE_PASSWORD':
      return ['checkNewPassword', 'cancelPasswordChange']
    case 'SUCCESSFUL_PASSWORD_CHANGE':
      return ['continueAuthentication']
    case 'REGISTRATION_REQUIRED':
      return ['registerUser', 'cancel']
    case 'EXTERNAL_AUTHENTICATION_REQUIRED':
      return ['cancelAuthentication']
    case 'EXTERNAL_AUTHENTICATION_COMPLETED':
      return ['continueAuthentication']
    case 'EXTERNAL_AUTHENTICATION_FAILED':
      return ['cancelAuthentication']
    case 'PUSH_CONFIRMATION_WAITING':
      return ['poll', 'selectDevice', 'cancelAuthentication']
    case 'PUSH_CONFIRMATION_REJECTED':
      return ['cancelAuthentication']
    case 'PUSH_CONFIRMATION_TIMED_OUT':
      return ['selectDevice', 'cancelAuthentication']
    case 'MFA_COMPLETED':
      return ['continueAuthentication']
    default:
      // RESUME: nothing to do through the API.
      return []
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

/** A live flow's state object (contract §2.2): model fields flat next to `status`. */
export function renderLiveFlow(rt: PfRuntime, flow: Flow): StateBody {
  const session = rt.sessions.byId(flow.sessionId)
  const previousIdentifiers = session?.identifiers ?? []
  const href = rt.flowUrl(flow.id)
  const links: Record<string, { href: string }> = { self: { href } }
  for (const action of actionsFor(flow, previousIdentifiers)) links[action] = { href }
  return {
    id: flow.id,
    pluginTypeId: pluginOf(flow),
    status: flow.status,
    ...model(rt, flow, previousIdentifiers),
    _links: links,
  }
}

function model(rt: PfRuntime, flow: Flow, previousIdentifiers: readonly string[]): Record<string, unknown> {
  const adapter = mfaSettings(flow.config)
  if (adapter && MFA_STATUSES.has(flow.status)) return mfaModel(flow, adapter)
  const form = htmlFormModel(flow)
  if (form) return form
  switch (flow.status) {
    case 'IDENTIFIER_REQUIRED':
      return { previouslySubmittedIdentifiers: [...previousIdentifiers], showCaptcha: false }
    case 'USERNAME_PASSWORD_REQUIRED': {
      const prefill = flow.username ?? flow.request.loginHint
      const sources = alternativeSources(rt)
      return {
        ...(prefill !== undefined ? { username: prefill, allowUsernameEdits: !flow.usernameChained } : {}),
        showRememberMyUsername: false,
        rememberMyUsernameSelected: false,
        showThisIsMyDevice: false,
        thisIsMyDeviceSelected: false,
        showCaptcha: false,
        ...(sources.length > 0 && { alternativeAuthenticationSources: sources }),
      }
    }
    case 'MUST_CHANGE_PASSWORD':
      return { username: flow.username }
    case 'REGISTRATION_REQUIRED':
      return registrationModel()
    case 'EXTERNAL_AUTHENTICATION_REQUIRED':
      return externalModel(rt, flow)
    case 'PUSH_CONFIRMATION_WAITING':
    case 'PUSH_CONFIRMATION_TIMED_OUT': {
      const device = pushDevice(flow.username ?? '')
      return { devices: [device], selectedDeviceRef: { id: device.id } }
    }
    case 'RESUME':
      return { resumeUrl: rt.resumeUrl(flow.id) }
    default:
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
