import { EDGE_FAILURES, type EdgeError, type EdgeFailure } from '../shared/edge.js'
import { uuid } from '../shared/ids.js'

/** One entry of a platform error's `details[]` (contract §4.1). */
export interface ErrorDetail {
  readonly code: string
  readonly target?: string
  readonly message: string
  readonly innerError?: Readonly<Record<string, unknown>>
}

/** The OAuth form of an authorize error, used when `authorizeErrorStyle` is `'oauth'` (contract §6.5). */
export interface OAuthErrorForm {
  readonly error: string
  readonly description: string
}

/**
 * A PingOne platform error (contract §4.1): thrown by handlers, answered as
 * `{ id, code, message, details[] }`. Messages never quote the offending value, since it may be a
 * secret, an OTP or a signed JWT.
 */
export class PlatformError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
    readonly options: {
      readonly headers?: Readonly<Record<string, string>>
      readonly oauth?: OAuthErrorForm
    } = {},
  ) {
    super(message)
    this.name = 'PlatformError'
  }

  toResponse(): Response {
    const body: Record<string, unknown> = { id: uuid(), code: this.code, message: this.message }
    if (this.details.length > 0) body.details = this.details
    return jsonError(this.status, body, this.options.headers)
  }

  /** The OAuth-style body (RFC 6749 §4.1.2.1 names) of the same error. */
  toOAuthResponse(): Response {
    const oauth = this.options.oauth ?? { error: 'invalid_request', description: this.message }
    return jsonError(
      this.status,
      { error: oauth.error, error_description: oauth.description },
      this.options.headers,
    )
  }
}

/** The 400 `INVALID_DATA` "validation errors" shape, with one detail naming the parameter. */
export function invalidData(
  target: string,
  message: string,
  detailCode = 'INVALID_VALUE',
  extra: { innerError?: Record<string, unknown>; oauth?: OAuthErrorForm } = {},
): PlatformError {
  const detail: ErrorDetail = extra.innerError
    ? { code: detailCode, target, message, innerError: extra.innerError }
    : { code: detailCode, target, message }
  return new PlatformError(
    400,
    'INVALID_DATA',
    'The request could not be completed. One or more validation errors were in the request.',
    [detail],
    extra.oauth ? { oauth: extra.oauth } : {},
  )
}

/** 400 `INVALID_REQUEST`: the request is well-formed but not acceptable now (e.g. an action the status does not allow). */
export function invalidRequest(message: string, target?: string, oauth?: OAuthErrorForm): PlatformError {
  const details: ErrorDetail[] = target ? [{ code: 'INVALID_VALUE', target, message }] : []
  return new PlatformError(400, 'INVALID_REQUEST', message, details, oauth ? { oauth } : {})
}

/** 400 `REQUEST_FAILED` with one detail: a valid request the server could not carry out. */
export function requestFailed(
  detailCode: string,
  message: string,
  innerError?: Record<string, unknown>,
): PlatformError {
  const detail: ErrorDetail = innerError
    ? { code: detailCode, message, innerError }
    : { code: detailCode, message }
  return new PlatformError(400, 'REQUEST_FAILED', message, [detail])
}

/** 404 `NOT_FOUND`: an unknown environment, an unknown or expired flow. */
export function notFound(message = 'The requested resource was not found.'): PlatformError {
  return new PlatformError(404, 'NOT_FOUND', message)
}

/** 415 `INVALID_REQUEST`: a content type the endpoint does not take. */
export function unsupportedMediaType(message: string): PlatformError {
  return new PlatformError(415, 'INVALID_REQUEST', message)
}

/** 429 `REQUEST_LIMITED` with `Retry-After` (contract §4.4). */
export function requestLimited(retryAfterSeconds: number): PlatformError {
  return new PlatformError(
    429,
    'REQUEST_LIMITED',
    'The request was rejected because the rate limit was exceeded.',
    [
      {
        code: 'LIMIT_EXCEEDED',
        message: 'Too many requests.',
        innerError: { retryAfter: retryAfterSeconds },
      },
    ],
    { headers: { 'retry-after': String(retryAfterSeconds) } },
  )
}

/** 401 `ACCESS_FAILED` / `INVALID_TOKEN`: a missing or foreign session cookie. */
export function accessFailed(message: string): PlatformError {
  return new PlatformError(401, 'ACCESS_FAILED', message, [{ code: 'INVALID_TOKEN', message }])
}

/**
 * A failure outside any route (a body over the limits, an unparseable request, a crash) in the
 * platform envelope `{ id, code, message }`: 4xx `INVALID_REQUEST`, 500 `UNEXPECTED_ERROR`
 * (EMULATOR DEFAULT).
 */
export function edgeError(failure: EdgeFailure): EdgeError {
  const { status, message } = EDGE_FAILURES[failure]
  const code = status >= 500 ? 'UNEXPECTED_ERROR' : 'INVALID_REQUEST'
  return { status, body: { id: uuid(), code, message } }
}

/** An RFC 6749 §5.2 token endpoint error. */
export class OAuthError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: string,
    readonly description: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(description)
    this.name = 'OAuthError'
  }

  toResponse(): Response {
    return jsonError(this.status, { error: this.error, error_description: this.description }, this.headers)
  }
}

function jsonError(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  })
}
