import { digits } from '../shared/ids.js'
import type { ActionBody, ActionId } from './actions.js'
import type { PfHtmlFormConfig } from './config.js'
import { credentialValidationFailed, type PfErrorDetail, validationError } from './errors.js'
import type { Flow, RecoveryProgress } from './flows.js'
import { FAILURES, type Outcome, STAY } from './outcomes.js'
import type { PfRuntime } from './runtime.js'
import type { UserRecord } from './users.js'

/**
 * The HTML Form Adapter's password management and recovery (contract §3.2): a change the user
 * starts from the sign-on form, a password about to expire, a reset by a code e-mailed to the
 * account's address (which also unlocks a locked account), and username recovery by e-mail. Codes
 * and usernames "sent" land in the outbox.
 */

/** The settings with every default filled in. */
export interface HtmlFormSettings {
  readonly passwordChange: boolean
  readonly accountRecovery: boolean
  readonly usernameRecovery: boolean
  readonly registration: boolean
  readonly recoveryCodeLength: number
  readonly maxRecoveryCodeAttempts: number
}

export function htmlFormSettings(config: PfHtmlFormConfig): HtmlFormSettings {
  return {
    passwordChange: config.passwordChange ?? false,
    accountRecovery: config.accountRecovery ?? false,
    usernameRecovery: config.usernameRecovery ?? false,
    registration: config.registration ?? false,
    recoveryCodeLength: config.recoveryCodeLength ?? 8,
    maxRecoveryCodeAttempts: config.maxRecoveryCodeAttempts ?? 3,
  }
}

/** The sign-on form's optional links, in the widget's order. */
export function signOnLinks(settings: HtmlFormSettings, hasExternal: boolean): ActionId[] {
  return [
    ...(settings.accountRecovery ? (['initiateAccountRecovery'] as const) : []),
    // The widget shows "forgot username" on the form only without account recovery, which offers it itself.
    ...(settings.usernameRecovery ? (['recoverUsername'] as const) : []),
    ...(settings.passwordChange ? (['initiatePasswordChange'] as const) : []),
    ...(settings.registration ? (['initiateRegistration'] as const) : []),
    ...(hasExternal ? (['useAlternativeAuthenticationSource'] as const) : []),
  ]
}

/** The actions of the password-management and recovery statuses. */
export function htmlFormActions(flow: Flow, settings: HtmlFormSettings): readonly ActionId[] | undefined {
  switch (flow.status) {
    case 'NEW_PASSWORD_RECOMMENDED':
      return ['initiatePasswordChange', 'continueAuthentication']
    case 'CURRENT_CREDENTIALS_REQUIRED':
      return ['checkCurrentCredentials', 'cancelPasswordChange']
    case 'NEW_PASSWORD_REQUIRED':
      return ['checkNewPassword', 'cancelPasswordChange']
    case 'ACCOUNT_RECOVERY_USERNAME_REQUIRED':
      return [
        'checkAccountRecoveryUsername',
        ...(settings.usernameRecovery ? (['recoverUsername'] as const) : []),
        'cancelAccountRecovery',
      ]
    case 'RECOVERY_CODE_REQUIRED':
      return ['checkRecoveryCode', 'cancelAccountRecovery']
    case 'PASSWORD_RESET_REQUIRED':
      return ['checkPasswordReset', 'cancelAccountRecovery']
    case 'SUCCESSFUL_PASSWORD_RESET':
      return ['continueAuthentication']
    case 'SUCCESSFUL_ACCOUNT_UNLOCK':
      return ['continueAuthentication', 'continueAccountRecovery']
    case 'USERNAME_RECOVERY_EMAIL_REQUIRED':
      return ['checkUsernameRecoveryEmail', 'cancelUsernameRecovery']
    case 'USERNAME_RECOVERY_EMAIL_SENT':
      return ['continueAuthentication']
    default:
      return undefined
  }
}

/** The model fields of those statuses. */
export function htmlFormModel(flow: Flow): Record<string, unknown> | undefined {
  switch (flow.status) {
    case 'NEW_PASSWORD_RECOMMENDED':
      return { daysToExpire: flow.user?.passwordExpiresInDays ?? 0 }
    case 'CURRENT_CREDENTIALS_REQUIRED':
      return flow.username === undefined ? {} : { username: flow.username }
    case 'NEW_PASSWORD_REQUIRED':
      // The current password was just proven (or the user is in the middle of a sign-on with it).
      return { username: flow.username, existingPasswordRequired: false }
    case 'ACCOUNT_RECOVERY_USERNAME_REQUIRED':
      return { ...(flow.username !== undefined && { username: flow.username }), showCaptcha: false }
    case 'USERNAME_RECOVERY_EMAIL_REQUIRED':
      return { showCaptcha: false }
    case 'RECOVERY_CODE_REQUIRED':
    case 'PASSWORD_RESET_REQUIRED':
    case 'SUCCESSFUL_PASSWORD_RESET':
    case 'SUCCESSFUL_ACCOUNT_UNLOCK':
    case 'USERNAME_RECOVERY_EMAIL_SENT':
      return {}
    default:
      return undefined
  }
}

/**
 * Runs a password-management or recovery action. Returns undefined for the actions the policy
 * answers itself (`continueAuthentication`, `checkNewPassword`, the cancels of a password change).
 */
