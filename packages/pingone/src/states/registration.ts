import type { PingOneStateBase } from './common.js'

/** A verification code went to the user's e-mail: `user.verify`; `user.sendVerificationCode` resends. */
export interface PingOneVerificationCodeRequired extends PingOneStateBase<'VERIFICATION_CODE_REQUIRED'> {}

/** The account must be verified before sign-on continues (named on PingOne's "Verify User" page). */
export interface PingOneVerificationRequired extends PingOneStateBase<'VERIFICATION_REQUIRED'> {}

/** The user must confirm account information: `user.confirm`. */
export interface PingOneAccountConfirmationRequired
  extends PingOneStateBase<'ACCOUNT_CONFIRMATION_REQUIRED'> {}

/** Progressive profiling: submit the missing attributes with `user.update`. */
export interface PingOneProfileDataRequired extends PingOneStateBase<'PROFILE_DATA_REQUIRED'> {}

/** Accept (or refuse, which fails the flow) `_embedded.agreement` with `user.consent`. */
export interface PingOneAgreementConsentRequired extends PingOneStateBase<'AGREEMENT_CONSENT_REQUIRED'> {}
