import { ErrorCodes } from '../errors/codes.js'
import { displayUrl } from '../errors/redact.js'
import { RedirectlessError } from '../errors/redirectless-error.js'
import { delay } from './delay.js'
import { OriginPolicy } from './origins.js'
import { retryAfterSeconds } from './response-errors.js'
import type { CallOptions, FetchLike, HttpRequest, HttpResponse, RetryOptions } from './types.js'

export interface TransportOptions {
  /** The server's base URL; its origin is the one requests may go to. */
  readonly baseUrl: string
  /** Other origins requests may go to (e.g. a separate token host). */
  readonly trustedOrigins?: readonly string[] | undefined
  /** Defaults to the global `fetch`. */
  readonly fetch?: FetchLike | undefined
  /** Milliseconds per call, retries included. Default 15 000. */
  readonly timeout?: number | undefined
  /** GET retries; `0` or `false` turns them off. */
  readonly retry?: RetryOptions | number | false | undefined
}

export interface SendOptions extends CallOptions {
  /** The fetch to send with (a flow's cookie-jar fetch); the transport's own by default. */
  readonly fetch?: FetchLike | undefined
  readonly credentials?: RequestCredentials | undefined
}

const DEFAULT_TIMEOUT = 15_000
const MAX_TIMEOUT = 2_147_483_647
/** Statuses whose `Retry-After` is honoured (as HTTP defines it for them). */
const RETRY_AFTER_STATUSES = [413, 429, 503]

/**
 * Sends requests for one client: pins origins, applies timeouts and GET retries, never follows a
 * redirect, reads the whole body, and turns transport failures into coded errors.
 *
 * It calls `fetch(url, init)` directly, with no `Request` object in between: a wrapped fetch (the
 * Node cookie jar, a test server) then sees `redirect: 'manual'` and every header, and a call
 * allocates nothing it does not send.
 */
export class Transport {
  readonly origins: OriginPolicy
  readonly fetch: FetchLike
  readonly #timeout: number
  readonly #retry: Required<RetryOptions>

  constructor(options: TransportOptions) {
    this.origins = new OriginPolicy(options.baseUrl, options.trustedOrigins)
    const base = options.fetch ?? globalThis.fetch
    if (typeof base !== 'function') {
      throw new RedirectlessError(
        ErrorCodes.INVALID_ARGUMENT,
        'No fetch available: pass `fetch` in the options',
      )
    }
    this.fetch = (input, init) => base(input, init)
    this.#timeout = checkTimeout(options.timeout ?? DEFAULT_TIMEOUT)
    this.#retry = normaliseRetry(options.retry)
  }

  /** Resolves a server-sent link (see {@link OriginPolicy.resolve}). */
  resolve(href: string | URL): URL {
    return this.origins.resolve(href)
  }

  /**
   * Sends `request` and reads the answer. Rejects only with a {@link RedirectlessError}. The
   * timeout bounds the whole call: every attempt, the back-off and `Retry-After` waits between them,
   * and reading the body. GETs are retried on the configured statuses and on network errors; a
   * `Retry-After` longer than `maxRetryAfter`, or than the time left, is not waited for: the answer
   * is returned at once (RATE_LIMITED or SERVER_ERROR with the server's `retryAfter`).
   */
  async send(request: HttpRequest, options: SendOptions = {}): Promise<HttpResponse> {
    const url = this.origins.resolve(request.url)
    const timeout = Math.min(checkTimeout(options.timeout ?? this.#timeout), MAX_TIMEOUT)
    if (options.signal?.aborted) throw abortError(options.signal)
    // One controller ends the call, on the deadline or the caller's signal (no AbortSignal.any:
    // cheaper, and React Native lacks it).
    const controller = new AbortController()
    const { signal } = controller
    // Settles (rejects) when the call ends early; every wait below races it, so a fetch that ignores
    // its signal still ends at once.
    let rejectEnded!: (reason: unknown) => void
    const ended = new Promise<never>((_, reject) => {
      rejectEnded = reject
    })
    ended.catch(() => {})
    const end = (reason?: unknown) => {
      controller.abort(reason)
      rejectEnded(signal.reason)
    }
    const ends = Date.now() + timeout
    const timer = setTimeout(end, timeout)
    const onAbort = () => end(options.signal?.reason)
    options.signal?.addEventListener('abort', onAbort, { once: true })
    const fail = (error: unknown) =>
      signal.aborted && !options.signal?.aborted
        ? new RedirectlessError(ErrorCodes.TIMEOUT, `${displayUrl(url)} did not answer within ${timeout} ms`)
        : transportError(error, url, options.signal)
    const fetchImpl = options.fetch ?? this.fetch
    const init: RequestInit = {
      method: request.method,
      headers: { accept: 'application/json', ...request.headers },
      redirect: 'manual',
      signal,
    }
    if (request.body !== undefined) init.body = request.body
    if (options.credentials) init.credentials = options.credentials
    const retry = this.#retry
    const retries = request.method === 'GET' ? retry.limit : 0
    try {
      for (let attempt = 0; ; attempt++) {
        let response: Response
        try {
          response = await raceAbort(fetchImpl(url.href, init), signal, ended)
        } catch (error) {
          const pause = backoff(attempt, retry.backoffLimit)
          if (attempt >= retries || signal.aborted || !isNetworkError(error) || Date.now() + pause >= ends)
            throw fail(error)
          await delay(pause, signal).catch(() => {
            throw fail(error)
          })
          continue
        }
        if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
          await response.body?.cancel().catch(() => {})
          const location = response.headers.get('location')
          throw new RedirectlessError(
            ErrorCodes.UNEXPECTED_REDIRECT,
            `${displayUrl(url)} answered with a redirect${location ? ` to ${redirectTarget(location, url)}` : ''}; pi.flow mode never redirects (is response_mode=pi.flow allowed for this client?)`,
            { status: response.status },
          )
        }
        const pause = attempt < retries ? retryDelay(response, attempt, retry) : undefined
        if (pause !== undefined && Date.now() + pause < ends) {
          await response.body?.cancel().catch(() => {})
          await delay(pause, signal).catch((error: unknown) => {
            throw fail(error)
          })
          continue
        }
        let text: string
        try {
          text = await raceAbort(response.text(), signal, ended)
        } catch (error) {
          throw fail(error)
        }
        return {
          status: response.status,
          headers: response.headers,
          url: url.href,
          text,
          json: parseJson(text),
        }
      }
    } finally {
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
    }
  }
}

/** ms to wait before retrying `response`, or undefined when it is not retried. */
function retryDelay(response: Response, attempt: number, retry: Required<RetryOptions>): number | undefined {
  if (!retry.statusCodes.includes(response.status)) return undefined
  if (RETRY_AFTER_STATUSES.includes(response.status)) {
    const seconds = retryAfterSeconds(response.headers)
    if (seconds !== undefined) {
      const ms = seconds * 1000
      return ms > retry.maxRetryAfter ? undefined : ms
    }
  }
  return backoff(attempt, retry.backoffLimit)
}

/** Exponential back-off from 300 ms, capped. */
function backoff(attempt: number, limit: number): number {
  return Math.min(300 * 2 ** attempt, limit)
}

/** fetch's "could not reach the server" rejection (a TypeError), as opposed to an abort. */
function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError
}

