import type { AuthorizeResponse } from '@redirectless/core'
import type { PingFederateStateBase } from './base.js'

/**
 * The flow is done. In redirectless OAuth mode `authorizeResponse` holds what PF would have put on
 * the redirect URI (`code`, `state`, or implicit tokens); `flow.complete()` turns it into tokens.
 * A standalone password-change application completes without it.
 */
export interface CompletedState extends PingFederateStateBase<'COMPLETED'> {
  readonly authorizeResponse?: AuthorizeResponse
}

/**
 * PF met a step that needs a browser (an IdP connection, a non-API adapter): the browser must be
 * sent to `resumeUrl`. `flow.complete()` fails with `RESUME_REQUIRED`.
 */
export interface ResumeState extends PingFederateStateBase<'RESUME'> {
  readonly resumeUrl: string
}

/** The flow ended in failure after the user interacted with it. */
export interface FailedState extends PingFederateStateBase<'FAILED'> {
  readonly code?: string
  readonly message?: string
  readonly userMessage?: string
}

/** The user cancelled an operation (password change, account or username recovery). */
export interface CanceledState extends PingFederateStateBase<'CANCELED'> {
  readonly canceledOperation?: 'PASSWORD_CHANGE' | 'ACCOUNT_RECOVERY' | 'USERNAME_RECOVERY' | (string & {})
}
