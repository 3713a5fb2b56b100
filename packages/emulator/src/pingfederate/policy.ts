import type { ActionBody, ActionId } from './actions.js'
import type { PingFederateConfig } from './config.js'
import { credentialValidationFailed, type PfErrorDetail, validationError } from './errors.js'
import { startExternal } from './external.js'
import type { AuthorizeRequest, Flow, InteractiveStatus } from './flows.js'
import { htmlFormSettings, policyCheck, runHtmlFormAction } from './html-form.js'
import {
  isMfaAdapter,
  MFA_ADAPTER_STATUSES,
  mfaSettings,
  readMfa,
  runMfaAction,
  startMfa,
} from './mfa-adapter.js'
import { FAILURES, type Outcome, STAY } from './outcomes.js'
import { registerUser } from './registration.js'
import type { PfRuntime } from './runtime.js'
import type { Session } from './sessions.js'
import { pushDevice } from './states.js'

export { FAILURES, type Outcome } from './outcomes.js'

/** How many identifiers a session remembers for Identifier First. */
const REMEMBERED_IDENTIFIERS = 5

/**
 * The policy's first step: registration for `prompt=create` when it is enabled, Identifier First
 * when configured, the HTML Form Adapter otherwise.
 */
export function initialStatus(config: PingFederateConfig, request?: AuthorizeRequest): InteractiveStatus {
  if (request?.prompt.has('create') && htmlFormSettings(config.htmlForm).registration)
    return 'REGISTRATION_REQUIRED'
  return config.identifierFirst ? 'IDENTIFIER_REQUIRED' : 'USERNAME_PASSWORD_REQUIRED'
}

/**
 * A read of the flow (GET or the `poll` action). Only a waiting push moves: each read counts
 * towards `approveAfterPolls`, after which the configured outcome lands.
 */
export function readFlow(rt: PfRuntime, flow: Flow): void {
  const mfa = rt.config.mfa
  if (flow.status !== 'PUSH_CONFIRMATION_WAITING' || !mfa) return
  const adapter = mfaSettings(rt.config)
  if (adapter) {
    readMfa(flow, adapter)
    return
  }
  if (mfa.type !== 'push') return
  flow.pushReads += 1
  const outcome = mfa.outcome ?? 'approve'
  if (outcome === 'never' || flow.pushReads < (mfa.approveAfterPolls ?? 2)) return
  flow.status =
    outcome === 'approve'
      ? 'MFA_COMPLETED'
      : outcome === 'reject'
        ? 'PUSH_CONFIRMATION_REJECTED'
        : 'PUSH_CONFIRMATION_TIMED_OUT'
}

/** Runs an action the current state offers (the caller checked `_links` and the body model). */
export function runAction(
  rt: PfRuntime,
  flow: Flow,
  session: Session | undefined,
  action: ActionId,
  body: ActionBody,
): Outcome {
  const adapter = mfaSettings(rt.config)
  if (adapter && MFA_ADAPTER_STATUSES.has(flow.status)) {
    if (action === 'poll') {
      readFlow(rt, flow)
      return STAY
    }
    const outcome = runMfaAction(rt, flow, adapter, action, body)
    if (outcome) return outcome
  }
  const form = runHtmlFormAction(rt, flow, htmlFormSettings(rt.config.htmlForm), action, body)
  if (form) return form
  switch (action) {
    case 'submitIdentifier': {
      const identifier = String(body.identifier)
      // Any identifier moves on, known or not, so the step cannot be used to list accounts.
      flow.username = identifier
      flow.usernameChained = true
      if (session) {
        session.identifiers = [identifier, ...session.identifiers.filter((i) => i !== identifier)].slice(
          0,
          REMEMBERED_IDENTIFIERS,
        )
      }
      flow.status = 'USERNAME_PASSWORD_REQUIRED'
      return STAY
    }
    case 'clearIdentifier':
      if (session) session.identifiers = session.identifiers.filter((i) => i !== String(body.identifier))
      return STAY
    case 'cancelIdentifierSubmission':
    case 'cancelAuthentication':
      return {
        kind: 'failed',
        failure:
          flow.status === 'PUSH_CONFIRMATION_REJECTED'
            ? FAILURES.pushRejected
            : flow.status === 'EXTERNAL_AUTHENTICATION_FAILED'
              ? FAILURES.externalFailed
              : FAILURES.canceled,
      }
    case 'checkUsernamePassword':
      return checkUsernamePassword(rt, flow, String(body.username), String(body.password))
    case 'checkNewPassword':
      return checkNewPassword(rt, flow, body)
    case 'cancelPasswordChange':
      return { kind: 'canceled', operation: 'PASSWORD_CHANGE' }
    case 'continueAuthentication':
      return continueAuthentication(rt, flow)
    case 'initiateRegistration':
      flow.status = 'REGISTRATION_REQUIRED'
      return STAY
    case 'registerUser':
      registerUser(rt, flow, body)
      return afterFirstFactor(rt, flow)
    case 'cancel':
      // "Already have an account?": back to the sign-on form.
      flow.status = 'USERNAME_PASSWORD_REQUIRED'
      return STAY
    case 'useAlternativeAuthenticationSource':
      startExternal(rt, flow, body)
      return STAY
    case 'poll':
      readFlow(rt, flow)
      return STAY
    case 'selectDevice': {
      const id = String((body.deviceRef as { id: unknown }).id)
      if (id !== pushDevice(flow.username ?? '').id) {
        throw validationError([
          {
            code: 'INVALID_DEVICE',
            message: `No usable device with id '${id}'.`,
            userMessage: 'The selected device is not available.',
            target: 'deviceRef.id',
          },
        ])
      }
      // Choosing the device again re-sends the push: the wait starts over.
      flow.pushReads = 0
      flow.status = 'PUSH_CONFIRMATION_WAITING'
      return STAY
    }
    default:
      // Every offered action is answered above; an action that reaches here was offered by mistake.
      throw validationError([{ code: 'UNEXPECTED_ACTION_MODEL', message: `'${action}' does nothing here.` }])
  }
}

