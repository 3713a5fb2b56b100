import type {
  PingOneAgreement,
  PingOneEmbedded,
  PingOneFlowUser,
  PingOneProfileData,
  PingOneSocialProvider,
  PingOneStateBase,
} from './common.js'

/**
 * A verification code went to the user's e-mail (a new registration, or an unverified account):
 * `user.verify { verificationCode }`; `user.sendVerificationCode` sends another.
 */
export interface PingOneVerificationCodeRequired extends PingOneStateBase<'VERIFICATION_CODE_REQUIRED'> {}

/** The account must be verified before sign-on continues (named on PingOne's "Verify User" page). */
export interface PingOneVerificationRequired extends PingOneStateBase<'VERIFICATION_REQUIRED'> {}

/**
 * An external account is about to become a PingOne user: `_embedded.user` shows what the provider
 * sent; `user.confirm` creates the account (optionally with `username` / `email` corrected).
 */
export interface PingOneAccountConfirmationRequired
  extends PingOneStateBase<'ACCOUNT_CONFIRMATION_REQUIRED'> {
  readonly _embedded?: PingOneEmbedded & {
    readonly identityProvider?: PingOneSocialProvider
    readonly user?: PingOneFlowUser
  }
}

/**
 * Progressive profiling: `_embedded.profileData.attributes` lists what to ask; answer with
 * `user.update` (required ones must be there, optional ones may be left out).
 */
export interface PingOneProfileDataRequired extends PingOneStateBase<'PROFILE_DATA_REQUIRED'> {
  readonly _embedded?: PingOneEmbedded & { readonly profileData?: PingOneProfileData }
}

/**
 * Accept (`user.consent { accept: true }`) or refuse (`false`, which fails the flow)
 * `_embedded.agreement`.
 */
export interface PingOneAgreementConsentRequired extends PingOneStateBase<'AGREEMENT_CONSENT_REQUIRED'> {
  readonly _embedded?: PingOneEmbedded & { readonly agreement?: PingOneAgreement }
}
