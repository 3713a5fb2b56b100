import { isRedirectlessError, redactText } from '@redirectless/core'
import { PINGFEDERATE_REASONS } from './answers/pingfederate-reasons.js'
import { PINGONE_REASONS } from './answers/pingone-statuses.js'
import { type ExitCode, ExitCodes } from './exit-codes.js'
import { explainNetworkError } from './network-cause.js'

/** The codes the CLI adds to the library's `RedirectlessError` codes. */
export type CliErrorCode =
  | 'USAGE'
  | 'SECRET_FLAG'
  | 'CONFIG_INVALID'
  | 'INTERRUPTED'
  | 'DEADLINE'
  | 'INPUT_CLOSED'
  | 'CREDENTIALS_REJECTED'
  | 'UNSUPPORTED_STEP'
  | 'INTERNAL'
  | (string & {})

/** Where a failure happened and what the server said, for messages and `--json`. */
export interface CliErrorDetails {
  readonly stage?: string
  /** The flow status the login was in. */
  readonly status?: string
  /** The server's reason, e.g. `PUSH_DENIED` or `CREDENTIAL_VALIDATION_FAILED`. */
  readonly reason?: string
  readonly httpStatus?: number
  /** NETWORK_ERROR: why the host was out of reach, as the fetch failure's code (`ECONNREFUSED`, …). */
  readonly cause?: string
}

/**
 * An error the CLI reports and exits with: a stable `code`, the process `exitCode`, and a message
 * that never carries a secret (it goes through the library's redaction).
 */
export class CliError extends Error {
  override readonly name = 'CliError'
  readonly code: CliErrorCode
  readonly exitCode: ExitCode
  readonly details: CliErrorDetails

  constructor(code: CliErrorCode, message: string, exitCode: ExitCode, details: CliErrorDetails = {}) {
    super(redactText(message))
    this.code = code
    this.exitCode = exitCode
    this.details = details
  }

  /**
   * This error with the reason a host was out of reach, when it is a NETWORK_ERROR that does not
   * say yet (`failure`: the fetch failure's code, e.g. noted by the timing fetch).
   */
  withNetworkCause(failure: string | undefined): CliError {
    if (this.code !== 'NETWORK_ERROR' || this.details.cause !== undefined || failure === undefined)
      return this
    const explained = explainNetworkError(this.message, { code: failure })
    return new CliError(this.code, explained.message, this.exitCode, { ...this.details, cause: failure })
  }

  /** The `--json` form: `{ code, message, exitCode, stage?, status?, reason?, httpStatus?, cause? }`. */
  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, exitCode: this.exitCode, ...this.details }
  }
}

/** A usage error: exit 2, and the command prints its usage text. */
export function usageError(message: string): CliError {
  return new CliError('USAGE', message, ExitCodes.USAGE)
}

const STAGE_NAMES: Readonly<Record<string, string>> = {
  pingFederate: 'PingFederate',
  pingOne: 'PingOne',
  backend: 'The login-hint backend',
}

/** The human name of a stage (`pingFederate` → PingFederate). */
export function stageName(stage: string | undefined): string {
  return (stage && STAGE_NAMES[stage]) ?? stage ?? 'The login'
}

// What the library's codes mean for the process: everything not listed is a failed login.
const EXIT_BY_CODE: Readonly<Record<string, ExitCode>> = {
  NETWORK_ERROR: ExitCodes.NETWORK,
  FLOW_EXPIRED: ExitCodes.TIMEOUT,
  TIMEOUT: ExitCodes.TIMEOUT,
  ABORTED: ExitCodes.INTERRUPTED,
  INVALID_ARGUMENT: ExitCodes.USAGE,
}

