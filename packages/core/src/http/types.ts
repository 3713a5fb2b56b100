import type { FlowSession } from '../flow/dialect.js'

/** The `fetch` signature the packages accept (the platform's, a test double, or the emulator's). */
export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

/** A request as the dialects describe it, before the transport sends it. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST'
  readonly url: string | URL
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string | URLSearchParams
}

/** A fully read answer. */
export interface HttpResponse {
  readonly status: number
  readonly headers: Headers
  /** The URL that answered, without following anything. */
  readonly url: string
  readonly text: string
  /** The parsed body when it was JSON, otherwise undefined. */
  readonly json: unknown
}

/** Options every I/O call takes. */
export interface CallOptions {
  /** Stops the call; it then rejects with `ABORTED` (or `TIMEOUT` if the signal's reason is a timeout). */
  readonly signal?: AbortSignal | undefined
  /** Milliseconds for this call, retries included; overrides the client's `timeout`. */
  readonly timeout?: number | undefined
}

/** When and how idempotent calls (GETs) are retried. POSTs are never retried. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  readonly limit?: number
  /** Upper bound of one back-off delay, ms. Default 5 000. */
  readonly backoffLimit?: number
  /** A `Retry-After` longer than this (ms) is not waited for: the call fails with `RATE_LIMITED`. Default 10 000. */
  readonly maxRetryAfter?: number
  /** Statuses that are retried. Default 408, 429, 500, 502, 503, 504. */
  readonly statusCodes?: readonly number[]
}

/** What a call is, as the header hooks see it. */
export interface CallContext {
  /** Set on the calls to a flow's own endpoint (submit, refresh, poll, cancel): that flow's session. */
  readonly flow?: FlowSession | undefined
}

/**
 * Adds the headers a dialect sends on the calls it recognises by their {@link CallContext}
 * (PingFederate's `X-XSRF-Header` and cookieless state header on flow calls). Runs before every
 * attempt; it may only set headers.
 */
export type HeaderHook = (request: Request, context: CallContext) => void
