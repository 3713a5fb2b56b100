import { type ErrorCode, ErrorCodes } from './codes.js'
import { MIN_REDACTED_LENGTH, redactText } from './redact.js'

/** One entry of a server error's `details[]`, as PingFederate and PingOne send it (redacted). */
export interface ServerErrorDetail {
  readonly code?: string
  readonly message?: string
  readonly userMessage?: string
  readonly target?: string
  /** PingFederate: attempts left after a wrong OTP. */
  readonly attemptsRemaining?: number
  /** PingFederate: password-policy checklist. */
  readonly failedValidators?: readonly { readonly userMessage?: string }[]
  readonly satisfiedValidators?: readonly { readonly userMessage?: string }[]
  /** PingOne: extra facts (`secondsUntilUnlock`, `retryAfter`, `unsatisfiedRequirements`, …). */
  readonly innerError?: Readonly<Record<string, unknown>>
}

/** What the server said, kept on the error. */
export interface ServerError {
  /** Top-level code (`VALIDATION_ERROR`, `INVALID_DATA`, `invalid_grant`, …). */
  readonly code?: string
  readonly message?: string
  readonly userMessage?: string
  /** PingOne's error id, useful when asking Ping support. */
  readonly id?: string
  readonly details?: readonly ServerErrorDetail[]
}

/** What a {@link RedirectlessError} carries besides its code and message. */
export interface RedirectlessErrorOptions {
  /** HTTP status of the answer, when there was one. */
  readonly status?: number
  readonly server?: ServerError
  /** Whether repeating the same call may succeed (network blips, 5xx, 429). */
  readonly retryable?: boolean
  /** Seconds the server asked us to wait (Retry-After). */
  readonly retryAfter?: number
  /** The flow status when the error happened. */
  readonly flowStatus?: string
  /** The underlying error, kept for debugging but never serialised. */
  readonly cause?: unknown
  /**
   * Values to mask wherever they appear in this error (message, server error, cause), beside what
   * looks like a credential: what the call sent or received (a password, an OTP, a code, a cookie).
   * Numbers in the server's `innerError` that equal one of them are masked too.
   */
  readonly redactValues?: readonly string[]
}

const BRAND = Symbol.for('redirectless.error')

/**
 * The one error type the redirectless packages throw. Its `code` says what happened; `status`
 * and `server` preserve what the server answered. Messages and serialised forms never carry a
 * password, OTP, secret, token, cookie or signed JWT.
 */
export class RedirectlessError extends Error {
  override readonly name: string = 'RedirectlessError'
  readonly code: ErrorCode
  readonly status: number | undefined
  readonly server: ServerError | undefined
  readonly retryable: boolean
  readonly retryAfter: number | undefined
  readonly flowStatus: string | undefined

  constructor(code: ErrorCode, message: string, options: RedirectlessErrorOptions = {}) {
    const values = options.redactValues
    super(redactText(message, values))
    this.code = code
    this.status = options.status
    this.server = options.server ? sanitizeServerError(options.server, values) : undefined
    this.retryable = options.retryable ?? defaultRetryable(code, options.status)
    this.retryAfter = options.retryAfter
    this.flowStatus = options.flowStatus
    // Only a redacted copy of the cause is kept: util.inspect prints causes, and a cause (a custom
    // fetch's error, ky's errors that carry the Request and its headers) may hold a credential.
    if (options.cause !== undefined) {
      Object.defineProperty(this, 'cause', {
        value: redactedCause(options.cause, values),
        enumerable: false,
        writable: true,
      })
    }
    Object.defineProperty(this, BRAND, { value: true })
  }

  /** The first server detail code, e.g. `CREDENTIAL_VALIDATION_FAILED` or `INVALID_OTP`. */
  get detailCode(): string | undefined {
    return this.server?.details?.[0]?.code
  }

  override toString(): string {
    return `${this.name} [${this.code}]${this.status ? ` HTTP ${this.status}` : ''}: ${this.message}`
  }

