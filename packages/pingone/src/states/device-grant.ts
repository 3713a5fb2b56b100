import type { PingOneDeviceAuthorization, PingOneEmbedded, PingOneStateBase } from './common.js'

/**
 * Device authorization grant, the user's side: type the code the device (a TV, a CLI) shows with
 * `deviceAuthGrant.userCode.verify { userCode }`. Sign-on follows, then {@link PingOneDagConsentRequired}.
 */
export interface PingOneDagUserCodeRequired extends PingOneStateBase<'DAG_USER_CODE_REQUIRED'> {}

/**
 * Device authorization grant: allow the device (`deviceAuthGrant.consent { accept: true }`) or not
 * (`false` fails the flow and the device's token poll gets `access_denied`).
 */
export interface PingOneDagConsentRequired extends PingOneStateBase<'DAG_CONSENT_REQUIRED'> {
  readonly _embedded?: PingOneEmbedded & { readonly deviceAuthorization?: PingOneDeviceAuthorization }
}
