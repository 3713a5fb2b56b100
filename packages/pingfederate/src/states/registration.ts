/**
 * States of registration through a local identity profile, its e-mail verification, and account
 * linking (contract §3.3).
 * @module
 */

import type { CaptchaModel, PingFederateStateBase } from './base.js'
import type { AlternativeAuthenticationSource } from './html-form.js'

/** One field of the registration form (the widget's `renderfield` reads these). */
export interface RegistrationField {
  /** The key of its value in `registerUser`'s `fieldValues`. */
  readonly id: string
  readonly label?: string
  readonly type:
    | 'Text'
    | 'Email'
    | 'Phone'
    | 'Date'
    | 'Checkbox'
    | 'Dropdown'
    | 'CheckboxGroup'
    | (string & {})
  readonly required?: boolean
  readonly readonly?: boolean
  readonly defaultValue?: string
  readonly initialValue?: string
  /** `Dropdown` and `CheckboxGroup`: the choices. */
  readonly options?: readonly string[]
}

/**
 * Create an account: render `fields`, then post `registerUser { password, fieldValues }`
 * (`cancel` goes back to sign-on). A refused registration is `FLOW_ERROR` with
 * `REGISTRATION_FAILED` or `VALIDATION_ERROR` details whose `target` is `fieldValues.<id>`.
 */
export interface RegistrationRequiredState
  extends PingFederateStateBase<
      'REGISTRATION_REQUIRED',
      'registerUser' | 'cancel' | 'useAlternativeAuthenticationSource'
    >,
    CaptchaModel {
  readonly fields: readonly RegistrationField[]
  readonly showThisIsMyDevice?: boolean
  /** When set, the account comes from this source and no password is asked. */
  readonly authenticationSource?: string
  readonly alternativeAuthenticationSources?: readonly AlternativeAuthenticationSource[]
}

/** The new account's e-mail address must be verified (a link is sent, or `poll` waits for it). */
export interface EmailVerificationRequiredState
  extends PingFederateStateBase<
    'EMAIL_VERIFICATION_REQUIRED',
    'sendEmailVerificationOtl' | 'poll' | 'cancel'
  > {
  readonly email?: string
  readonly profileManagementUrl?: string
}

/** Enter the code e-mailed to verify the address. */
export interface EmailVerificationOtpRequiredState
  extends PingFederateStateBase<
    'EMAIL_VERIFICATION_OTP_REQUIRED',
    'checkOtp' | 'resendOtp' | 'skipOtp' | 'cancel'
  > {
  readonly email?: string
  readonly skipOtp?: boolean
  readonly profileManagementUrl?: string
}

/** The external account could not be linked to a local one. */
export interface AccountLinkingFailedState
  extends PingFederateStateBase<'ACCOUNT_LINKING_FAILED', 'continue' | 'restart'> {
  readonly userMessage?: string
}