/** `continueAuthentication`, whose meaning is the status's. */
function continueAuthentication(rt: PfRuntime, flow: Flow): Outcome {
  switch (flow.status) {
    case 'MFA_COMPLETED':
      return afterMfa(rt, flow)
    case 'SUCCESSFUL_PASSWORD_RESET':
    case 'SUCCESSFUL_ACCOUNT_UNLOCK':
    case 'USERNAME_RECOVERY_EMAIL_SENT':
      // UNCONFIRMED: back to the sign-on form, the username filled in, to sign on with the new password.
      flow.username = flow.recovery?.user?.username ?? flow.username
      flow.recovery = undefined
      flow.user = undefined
      flow.status = 'USERNAME_PASSWORD_REQUIRED'
      return STAY
    default:
      // After a password (changed or about to expire) or an external sign-on: the next step.
      return afterFirstFactor(rt, flow)
  }
}

function checkUsernamePassword(rt: PfRuntime, flow: Flow, username: string, password: string): Outcome {
  if (flow.usernameChained && flow.username !== undefined && !sameUser(username, flow.username)) {
    throw validationError([usernameMismatch()])
  }
  const result = rt.users.checkPassword(username, password)
  if (!result.ok) {
    if (result.reason === 'locked' && rt.lockout.answer === 'failed') {
      return { kind: 'failed', failure: FAILURES.lockedOut }
    }
    throw credentialValidationFailed()
  }
  flow.user = result.user
  flow.username = result.user.username
  if (result.user.mustChangePassword) {
    flow.status = 'MUST_CHANGE_PASSWORD'
    return STAY
  }
  if (result.user.passwordExpiresInDays !== undefined) {
    flow.status = 'NEW_PASSWORD_RECOMMENDED'
    return STAY
  }
  return afterFirstFactor(rt, flow)
}

function checkNewPassword(rt: PfRuntime, flow: Flow, body: ActionBody): Outcome {
  const user = flow.username !== undefined ? rt.users.find(flow.username) : undefined
  if (!user || !sameUser(String(body.username), user.username)) throw validationError([usernameMismatch()])
  if (typeof body.existingPassword === 'string' && body.existingPassword !== user.password) {
    throw validationError([
      {
        code: 'CREDENTIAL_VALIDATION_FAILED',
        message: 'The current password is not correct.',
        userMessage: 'Your current password is not correct.',
        target: 'existingPassword',
      },
    ])
  }
  const newPassword = String(body.newPassword)
  policyCheck(rt, user, newPassword)
  rt.users.changePassword(user, newPassword)
  flow.status = 'SUCCESSFUL_PASSWORD_CHANGE'
  return STAY
}

/** After the first factor: the MFA step for users it applies to, then whatever follows it. */
function afterFirstFactor(rt: PfRuntime, flow: Flow): Outcome {
  const mfa = rt.config.mfa
  const username = flow.username ?? ''
  if (mfa && (!mfa.users || mfa.users.some((u) => sameUser(u, username)))) {
    flow.user ??= rt.users.find(username)
    const adapter = mfaSettings(rt.config)
    if (adapter && isMfaAdapter(mfa)) return startMfa(rt, flow, adapter)
    flow.pushReads = 0
    flow.status = 'PUSH_CONFIRMATION_WAITING'
    return STAY
  }
  return afterMfa(rt, flow)
}

/**
 * After MFA: a step that is not API-capable, or a client in authentication-application mode,
 * answers `RESUME` (a browser goes on at `resumeUrl`); otherwise the flow is done.
 */
function afterMfa(rt: PfRuntime, flow: Flow): Outcome {
  const step = rt.config.nonApiStep
  const username = flow.username ?? ''
  const nonApi = step && (!step.users || step.users.some((u) => sameUser(u, username)))
  if (nonApi || rt.clients.find(flow.request.clientId)?.authenticationApplication) {
    flow.status = 'RESUME'
    return STAY
  }
  return { kind: 'completed', username }
}

function sameUser(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

function usernameMismatch(): PfErrorDetail {
  return {
    code: 'INVALID_FIELD_VALUE',
    message: 'The username does not match the user of this flow.',
    target: 'username',
  }
}
