/**
 * Every `code` a {@link RedirectlessError} can carry. Stable strings: switch on them, never on messages.
 */
export const ErrorCodes = {
  /** The server answered a flow call with an error body (e.g. wrong password); the flow is still usable. */
  FLOW_ERROR: 'FLOW_ERROR',
  /** The flow is gone on the server (expired, unknown, or its session lost): start a new one. */
  FLOW_EXPIRED: 'FLOW_EXPIRED',
  /** The flow ended in `FAILED`. */
  FLOW_FAILED: 'FLOW_FAILED',
  /** The flow ended in `CANCELED` (or was cancelled). */
  FLOW_CANCELED: 'FLOW_CANCELED',
  /** `complete()` was called on a flow that has not reached `COMPLETED`. */
  FLOW_NOT_COMPLETED: 'FLOW_NOT_COMPLETED',
  /** The server wants the browser sent to `resumeUrl` (a step that cannot run without a browser). */
  RESUME_REQUIRED: 'RESUME_REQUIRED',
  /** The action is not in the current state's `_links`; nothing was sent. */
  ACTION_NOT_AVAILABLE: 'ACTION_NOT_AVAILABLE',
  /** The state the caller answered is no longer current, or another call on the flow is under way. */
  STALE_STATE: 'STALE_STATE',
  /** A link points outside the configured origins; nothing was sent. */
  UNTRUSTED_LINK: 'UNTRUSTED_LINK',
  /** The server answered with a redirect, which pi.flow mode never expects. */
  UNEXPECTED_REDIRECT: 'UNEXPECTED_REDIRECT',
  /** The body was not the JSON the protocol promises (truncated, HTML, wrong shape). */
  INVALID_RESPONSE: 'INVALID_RESPONSE',
  /** The request never got an answer (refused, reset, DNS). */
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** The call, or a poll's deadline, ran out of time. */
  TIMEOUT: 'TIMEOUT',
  /** The caller's `AbortSignal` fired. */
  ABORTED: 'ABORTED',
  /** The server answered 5xx. */
  SERVER_ERROR: 'SERVER_ERROR',
  /** The server answered 429 and retrying was not allowed or did not help. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The authorization server refused the authorization response or the token request. */
  TOKEN_ERROR: 'TOKEN_ERROR',
  /** An id_token failed validation (signature, iss, aud, exp, nonce, …). */
  ID_TOKEN_INVALID: 'ID_TOKEN_INVALID',
  /** The `state` in the authorization response is not the one this flow sent. */
  STATE_MISMATCH: 'STATE_MISMATCH',
  /** An application callback (e.g. the one that fetches a login_hint_token) threw. */
  CALLBACK_FAILED: 'CALLBACK_FAILED',
  /**
   * Another request is working on the same login (a BFF on several instances, a double click): this
   * one was not run, so nothing was sent twice. Answer with the login's current state.
   */
  CONFLICT: 'CONFLICT',
  /**
   * The runtime lacks a Web API the packages need (`fetch`, `crypto.getRandomValues`,
   * `crypto.subtle`, `TextEncoder`, `AbortController`): the message names it and how to add it
   * (React Native's Hermes needs polyfills for some).
   */
  UNSUPPORTED_RUNTIME: 'UNSUPPORTED_RUNTIME',
  /** The caller passed something unusable (bad option, malformed saved flow, short secret, …). */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
} as const

/** One of the {@link ErrorCodes}: what `RedirectlessError.code` holds. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes]