/**
 * Some fetches ignore their signal (React Native polyfills, in-process test servers); the caller's
 * abort and the timeout must still end the call at once, as with the platform's fetch.
 */
function raceAbort<T>(pending: Promise<T>, signal: AbortSignal, ended: Promise<never>): Promise<T> {
  if (signal.aborted) {
    // The request already started; its own rejection must not surface as unhandled.
    pending.catch(() => {})
    return Promise.reject(signal.reason)
  }
  return Promise.race([pending, ended])
}

function redirectTarget(location: string, base: URL): string {
  try {
    return displayUrl(new URL(location, base))
  } catch {
    return 'an unparseable location'
  }
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function checkTimeout(ms: number): number {
  if (typeof ms !== 'number' || !(ms > 0)) {
    throw new RedirectlessError(
      ErrorCodes.INVALID_ARGUMENT,
      'timeout must be a positive number of milliseconds',
    )
  }
  return ms
}

function normaliseRetry(retry: TransportOptions['retry']): Required<RetryOptions> {
  const defaults = {
    limit: 2,
    backoffLimit: 5_000,
    maxRetryAfter: 10_000,
    statusCodes: [408, 429, 500, 502, 503, 504],
  }
  if (retry === false || retry === 0) return { ...defaults, limit: 0 }
  if (typeof retry === 'number') return { ...defaults, limit: Math.max(0, Math.floor(retry)) }
  return { ...defaults, ...retry }
}

/** An abort error for `signal`: `TIMEOUT` when its reason is a timeout, `ABORTED` otherwise. */
export function abortError(signal: AbortSignal, what = 'The call'): RedirectlessError {
  const reason = signal.reason as { name?: string } | undefined
  return reason?.name === 'TimeoutError'
    ? new RedirectlessError(ErrorCodes.TIMEOUT, `${what} timed out (the caller's signal)`)
    : new RedirectlessError(ErrorCodes.ABORTED, `${what} was aborted`)
}

function transportError(error: unknown, url: URL, signal: AbortSignal | undefined): RedirectlessError {
  if (error instanceof RedirectlessError) return error
  if (signal?.aborted) return abortError(signal, `The call to ${displayUrl(url)}`)
  const name = (error as { name?: string } | undefined)?.name
  if (name === 'TimeoutError') {
    return new RedirectlessError(ErrorCodes.TIMEOUT, `${displayUrl(url)} did not answer in time`)
  }
  if (name === 'AbortError')
    return new RedirectlessError(ErrorCodes.ABORTED, `The call to ${displayUrl(url)} was aborted`)
  const code = (error as { cause?: { code?: string } } | undefined)?.cause?.code
  return new RedirectlessError(
    ErrorCodes.NETWORK_ERROR,
    `Could not reach ${displayUrl(url)}${code ? ` (${code})` : ''}`,
    // The cause is kept, non-enumerable, for debugging; it never reaches messages or JSON.
    { cause: error },
  )
}
