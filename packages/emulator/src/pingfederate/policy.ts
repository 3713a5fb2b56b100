import type { ActionBody, ActionId } from './actions.js'
import { credentialValidationFailed, type PfErrorDetail, validationError } from './errors.js'
import type { Flow, InteractiveStatus } from './flows.js'
import type { PfRuntime } from './runtime.js'
import type { Session } from './sessions.js'
import { type Failure, pushDevice } from './states.js'

/** Where an action left the flow. Errors that keep the state are thrown as `PfApiError`. */
export type Outcome =
  | { readonly kind: 'state' }
  | { readonly kind: 'completed'; readonly username: string }
  | { readonly kind: 'failed'; readonly failure: Failure }
  | { readonly kind: 'canceled'; readonly operation: string }

const STAY: Outcome = { kind: 'state' }

/** How many identifiers a session remembers for Identifier First. */
const REMEMBERED_IDENTIFIERS = 5

/** Failures that end a flow. `code` is the `FAILED.code`; OAuth codes where PF's own are unknown. */
export const FAILURES = {
  canceled: {
    code: 'access_denied',
    oauthError: 'access_denied',
    message: 'The user canceled the authentication.',
    userMessage: 'Authentication was canceled.',
  },
  pushRejected: {
    code: 'access_denied',
    oauthError: 'access_denied',
    message: 'The push notification was rejected and the authentication canceled.',
    userMessage: 'Authentication was canceled.',
  },
  lockedOut: {
    code: 'ACCOUNT_LOCKED_OUT',
    oauthError: 'access_denied',
    message: 'The account is locked after too many failed sign-on attempts.',
    userMessage: 'Your account is locked. Please try again later.',
  },
  loginRequired: {
    code: 'login_required',
    oauthError: 'login_required',
    message: 'prompt=none was requested but there is no authenticated session.',
    userMessage: 'You need to sign on.',
  },
} as const satisfies Record<string, Failure>

/** The policy's first step. */
export function initialStatus(identifierFirst: boolean): InteractiveStatus {
  return identifierFirst ? 'IDENTIFIER_REQUIRED' : 'USERNAME_PASSWORD_REQUIRED'
}

/**
 * A read of the flow (GET or the `poll` action). Only a waiting push moves: each read counts
 * towards `approveAfterPolls`, after which the configured outcome lands.
 */
export function readFlow(rt: PfRuntime, flow: Flow): void {
  const mfa = rt.config.mfa
  if (flow.status !== 'PUSH_CONFIRMATION_WAITING' || !mfa) return
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
        failure: flow.status === 'PUSH_CONFIRMATION_REJECTED' ? FAILURES.pushRejected : FAILURES.canceled,
      }
    case 'checkUsernamePassword':
      return checkUsernamePassword(rt, flow, String(body.username), String(body.password))
    case 'checkNewPassword':
      return checkNewPassword(rt, flow, body)
    case 'cancelPasswordChange':
      return { kind: 'canceled', operation: 'PASSWORD_CHANGE' }
    case 'continueAuthentication':
      return flow.status === 'MFA_COMPLETED' ? complete(flow) : afterFirstFactor(rt, flow)
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
  flow.username = result.user.username
  if (result.user.mustChangePassword) {
    flow.status = 'MUST_CHANGE_PASSWORD'
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
  const verdict = rt.users.checkNewPassword(user, newPassword)
  if (!verdict.ok) {
    throw validationError([
      {
        code: 'PASSWORD_CHANGE_ERROR',
        message: 'The new password does not meet the password policy.',
        userMessage: 'Your new password does not meet the requirements.',
        target: 'newPassword',
        failedValidators: verdict.failed,
        satisfiedValidators: verdict.satisfied,
      },
    ])
  }
  rt.users.changePassword(user, newPassword)
  flow.status = 'SUCCESSFUL_PASSWORD_CHANGE'
  return STAY
}

/** After the password: the push step for users it applies to, otherwise done. */
function afterFirstFactor(rt: PfRuntime, flow: Flow): Outcome {
  const mfa = rt.config.mfa
  const username = flow.username ?? ''
  if (mfa && (!mfa.users || mfa.users.some((u) => sameUser(u, username)))) {
    flow.pushReads = 0
    flow.status = 'PUSH_CONFIRMATION_WAITING'
    return STAY
  }
  return complete(flow)
}

function complete(flow: Flow): Outcome {
  return { kind: 'completed', username: flow.username ?? '' }
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
