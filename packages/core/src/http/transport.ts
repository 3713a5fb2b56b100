import type { KyInstance, Options as KyOptions, ShouldRetryState } from 'ky'
import { ErrorCodes } from '../errors/codes.js'
import { displayUrl } from '../errors/redact.js'
import { RedirectlessError } from '../errors/redirectless-error.js'
import { missingApi } from '../runtime.js'
import { OriginPolicy } from './origins.js'
import { retryAfterSeconds } from './response-errors.js'
import type {
  CallContext,
  CallOptions,
  FetchLike,
  HeaderHook,
  HttpRequest,
  HttpResponse,
  RetryOptions,
} from './types.js'

/** A {@link Transport}'s settings: where it may send, with which fetch, how long and how often. */
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
  /** Headers a dialect adds to each request it recognises by its {@link CallContext}. */
  readonly headerHooks?: readonly HeaderHook[] | undefined
}

export interface SendOptions extends CallOptions {
  /** The fetch to send with (a flow's cookie-jar fetch); the transport's own by default. */
  readonly fetch?: FetchLike | undefined
  readonly credentials?: RequestCredentials | undefined
  /** What the call is, for the header hooks (a flow call carries its session). */
  readonly context?: CallContext | undefined
  /**
   * `false` for a GET that must never be sent twice: a PingOne authorize with a `login_hint_token`
   * creates a flow and sends an OTP each time (ARCHITECTURE invariant 9).
   */
  readonly retry?: false | undefined
  /**
   * Hand a 3xx answer back (its status and headers, the body discarded) instead of refusing it with
   * `UNEXPECTED_REDIRECT`. It is still never followed: the caller reads `Location` and decides. For
   * an explicit opt-in such as following PingFederate's `resumeUrl`; a browser's opaque redirect
   * comes back with status 0 and no headers to read.
   */
  readonly acceptRedirect?: boolean | undefined
}

const DEFAULT_TIMEOUT = 15_000
/** setTimeout's ceiling (and ky's). */
const MAX_TIMEOUT = 2_147_483_647
/** Statuses whose `Retry-After` is honoured (as HTTP defines it for them). */
const RETRY_AFTER_STATUSES: readonly number[] = [413, 429, 503]
/** ky's back-off before the n-th retry, before jitter: 300 ms, doubling. */
const backoff = (retryCount: number) => 300 * 2 ** (retryCount - 1)

/**
 * Sends requests for one client on one `ky` instance: pins origins, bounds each call by one
 * deadline, retries GETs (never POSTs, never an authorize), never follows a redirect, reads the
 * whole body, and turns transport failures into coded errors.
 *
 * ky owns the attempt loop: which statuses and failures are retried, `Retry-After`, the back-off
 * with jitter, and the waits between attempts (aborted with the call). The transport adds what ky
 * leaves to its callers: one deadline over every attempt and wait, a `Retry-After` past that
 * deadline (or past `maxRetryAfter`) answered at once instead of cut short, and a fetch that ignores
 * its signal still ending the call on abort.
 */
export class Transport {
  readonly origins: OriginPolicy
  readonly fetch: FetchLike
  readonly #kyDefaults: KyOptions
  #ky: Promise<KyInstance> | undefined
  readonly #timeout: number
  readonly #retry: Required<RetryOptions>
  readonly #retriedStatus: (status: number) => boolean

