import ky, { type KyInstance } from 'ky'
import { ErrorCodes } from '../errors/codes.js'
import { displayUrl } from '../errors/redact.js'
import { RedirectlessError } from '../errors/redirectless-error.js'
import { OriginPolicy } from './origins.js'
import { retryAfterSeconds } from './response-errors.js'
import type { CallOptions, FetchLike, HttpRequest, HttpResponse, RetryOptions } from './types.js'
import { unpackRequest } from './unpack-request.js'

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

/**
 * Sends requests for one client: pins origins, applies timeouts and GET retries, never follows a
 * redirect, reads the whole body, and turns transport failures into coded errors.
 */
export class Transport {
  readonly origins: OriginPolicy
  readonly fetch: FetchLike
  readonly #ky: KyInstance
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
    const retry = normaliseRetry(options.retry)
    // ky only retries what it throws, so HTTP errors are thrown and unwrapped again in send().
    this.#ky = ky.create({ redirect: 'manual', timeout: false })
    this.#retry = normaliseRetry(options.retry)
  }

  /**
   * GETs only. A `Retry-After` longer than `maxRetryAfter`, or than the time left before the
   * call's deadline, is not waited for (ky would cut it short and retry early): the caller gets
   * RATE_LIMITED or SERVER_ERROR with the server's `retryAfter` at once.
   */
  #retryFor(deadline: number) {
    const retry = this.#retry
    return {
      limit: retry.limit,
      methods: ['get'],
      statusCodes: [...retry.statusCodes],
      afterStatusCodes: [413, 429, 503],
      maxRetryAfter: retry.maxRetryAfter,
      backoffLimit: retry.backoffLimit,
      shouldRetry: ({ error }: { error: unknown }) => {
        const response = httpErrorResponse(error)
        const seconds = response ? retryAfterSeconds(response.headers) : undefined
        if (seconds === undefined) return undefined
        const wait = seconds * 1000
        return wait > retry.maxRetryAfter || Date.now() + wait >= deadline ? false : undefined
      },
    }
  }

  /** Resolves a server-sent link (see {@link OriginPolicy.resolve}). */
  resolve(href: string | URL): URL {
    return this.origins.resolve(href)
  }

  /**
   * Sends `request` and reads the answer. Rejects only with a {@link RedirectlessError}. The
   * timeout bounds the whole call: every attempt, the back-off and `Retry-After` waits between them,
   * and reading the body.
   */
  async send(request: HttpRequest, options: SendOptions = {}): Promise<HttpResponse> {
    const url = this.origins.resolve(request.url)
    const timeout = Math.min(checkTimeout(options.timeout ?? this.#timeout), MAX_TIMEOUT)
    if (options.signal?.aborted) throw abortError(options.signal)
    const deadline = new AbortController()
    const timer = setTimeout(() => deadline.abort(), timeout)
    const signal = options.signal ? anySignal(options.signal, deadline.signal) : deadline.signal
    const fail = (error: unknown) =>
      deadline.signal.aborted && !options.signal?.aborted
        ? new RedirectlessError(ErrorCodes.TIMEOUT, `${displayUrl(url)} did not answer within ${timeout} ms`)
        : transportError(error, url, options.signal)
    try {
      let response: Response | undefined
      try {
        response = await this.#ky(url, {
          method: request.method,
          headers: { accept: 'application/json', ...request.headers },
          ...(request.body !== undefined && { body: request.body }),
          timeout,
          retry: this.#retryFor(Date.now() + timeout),
          fetch: unpackRequest(options.fetch ?? this.fetch, options.credentials),
          signal,
        })
      } catch (error) {
        response = httpErrorResponse(error)
        if (!response) throw fail(error)
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
      let text: string
      try {
        text = await response.text()
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
    } finally {
      clearTimeout(timer)
    }
  }
}

/** Aborts when either signal does (`AbortSignal.any` where the platform has it). */
function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  const any = (AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any
  if (any) return any([a, b])
  const controller = new AbortController()
  const abort = (source: AbortSignal) => () => controller.abort(source.reason)
  a.addEventListener('abort', abort(a), { once: true })
  b.addEventListener('abort', abort(b), { once: true })
  return controller.signal
}

function redirectTarget(location: string, base: URL): string {
  try {
    return displayUrl(new URL(location, base))
  } catch {
    return 'an unparseable location'
  }
}

/** The answer inside ky's HTTPError (checked by shape: another copy of ky may have made it). */
function httpErrorResponse(error: unknown): Response | undefined {
  const e = error as { name?: string; response?: unknown } | undefined
  return e?.name === 'HTTPError' && e.response instanceof Response ? e.response : undefined
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
