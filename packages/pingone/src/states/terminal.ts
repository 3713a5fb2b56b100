import type { PingOneStateBase } from './common.js'

/**
 * What the authorization server would have put on the redirect URI: a `code`, or for implicit
 * response types the tokens. Arrives from resume (contract §3.5); extra members are kept.
 */
export interface PingOneAuthorizeResponse {
  readonly code?: string
  readonly access_token?: string
  readonly id_token?: string
  readonly token_type?: string
  readonly expires_in?: number
  readonly scope?: string
  readonly state?: string
  readonly session_state?: string
  readonly error?: string
  readonly error_description?: string
  readonly [member: string]: unknown
}

/**
 * The user is authenticated. Call `flow.complete()`: it fetches `resumeUrl` (or uses
 * `authorizeResponse` when the server already sent it) and turns the response into tokens.
 */
export interface PingOneCompleted extends PingOneStateBase<'COMPLETED'> {
  /** Only on the resume response, or on an action response from servers that add it. */
  readonly authorizeResponse?: PingOneAuthorizeResponse
}

/** The flow ended without a sign-on (refused consent, OTP lockout, denied push, no usable device, …). */
export interface PingOneFailed extends PingOneStateBase<'FAILED'> {
  /** Why, when the server says (PingOne's samples read `error.code`/`error.message`). */
  readonly error?: { readonly code?: string; readonly message?: string; readonly [member: string]: unknown }
}
