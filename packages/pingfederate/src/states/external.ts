/**
 * States of external (social, federated) authentication (contract §3.3).
 * @module
 */
import type { PingFederateStateBase } from './base.js'

/**
 * The user must authenticate at `authenticationUrl` (a pop-up), then the flow is read again. A
 * `REDIRECT` presentation cannot be completed without a browser redirect (contract §6.11).
 */
export interface ExternalAuthenticationRequiredState
  extends PingFederateStateBase<'EXTERNAL_AUTHENTICATION_REQUIRED', 'cancelAuthentication'> {
  readonly authenticationUrl: string
  readonly presentationMode: 'REDIRECT' | (string & {})
}

/** External authentication succeeded: post `continueAuthentication`. */
export interface ExternalAuthenticationCompletedState
  extends PingFederateStateBase<'EXTERNAL_AUTHENTICATION_COMPLETED', 'continueAuthentication'> {}

/** External authentication failed. */
export interface ExternalAuthenticationFailedState
  extends PingFederateStateBase<'EXTERNAL_AUTHENTICATION_FAILED', 'cancelAuthentication'> {
  readonly errorUrl?: string
}