export function runHtmlFormAction(
  rt: PfRuntime,
  flow: Flow,
  settings: HtmlFormSettings,
  action: ActionId,
  body: ActionBody,
): Outcome | undefined {
  switch (action) {
    case 'initiatePasswordChange':
      // From the sign-on form the current password must be proven first; after a correct password
      // (NEW_PASSWORD_RECOMMENDED) it was, a moment ago.
      flow.status =
        flow.status === 'NEW_PASSWORD_RECOMMENDED' ? 'NEW_PASSWORD_REQUIRED' : 'CURRENT_CREDENTIALS_REQUIRED'
      return STAY
    case 'checkCurrentCredentials': {
      const result = rt.users.checkPassword(String(body.username), String(body.password))
      if (!result.ok) throw credentialValidationFailed()
      flow.user = result.user
      flow.username = result.user.username
      flow.status = 'NEW_PASSWORD_REQUIRED'
      return STAY
    }
    case 'initiateAccountRecovery': {
      const hint = typeof body.usernameHint === 'string' ? body.usernameHint : undefined
      if (hint !== undefined) flow.username = hint
      flow.status = 'ACCOUNT_RECOVERY_USERNAME_REQUIRED'
      return STAY
    }
    case 'checkAccountRecoveryUsername': {
      const user = rt.users.find(String(body.username))
      // An unknown account moves on too, with no code sent: the step cannot list accounts.
      const recovery: RecoveryProgress = { user, code: undefined, attempts: 0 }
      if (user) {
        recovery.code = digits(settings.recoveryCodeLength)
        sendEmail(
          rt,
          flow,
          user,
          'recovery-code',
          recovery.code,
          `Your password reset code is ${recovery.code}.`,
        )
      }
      flow.recovery = recovery
      flow.status = 'RECOVERY_CODE_REQUIRED'
      return STAY
    }
    case 'checkRecoveryCode': {
      const recovery = flow.recovery
      if (!recovery?.code || String(body.recoveryCode) !== recovery.code) {
        if (recovery) recovery.attempts += 1
        if ((recovery?.attempts ?? 0) >= settings.maxRecoveryCodeAttempts) {
          return { kind: 'failed', failure: FAILURES.recoveryFailed }
        }
        throw validationError([
          {
            code: 'ACCOUNT_RECOVERY_ERROR',
            message: 'The recovery code is not valid.',
            userMessage: 'The code you entered is not valid.',
            target: 'recoveryCode',
            attemptsRemaining: settings.maxRecoveryCodeAttempts - (recovery?.attempts ?? 0),
          },
        ])
      }
      recovery.code = undefined
      const user = recovery.user as UserRecord
      if (rt.users.isLocked(user)) {
        rt.users.unlock(user)
        flow.status = 'SUCCESSFUL_ACCOUNT_UNLOCK'
      } else {
        flow.status = 'PASSWORD_RESET_REQUIRED'
      }
      return STAY
    }
    case 'continueAccountRecovery':
      flow.status = 'PASSWORD_RESET_REQUIRED'
      return STAY
    case 'checkPasswordReset': {
      const user = flow.recovery?.user as UserRecord
      const newPassword = String(body.newPassword)
      policyCheck(rt, user, newPassword)
      rt.users.changePassword(user, newPassword)
      flow.status = 'SUCCESSFUL_PASSWORD_RESET'
      return STAY
    }
    case 'recoverUsername':
      flow.status = 'USERNAME_RECOVERY_EMAIL_REQUIRED'
      return STAY
    case 'checkUsernameRecoveryEmail': {
      const email = String(body.email)
      // Whatever the address, the answer is the same: the step cannot tell whose address it is.
      for (const user of rt.users.findByEmail(email)) {
        sendEmail(rt, flow, user, 'username', undefined, `Your username is ${user.username}.`, email)
      }
      flow.status = 'USERNAME_RECOVERY_EMAIL_SENT'
      return STAY
    }
    case 'cancelAccountRecovery':
      return { kind: 'canceled', operation: 'ACCOUNT_RECOVERY' }
    case 'cancelUsernameRecovery':
      return { kind: 'canceled', operation: 'USERNAME_RECOVERY' }
    default:
      return undefined
  }
}

/** Refuses a new password that breaks the policy, with PF's validator lists (contract §3.2). */
export function policyCheck(
  rt: PfRuntime,
  user: UserRecord,
  newPassword: string,
  target = 'newPassword',
): void {
  const verdict = rt.users.checkNewPassword(user, newPassword)
  if (verdict.ok) return
  const detail: PfErrorDetail = {
    code: 'PASSWORD_CHANGE_ERROR',
    message: 'The new password does not meet the password policy.',
    userMessage: 'Your new password does not meet the requirements.',
    target,
    failedValidators: verdict.failed,
    satisfiedValidators: verdict.satisfied,
  }
  throw validationError([detail])
}

function sendEmail(
  rt: PfRuntime,
  flow: Flow,
  user: UserRecord,
  deviceId: string,
  code: string | undefined,
  text: string,
  to = typeof user.claims.email === 'string' ? user.claims.email : undefined,
): void {
  rt.outbox.send({
    username: user.username,
    channel: 'EMAIL',
    deviceId,
    ...(code !== undefined && { otp: code }),
    text,
    flowId: flow.id,
    purpose: 'recovery',
    ...(to !== undefined && { to }),
  })
}
