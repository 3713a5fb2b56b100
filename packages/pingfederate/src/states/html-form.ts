/**
 * States of PingFederate's HTML Form Adapter: sign-on, password change and reset, account and
 * username recovery (contract §3.2).
 * @module
 */
import type { CaptchaModel, PingFederateStateBase } from './base.js'

/** An authentication source the user may switch to (`useAlternativeAuthenticationSource`). */
export interface AlternativeAuthenticationSource {
  readonly name: string
}

/** Username and password sign-on. */
export interface UsernamePasswordRequiredState
  extends PingFederateStateBase<
      'USERNAME_PASSWORD_REQUIRED',
      | 'checkUsernamePassword'
      | 'initiateAccountRecovery'
      | 'recoverUsername'
      | 'initiatePasswordChange'
      | 'initiateRegistration'
      | 'useAlternativeAuthenticationSource'
    >,
    CaptchaModel {
  /** Pre-filled from `login_hint`, Identifier First or "remember my username". */
  readonly username?: string
  readonly allowUsernameEdits?: boolean
  readonly showRememberMyUsername: boolean
  readonly rememberMyUsernameSelected: boolean
  readonly showThisIsMyDevice: boolean
  readonly thisIsMyDeviceSelected: boolean
  readonly alternativeAuthenticationSources?: readonly AlternativeAuthenticationSource[]
}

/** The password has expired (or an admin asked for a change): choose a new one. */
export interface MustChangePasswordState
  extends PingFederateStateBase<'MUST_CHANGE_PASSWORD', 'checkNewPassword' | 'cancelPasswordChange'> {
  readonly username: string
}

/** Choose a new password (user-initiated change). */
export interface NewPasswordRequiredState
  extends PingFederateStateBase<'NEW_PASSWORD_REQUIRED', 'checkNewPassword' | 'cancelPasswordChange'> {
  readonly username: string
  /** When false, `checkNewPassword` needs no `existingPassword`. */
  readonly existingPasswordRequired: boolean
}

/** The password expires soon: change it now or continue. */
export interface NewPasswordRecommendedState
  extends PingFederateStateBase<
    'NEW_PASSWORD_RECOMMENDED',
    'initiatePasswordChange' | 'continueAuthentication'
  > {
  /** 0 = today, 1 = tomorrow, n = in n days. */
  readonly daysToExpire: number
}

/** Prove the current password before changing it. */
export interface CurrentCredentialsRequiredState
  extends PingFederateStateBase<
    'CURRENT_CREDENTIALS_REQUIRED',
    'checkCurrentCredentials' | 'cancelPasswordChange'
  > {
  readonly username: string
}

/** Passwords are changed elsewhere: show the user `passwordManagementUrl`. */
export interface ChangePasswordExternalState extends PingFederateStateBase<'CHANGE_PASSWORD_EXTERNAL'> {
  readonly passwordManagementUrl: string
}

/** The password was changed. */
export interface SuccessfulPasswordChangeState
  extends PingFederateStateBase<'SUCCESSFUL_PASSWORD_CHANGE', 'continueAuthentication'> {}

/** Account recovery: which account? */
export interface AccountRecoveryUsernameRequiredState
  extends PingFederateStateBase<
      'ACCOUNT_RECOVERY_USERNAME_REQUIRED',
      'checkAccountRecoveryUsername' | 'recoverUsername' | 'cancelAccountRecovery'
    >,
    CaptchaModel {
  readonly username?: string
}

/** A recovery link was e-mailed; the flow continues once it is opened elsewhere. */
export interface AccountRecoveryOtlVerificationRequiredState
  extends PingFederateStateBase<'ACCOUNT_RECOVERY_OTL_VERIFICATION_REQUIRED'> {}

/** Enter the recovery code that was sent. */
export interface RecoveryCodeRequiredState
  extends PingFederateStateBase<'RECOVERY_CODE_REQUIRED', 'checkRecoveryCode' | 'cancelAccountRecovery'> {}

/** Choose a new password after recovery. */
export interface PasswordResetRequiredState
  extends PingFederateStateBase<'PASSWORD_RESET_REQUIRED', 'checkPasswordReset' | 'cancelAccountRecovery'> {}

/** The password was reset. */
export interface SuccessfulPasswordResetState
  extends PingFederateStateBase<'SUCCESSFUL_PASSWORD_RESET', 'continueAuthentication'> {}

/** The account was unlocked. */
export interface SuccessfulAccountUnlockState
  extends PingFederateStateBase<
    'SUCCESSFUL_ACCOUNT_UNLOCK',
    'continueAuthentication' | 'continueAccountRecovery'
  > {}

/** Answer a challenge question. */
export interface ChallengeResponseRequiredState
  extends PingFederateStateBase<
    'CHALLENGE_RESPONSE_REQUIRED',
    'checkChallengeResponse' | 'cancelAuthentication'
  > {}

/** Username recovery: which e-mail address? */
export interface UsernameRecoveryEmailRequiredState
  extends PingFederateStateBase<
      'USERNAME_RECOVERY_EMAIL_REQUIRED',
      'checkUsernameRecoveryEmail' | 'cancelUsernameRecovery'
    >,
    CaptchaModel {}

/** The username was e-mailed. */
export interface UsernameRecoveryEmailSentState
  extends PingFederateStateBase<'USERNAME_RECOVERY_EMAIL_SENT', 'continueAuthentication'> {}
