/**
 * What the screens say when something goes wrong. The library's messages are for developers (they
 * name the request and the server's own text); a person gets a sentence for the reasons this page
 * knows, else the words the server meant for users, else a plain fallback by error code.
 */

/** The parts of the machine's `context.error` (and of a FAILED flow state) read here. */
interface ErrorLike {
  readonly code?: string
  readonly server?: {
    readonly code?: string
    readonly userMessage?: string
    readonly details?: readonly {
      readonly code?: string
      readonly userMessage?: string
      readonly target?: string
    }[]
  }
}

const REASONS: Readonly<Record<string, string>> = {
  CREDENTIAL_VALIDATION_FAILED: 'That username and password do not match. Try again.',
  INVALID_OTP: 'That code is not right. Check it and try again.',
  OTP_LOCKED: 'Too many wrong codes. Start over in a few minutes.',
  DEVICE_LOCKED: 'This device is locked after too many wrong codes. Choose another one.',
  PUSH_DENIED: 'The sign-in was denied on your phone.',
  NO_USABLE_DEVICES: 'You have no device to verify with. Contact your administrator.',
}

const BY_CODE: Readonly<Record<string, string>> = {
  NETWORK_ERROR: 'The server could not be reached. Check your connection.',
  TIMEOUT: 'The server took too long to answer.',
  FLOW_EXPIRED: 'This sign-in took too long and expired. Start over.',
  CALLBACK_FAILED: 'Your sign-in could not be handed over for verification.',
  ID_TOKEN_INVALID: 'The sign-in could not be verified.',
  ABORTED: 'The request was stopped.',
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined

/** PingOne puts a FAILED flow's reason under `error.code`; PingFederate's FAILED state has `code`. */
function failedReason(state: unknown): string | undefined {
  const flow = record(state)
  if (flow?.status !== 'FAILED') return undefined
  const code = record(flow.error)?.code ?? flow.code
  return typeof code === 'string' ? code : undefined
}

/** A sentence for `context.error` (with the flow state, for a FAILED flow's reason), or undefined. */
export function describeError(error: ErrorLike | undefined, state?: unknown): string | undefined {
  if (!error) return undefined
  const detail = error.server?.details?.[0]
  const reason = detail?.code ?? failedReason(state) ?? error.server?.code
  if (reason !== undefined && REASONS[reason]) return REASONS[reason]
  if (detail?.target === 'assertion')
    return 'Your security key was not accepted. Try again, or use another key.'
  const words = detail?.userMessage ?? error.server?.userMessage
  if (words) return words
  return (error.code && BY_CODE[error.code]) ?? 'That did not work. Try again.'
}