// Server reasons worth a sentence of their own.
const REASONS: Readonly<Record<string, string>> = {
  CREDENTIAL_VALIDATION_FAILED: 'the username or password was refused',
  PUSH_DENIED: 'the push was denied on the phone',
  OTP_LOCKED: 'too many wrong codes',
  NO_USABLE_DEVICES: 'the user has no usable MFA device',
  INVALID_OTP: 'the code was wrong',
  // PingOne's 400 detail codes, when nothing more precise is known.
  REQUIRED_VALUE: 'a required value was missing',
  EMPTY_VALUE: 'a value was empty',
  INVALID_VALUE: 'a value was not accepted',
  OUT_OF_RANGE: 'a value was out of range',
  SIZE_LIMIT_EXCEEDED: 'a value was too long',
  DEVICE_LOCKED: 'the device is locked after too many wrong codes',
  ...PINGONE_REASONS,
  ...PINGFEDERATE_REASONS,
}

interface ErrorLike {
  readonly code?: string
  readonly message?: string
  readonly status?: number
  readonly flowStatus?: string
  readonly stage?: string
  readonly server?: {
    readonly code?: string
    readonly userMessage?: string
    readonly details?: readonly { readonly code?: string; readonly userMessage?: string }[]
  }
}

/**
 * What the server refused, in a sentence: our words for a reason we know, else the words the
 * server meant for users (PingFederate's `userMessage`), else the library's message, which quotes
 * the request and the server's developer text.
 */
function refusal(e: ErrorLike, reason: string | undefined, stage: string | undefined): string {
  if (reason && REASONS[reason]) return `${stageName(stage)}: ${REASONS[reason]} (${reason})`
  const words = e.server?.details?.[0]?.userMessage ?? e.server?.userMessage
  if (words) return `${stageName(stage)}: ${words}${reason ? ` (${reason})` : ''}`
  return `${stageName(stage)}: ${e.message ?? e.code}${reason ? ` (${reason})` : ''}`
}

/**
 * Turns whatever a login threw (a `RedirectlessError`, the orchestrator's snapshot form of one, a
 * `CliError`, anything else) into a {@link CliError} with the right exit code. `context` fills in
 * the stage, the status and the server's reason when the error itself does not carry them.
 */
export function toCliError(error: unknown, context: CliErrorDetails = {}): CliError {
  if (error instanceof CliError) return error
  const coded = isRedirectlessError(error) || (error && typeof error === 'object' && 'code' in error)
  if (!coded) {
    const message = error instanceof Error ? error.message : String(error)
    return new CliError('INTERNAL', `Unexpected failure: ${message}`, ExitCodes.LOGIN_FAILED)
  }
  const e = error as ErrorLike
  const code = String(e.code)
  const stage = e.stage ?? context.stage
  const status = e.flowStatus ?? context.status
  const reason =
    e.server?.details?.[0]?.code ??
    (e.server?.code !== undefined ? e.server.code : undefined) ??
    context.reason
  const details: CliErrorDetails = {
    ...(stage !== undefined && { stage }),
    ...(status !== undefined && { status }),
    ...(reason !== undefined && { reason }),
    ...(e.status !== undefined && { httpStatus: e.status }),
  }
  if (code === 'FLOW_ERROR' && reason === 'CREDENTIAL_VALIDATION_FAILED') {
    return new CliError(
      'CREDENTIALS_REJECTED',
      `${stageName(stage)} refused the username or password (CREDENTIAL_VALIDATION_FAILED)`,
      ExitCodes.LOGIN_FAILED,
      details,
    )
  }
  if (code === 'NETWORK_ERROR') {
    const explained = explainNetworkError(
      e.message ?? 'Could not reach the server',
      (error as { cause?: unknown }).cause,
    )
    return new CliError(code, `${stageName(stage)}: ${explained.message}`, ExitCodes.NETWORK, {
      ...details,
      ...(explained.code !== undefined && { cause: explained.code }),
    })
  }
  const explained =
    reason && REASONS[reason] ? `: ${REASONS[reason]} (${reason})` : reason ? ` (${reason})` : ''
  const message =
    code === 'FLOW_FAILED' && reason
      ? `${stageName(stage)} ended the flow${explained}`
      : code === 'FLOW_ERROR'
        ? refusal(e, reason, stage)
        : `${stageName(stage)}: ${e.message ?? code}`
  return new CliError(code, message, EXIT_BY_CODE[code] ?? ExitCodes.LOGIN_FAILED, details)
}
