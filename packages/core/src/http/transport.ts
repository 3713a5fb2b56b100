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
    this.#ky = ky.create({
      redirect: 'manual',
      timeout: false,
      retry: {
        limit: retry.limit,
        methods: ['get'],
        statusCodes: [...retry.statusCodes],
        afterStatusCodes: [413, 429, 503],
        maxRetryAfter: retry.maxRetryAfter,
        backoffLimit: retry.backoffLimit,
        // ky would cut a long Retry-After down to maxRetryAfter and retry early; we give up instead,
        // and the caller sees RATE_LIMITED with the server's retryAfter.
        shouldRetry: ({ error }) => {
          const response = httpErrorResponse(error)
          const seconds = response ? retryAfterSeconds(response.headers) : undefined
          return seconds !== undefined && seconds * 1000 > retry.maxRetryAfter ? false : undefined
        },
      },
    })
  }

  /** Resolves a server-sent link (see {@link OriginPolicy.resolve}). */
  resolve(href: string | URL): URL {
    return this.origins.resolve(href)
  }

  /** Sends `request` and reads the answer. Rejects only with a {@link RedirectlessError}. */
  async send(request: HttpRequest, options: SendOptions = {}): Promise<HttpResponse> {
    const url = this.origins.resolve(request.url)
    const timeout = checkTimeout(options.timeout ?? this.#timeout)
    if (options.signal?.aborted) throw abortError(options.signal)
    const fetchImpl = unpackRequest(options.fetch ?? this.fetch, options.credentials)
    let response: Response | undefined
    try {
      response = await this.#ky(url, {
        method: request.method,
        headers: { accept: 'application/json', ...request.headers },
        ...(request.body !== undefined && { body: request.body }),
        timeout: Math.min(timeout, MAX_TIMEOUT),
        fetch: fetchImpl,
        ...(options.signal && { signal: options.signal }),
      })
    } catch (error) {
      response = httpErrorResponse(error)
      if (!response) throw transportError(error, url, options.signal)
    }
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      await response.body?.cancel().catch(() => {})
      const location = response.headers.get('location')
      throw new RedirectlessError(
        ErrorCodes.UNEXPECTED_REDIRECT,
        `${displayUrl(url)} answered with a redirect${location ? ` to ${displayUrl(new URL(location, url))}` : ''}; pi.flow mode never redirects (is response_mode=pi.flow allowed for this client?)`,
        { status: response.status },
      )
    }
    let text: string
    try {
      text = await response.text()
    } catch (error) {
      throw transportError(error, url, options.signal)
    }
    return { status: response.status, headers: response.headers, url: url.href, text, json: parseJson(text) }
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
