/**
 * Every flow status of PingOne's Flows API: the section headings of the "PingOne Flows" page
 * (contract §3.3), plus `COMPLETED`, `FAILED` and `VERIFICATION_REQUIRED`.
 */
export const PINGONE_STATUSES = [
  'USERNAME_PASSWORD_REQUIRED',
  'SIGN_ON_REQUIRED',
  'PASSWORD_REQUIRED',
  'PASSWORD_EXPIRED',
  'MUST_CHANGE_PASSWORD',
  'RECOVERY_CODE_REQUIRED',
  'VERIFICATION_CODE_REQUIRED',
  'VERIFICATION_REQUIRED',
  'DEVICE_SELECTION_REQUIRED',
  'OTP_REQUIRED',
  'PUSH_CONFIRMATION_REQUIRED',
  'PUSH_CONFIRMATION_TIMED_OUT',
  'ACCOUNT_LINKING_REQUIRED',
  'ACCOUNT_CONFIRMATION_REQUIRED',
  'EXTERNAL_AUTHENTICATION_REQUIRED',
  'PROFILE_DATA_REQUIRED',
  'ASSERTION_REQUIRED',
  'AGREEMENT_CONSENT_REQUIRED',
  'DAG_USER_CODE_REQUIRED',
  'DAG_CONSENT_REQUIRED',
  'COMPLETED',
  'FAILED',
] as const

/** A PingOne flow status. */
export type PingOneStatus = (typeof PINGONE_STATUSES)[number]

const KNOWN: ReadonlySet<string> = new Set(PINGONE_STATUSES)

/** Whether `status` is one this client has a type for. */
export function isPingOneStatus(status: string): status is PingOneStatus {
  return KNOWN.has(status)
}

/** The status whose state changes on the server without a call from us: a push waiting on the phone. */
export const PUSH_WAITING_STATUS = 'PUSH_CONFIRMATION_REQUIRED'

/** The status that changes once the user's browser is back from an external identity provider. */
export const EXTERNAL_WAITING_STATUS = 'EXTERNAL_AUTHENTICATION_REQUIRED'

/** Re-read pace while a browser is at an external identity provider: a person typing there takes seconds. */
export const EXTERNAL_POLL_INTERVAL_MS = 2_000

/**
 * Poll pace for a waiting push. Ping documents none (contract §6.3); 1.5 s keeps the wait short for
 * the user and well under the platform's per-IP rate limits; the core poller backs off from it.
 */
export const PUSH_POLL_INTERVAL_MS = 1_500
