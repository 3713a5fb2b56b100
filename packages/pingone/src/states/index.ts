import type { PingOneDagConsentRequired, PingOneDagUserCodeRequired } from './device-grant.js'
import type {
  PingOneAssertionRequired,
  PingOneDeviceSelectionRequired,
  PingOneOtpRequired,
  PingOnePushConfirmationRequired,
  PingOnePushConfirmationTimedOut,
} from './mfa.js'
import type {
  PingOneAccountConfirmationRequired,
  PingOneAgreementConsentRequired,
  PingOneProfileDataRequired,
  PingOneVerificationCodeRequired,
  PingOneVerificationRequired,
} from './registration.js'
import type {
  PingOneAccountLinkingRequired,
  PingOneExternalAuthenticationRequired,
  PingOneMustChangePassword,
  PingOnePasswordExpired,
  PingOnePasswordRequired,
  PingOneRecoveryCodeRequired,
  PingOneSignOnRequired,
  PingOneUsernamePasswordRequired,
} from './sign-on.js'
import type { PingOneCompleted, PingOneFailed } from './terminal.js'

export type * from './common.js'
export type * from './device-grant.js'
export type * from './mfa.js'
export type * from './registration.js'
export type * from './sign-on.js'
export type * from './terminal.js'

/**
 * A PingOne flow state: a union discriminated on `status`, one member per status of the Flows API.
 * Switch on `state.status` and TypeScript narrows to the model of that status.
 */
export type PingOneState =
  | PingOneUsernamePasswordRequired
  | PingOneSignOnRequired
  | PingOnePasswordRequired
  | PingOnePasswordExpired
  | PingOneMustChangePassword
  | PingOneRecoveryCodeRequired
  | PingOneVerificationCodeRequired
  | PingOneVerificationRequired
  | PingOneDeviceSelectionRequired
  | PingOneOtpRequired
  | PingOnePushConfirmationRequired
  | PingOnePushConfirmationTimedOut
  | PingOneAccountLinkingRequired
  | PingOneAccountConfirmationRequired
  | PingOneExternalAuthenticationRequired
  | PingOneProfileDataRequired
  | PingOneAssertionRequired
  | PingOneAgreementConsentRequired
  | PingOneDagUserCodeRequired
  | PingOneDagConsentRequired
  | PingOneCompleted
  | PingOneFailed

/** The state of one status: `PingOneStateOf<'OTP_REQUIRED'>`. */
export type PingOneStateOf<S extends PingOneState['status']> = Extract<PingOneState, { status: S }>