  /** The error as logs and APIs may show it: code, message, status, server error; never the cause. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.status !== undefined && { status: this.status }),
      ...(this.server !== undefined && { server: this.server }),
      retryable: this.retryable,
      ...(this.retryAfter !== undefined && { retryAfter: this.retryAfter }),
      ...(this.flowStatus !== undefined && { flowStatus: this.flowStatus }),
    }
  }
}

/** True for a {@link RedirectlessError} from any copy of this package, in any realm. */
export function isRedirectlessError(value: unknown, code?: ErrorCode): value is RedirectlessError {
  const branded =
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true
  return branded && (code === undefined || (value as RedirectlessError).code === code)
}

function redactedCause(cause: unknown, values: readonly string[] | undefined): Error {
  const source = cause as
    | { name?: unknown; message?: unknown; code?: unknown; cause?: { code?: unknown } }
    | undefined
  const copy = new Error(
    typeof source?.message === 'string' ? redactText(source.message, values) : 'unknown cause',
  )
  if (typeof source?.name === 'string') copy.name = source.name
  const code = typeof source?.code === 'string' ? source.code : source?.cause?.code
  if (typeof code === 'string') Object.assign(copy, { code })
  copy.stack = `${copy.name}: ${copy.message}`
  return copy
}

function defaultRetryable(code: ErrorCode, status: number | undefined): boolean {
  if (code === ErrorCodes.NETWORK_ERROR || code === ErrorCodes.TIMEOUT || code === ErrorCodes.RATE_LIMITED)
    return true
  return code === ErrorCodes.SERVER_ERROR && status !== 501
}

function textOf(value: unknown, values: readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? redactText(value, values) : undefined
}

function sanitizeInner(
  inner: unknown,
  values: readonly string[] | undefined,
): Readonly<Record<string, unknown>> | undefined {
  if (!inner || typeof inner !== 'object' || Array.isArray(inner)) return undefined
  const known = new Set(values)
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(inner)) {
    // A number the call itself sent (an OTP of digits) is as secret as its string form.
    if (typeof v === 'number') out[k] = known.has(String(v)) ? '[redacted]' : v
    else if (typeof v === 'boolean') out[k] = v
    else if (typeof v === 'string') out[k] = redactText(v, values)
    else if (Array.isArray(v))
      out[k] = v.filter((x) => typeof x === 'string').map((x) => redactText(x as string, values))
  }
  return out
}

/**
 * Keeps the documented fields of a server error, with their text redacted (by pattern, and by
 * value for each of `values`); drops everything else.
 */
export function sanitizeServerError(raw: unknown, values?: readonly string[]): ServerError {
  if (!raw || typeof raw !== 'object') return {}
  const r = raw as Record<string, unknown>
  const text = (value: unknown) => textOf(value, values)
  const details = Array.isArray(r.details)
    ? r.details
        .filter((d): d is Record<string, unknown> => !!d && typeof d === 'object')
        .map((d) => {
          const out: Record<string, unknown> = {}
          for (const key of ['code', 'message', 'userMessage', 'target'] as const) {
            const v = text(d[key])
            if (v !== undefined) out[key] = v
          }
          if (typeof d.attemptsRemaining === 'number') out.attemptsRemaining = d.attemptsRemaining
          for (const key of ['failedValidators', 'satisfiedValidators'] as const) {
            const list = d[key]
            if (Array.isArray(list)) {
              out[key] = list.map((v) => ({ userMessage: text((v as Record<string, unknown>)?.userMessage) }))
            }
          }
          const inner = sanitizeInner(d.innerError, values)
          if (inner) out.innerError = inner
          return out as ServerErrorDetail
        })
    : undefined
  const out: Record<string, unknown> = {}
  for (const key of ['code', 'message', 'userMessage', 'id'] as const) {
    const v = text(r[key])
    if (v !== undefined) out[key] = v
  }
  // OAuth error bodies use other names for the same things.
  if (out.code === undefined && typeof r.error === 'string') out.code = text(r.error)
  if (out.message === undefined && typeof r.error_description === 'string')
    out.message = text(r.error_description)
  if (details) out.details = details
  return out as ServerError
}

/**
 * `error` again with every one of `values` masked wherever it appears (message, server error,
 * cause); the same error when none does. Code, status and the rest are kept.
 */
export function redactErrorValues(error: RedirectlessError, values: readonly string[]): RedirectlessError {
  const cause = (error as { cause?: { message?: unknown } }).cause
  const shown = `${error.message}\n${JSON.stringify(error.server ?? null)}\n${String(cause?.message ?? '')}`
  if (!values.some((value) => value.length >= MIN_REDACTED_LENGTH && shown.includes(value))) return error
  return new RedirectlessError(error.code, error.message, {
    ...(error.status !== undefined && { status: error.status }),
    ...(error.server !== undefined && { server: error.server }),
    retryable: error.retryable,
    ...(error.retryAfter !== undefined && { retryAfter: error.retryAfter }),
    ...(error.flowStatus !== undefined && { flowStatus: error.flowStatus }),
    ...(cause !== undefined && { cause }),
    redactValues: values,
  })
}
