import type { Failure } from './states.js'

/** Where an action left the flow. Errors that keep the state are thrown as `PfApiError`. */
export type Outcome =
  | { readonly kind: 'state' }
  | { readonly kind: 'completed'; readonly username: string }
  | { readonly kind: 'failed'; readonly failure: Failure }
  | { readonly kind: 'canceled'; readonly operation: string }

/** The flow stays live (its status may have changed). */
export const STAY: Outcome = { kind: 'state' }

/** Failures that end a flow. `code` is the `FAILED.code`; OAuth codes where PF's own are unknown. */
export const FAILURES = {
  canceled: {
    code: 'access_denied',
    oauthError: 'access_denied',
    message: 'The user canceled the authentication.',
    userMessage: 'Authentication was canceled.',
  },
  pushRejected: {
    code: 'access_denied',
    oauthError: 'access_denied',
    message: 'The push notification was rejected and the authentication canceled.',
    userMessage: 'Authentication was canceled.',
  },
  lockedOut: {
    code: 'ACCOUNT_LOCKED_OUT',
    oauthError: 'access_denied',
    message: 'The account is locked after too many failed sign-on attempts.',
    userMessage: 'Your account is locked. Please try again later.',
  },
  loginRequired: {
    code: 'login_required',
    oauthError: 'login_required',
    message: 'prompt=none was requested but there is no authenticated session.',
    userMessage: 'You need to sign on.',
  },
  externalFailed: {
    code: 'access_denied',
    oauthError: 'access_denied',
    message: 'The external authentication failed.',
    userMessage: 'Signing on with the external account did not work.',
  },
  recoveryFailed: {
    code: 'ACCOUNT_RECOVERY_ERROR',
    oauthError: 'access_denied',
    message: 'Too many wrong recovery codes.',
    userMessage: 'The account could not be recovered. Please start again.',
  },
} as const satisfies Record<string, Failure>
