import type { CaptchaModel, PingFederateStateBase } from './base.js'

/** Identifier First: who is signing in? The answer picks the next authentication source. */
export interface IdentifierRequiredState
  extends PingFederateStateBase<
      'IDENTIFIER_REQUIRED',
      'submitIdentifier' | 'clearIdentifier' | 'cancelIdentifierSubmission'
    >,
    CaptchaModel {
  /** Accounts remembered on this device; `clearIdentifier` forgets one. */
  readonly previouslySubmittedIdentifiers: readonly string[]
}