  constructor(options: TransportOptions) {
    this.origins = new OriginPolicy(options.baseUrl, options.trustedOrigins)
    const base = options.fetch ?? globalThis.fetch
    if (typeof base !== 'function') throw missingApi('fetch')
    if (typeof AbortController !== 'function') throw missingApi('AbortController')
    this.fetch = (input, init) => base(input, init)
    this.#timeout = checkTimeout(options.timeout ?? DEFAULT_TIMEOUT)
    const retry = normaliseRetry(options.retry)
    this.#retry = retry
    const headerHooks = options.headerHooks ?? []
    this.#kyDefaults = {
      headers: { accept: 'application/json' },
      redirect: 'manual',
      // Error bodies are the dialects' to read (PF and PingOne envelopes): a status is an answer.
      // Only a GET that may be retried has its retried statuses thrown, for ky to retry them.
      throwHttpErrors: false,
      retry: {
        limit: retry.limit,
        methods: ['get'],
        statusCodes: [...retry.statusCodes],
        afterStatusCodes: [...RETRY_AFTER_STATUSES],
        maxRetryAfter: retry.maxRetryAfter,
        backoffLimit: retry.backoffLimit,
        delay: backoff,
        jitter: true,
        retryOnTimeout: false,
      },
      hooks: {
        beforeRequest: headerHooks.map((hook) => (request, kyOptions) => {
          hook(request, kyOptions.context as CallContext)
        }),
      },
    }
    this.#retriedStatus = (status) => retry.statusCodes.includes(status)
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
    // React Native lacks it). ky hands it to every attempt and aborts its waits with it.
    const controller = new AbortController()
    const { signal } = controller
    // Rejects when the call ends early; the fetch and the body read race it, so a fetch that
    // ignores its signal still ends at once.
    let rejectEnded!: (reason: unknown) => void
    const ended = new Promise<never>((_, reject) => {
      rejectEnded = reject
    })
    ended.catch(() => {})
    const end = (reason?: unknown) => {
      controller.abort(reason)
      rejectEnded(signal.reason)
    }
    const deadline = Date.now() + timeout
    const timer = setTimeout(end, timeout)
    const onAbort = () => end(options.signal?.reason)
    options.signal?.addEventListener('abort', onAbort, { once: true })
    const fail = (error: unknown) =>
      signal.aborted && !options.signal?.aborted
        ? new RedirectlessError(ErrorCodes.TIMEOUT, `${displayUrl(url)} did not answer within ${timeout} ms`)
        : transportError(error, url, options.signal)
    const retries = request.method === 'GET' && options.retry !== false ? this.#retry.limit : 0
    const fetchImpl = options.fetch ?? this.fetch
    const kyOptions: KyOptions = {
      method: request.method,
      // The deadline is the call's own (above): ky's timeout is per attempt and would restart on each.
      timeout: false,
      retry: retries,
      fetch: unpackRequest(fetchImpl, request.body, options.credentials, signal, ended),
    }
    if (options.context) kyOptions.context = { ...options.context }
    if (request.headers) kyOptions.headers = request.headers
    if (options.credentials) kyOptions.credentials = options.credentials
    if (retries > 0) {
      // ky aborts its back-off waits with the signal it is given, so only a call it may retry needs
      // one (each costs ky an AbortSignal.any).
      kyOptions.signal = signal
      kyOptions.throwHttpErrors = this.#retriedStatus
      kyOptions.retry = { limit: retries, shouldRetry: (state) => this.#shouldRetry(state, signal, deadline) }
      kyOptions.hooks = { beforeRetry: [discardFailedAnswer] }
    }
    try {
      let response: Response
      try {
        // Raced as well: with no signal of its own, ky only learns of an abort from the fetch.
        const api = await raceEnded(this.#api(), signal, ended)
        response = await raceEnded(api(url, kyOptions), signal, ended)
      } catch (error) {
        // The last answer of a retried GET, or one not worth waiting for: an answer all the same.
        if (!isHTTPError(error) || signal.aborted) throw fail(error)
        response = error.response
      }
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
        await response.body?.cancel().catch(() => {})
        if (options.acceptRedirect) {
          return {
            status: response.status,
            headers: response.headers,
            url: url.href,
            text: '',
            json: undefined,
          }
        }
        const location = response.headers.get('location')
        throw new RedirectlessError(
          ErrorCodes.UNEXPECTED_REDIRECT,
          `${displayUrl(url)} answered with a redirect${location ? ` to ${redirectTarget(location, url)}` : ''}; pi.flow mode never redirects (is response_mode=pi.flow allowed for this client?)`,
          { status: response.status },
        )
      }
      let text: string
      try {
        text = await raceEnded(response.text(), signal, ended)
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
      options.signal?.removeEventListener('abort', onAbort)
    }
  }

  /** This client's ky instance, made on its first call (see {@link loadKy}). */
  #api(): Promise<KyInstance> {
    if (!this.#ky) {
      const made = loadKy().then((loaded) => loaded.default.create(this.#kyDefaults))
      made.catch(() => {
        if (this.#ky === made) this.#ky = undefined
      })
      this.#ky = made
    }
    return this.#ky
  }

  /**
   * ky's question before each retry of a GET. Yes for a network failure or a retried status whose
   * wait fits the deadline (ky then waits the `Retry-After` or its back-off with jitter); no when the
   * call has ended, or the server asks for a wait past `maxRetryAfter` or the deadline: that answer
   * goes back at once, with its `Retry-After`.
   */
  #shouldRetry(
    { error, retryCount }: ShouldRetryState,
    signal: AbortSignal,
    deadline: number,
  ): false | undefined {
    if (signal.aborted) return false
    const backoffMs = Math.min(backoff(retryCount), this.#retry.backoffLimit)
    if (isHTTPError(error)) {
      const { response } = error
      const seconds = RETRY_AFTER_STATUSES.includes(response.status)
        ? retryAfterSeconds(response.headers)
        : undefined
      const wait = seconds === undefined ? backoffMs : seconds * 1000
      if (seconds !== undefined && wait > this.#retry.maxRetryAfter) return false
      return Date.now() + wait < deadline ? undefined : false
    }
    // fetch's "could not reach the server" is a TypeError; anything else (an abort) is final.
    return error instanceof TypeError && Date.now() + backoffMs < deadline ? undefined : false
  }
}

type KyModule = typeof import('ky')
let kyModule: Promise<KyModule> | undefined
let loadedKy: KyModule | undefined

/**
 * ky, imported on the first call of any client rather than with the package: importing it starts
 * Node's fetch machinery (undici, ~30 ms), which the first request pays for anyway, and an import
 * that sends nothing (a CLI's `--help`, a server's start-up) should not. A failed load is retried.
 */
function loadKy(): Promise<KyModule> {
  if (!kyModule) {
    kyModule = import('ky').then((loaded) => {
      loadedKy = loaded
      return loaded
    })
    kyModule.catch(() => {
      kyModule = undefined
    })
  }
  return kyModule
}

/** ky's own guard; ky is loaded by the time a call can fail. */
const isHTTPError = (error: unknown): error is import('ky').HTTPError => loadedKy?.isHTTPError(error) === true

/** A retried answer's body is never read: release its connection before the next attempt. */
const discardFailedAnswer = ({ error }: { error: unknown }) => {
  if (isHTTPError(error)) error.response.body?.cancel().catch(() => {})
}

/**
 * ky hands `fetch` a `Request`; a wrapped fetch such as fetch-cookie reads the redirect mode and
 * headers only from its second argument (TOOLCHAIN pitfall 3), so the request is handed on as a
 * URL and a plain init: `redirect: 'manual'`, every header ky and the hooks set, and the call's
 * signal. The body goes from the dialect to fetch directly: given to ky, it would become a stream
 * that ky tees for each attempt only for it to be read back here (no hook changes a body).
 */
function unpackRequest(
  fetchImpl: FetchLike,
  body: HttpRequest['body'],
  credentials: RequestCredentials | undefined,
  signal: AbortSignal,
  ended: Promise<never>,
): FetchLike {
  return (request) => {
    // ky always calls fetch with the Request it built.
    const input = request as Request
    const headers: Record<string, string> = {}
    input.headers.forEach((value, name) => {
      headers[name] = value
    })
    const init: RequestInit = { method: input.method, headers, redirect: 'manual', signal }
    if (body !== undefined) init.body = body
    if (credentials) init.credentials = credentials
    return raceEnded(fetchImpl(input.url, init), signal, ended)
  }
}

/**
 * Some fetches ignore their signal (React Native polyfills, in-process test servers); the caller's
 * abort and the deadline must still end the call at once, as with the platform's fetch.
 */
function raceEnded<T>(pending: Promise<T>, signal: AbortSignal, ended: Promise<never>): Promise<T> {
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
