import type { CookieJarProvider, FlowCookieJar } from '../cookies/jar.js'
import { ErrorCodes } from '../errors/codes.js'
import { isRedirectlessError, RedirectlessError, redactErrorValues } from '../errors/redirectless-error.js'
import { delay } from '../http/delay.js'
import { retryAfterSeconds } from '../http/response-errors.js'
import { abortError, type SendOptions, type Transport } from '../http/transport.js'
import type { CallOptions, HttpRequest, HttpResponse } from '../http/types.js'
import type { AuthorizationResult } from '../oidc/types.js'
import type { FlowDialect, FlowSession, FlowStateBase } from './dialect.js'
import { deepFreeze } from './freeze.js'
import { assertSavedFlow, SAVED_FLOW_FORMAT, type SavedFlow } from './saved-flow.js'
import { SensitiveValues } from './sensitive-values.js'

/** Action ids mapped to their body types; `undefined` in a body type makes the body optional. */
export type ActionMap = { readonly [action: string]: unknown }

export interface SubmitOptions<State> extends CallOptions {
  /**
   * The state the caller is answering. When given and no longer current, the call fails with
   * `STALE_STATE` and sends nothing: a UI never answers a screen it did not show.
   */
  readonly state?: State
}

/** `body` is required unless the action's body type admits `undefined`. */
export type SubmitArgs<A extends ActionMap, K extends keyof A, State> = undefined extends A[K]
  ? [body?: A[K], options?: SubmitOptions<State>]
  : [body: A[K], options?: SubmitOptions<State>]

/** How `flow.poll()` waits for a status to change (push approval, an external step). */
export interface PollOptions {
  readonly signal?: AbortSignal | undefined
  /** Give up after this many ms with `TIMEOUT`. Default 120 000. */
  readonly deadline?: number | undefined
  /** Milliseconds for each poll request. Defaults to the client's timeout. */
  readonly requestTimeout?: number | undefined
  /** First pace, ms, before any back-off. Default: the product's documented pace (1 to 5 s). */
  readonly interval?: number | undefined
  /** Slowest pace, ms, however much the poller backs off. Default 10 000. */
  readonly maxInterval?: number | undefined
  /** Called with each state read while waiting (status unchanged, model maybe updated). */
  readonly onProgress?: ((state: FlowStateBase) => void) | undefined
}

/** What the dialect's `complete()` gets from the flow. */
export interface CompleteContext<State> {
  readonly state: State
  readonly session: FlowSession
  readonly transport: Transport
  /** Send options that carry this flow's cookies, signal and timeout. */
  readonly sendOptions: SendOptions
  /** Sends a request with this flow's cookies. */
  send(request: HttpRequest): Promise<HttpResponse>
}

/** What a client hands a new {@link Flow}: its dialect, transport, cookies, session and first state. */
export interface FlowInit<State extends FlowStateBase, Result> {
  readonly dialect: FlowDialect<State, Result>
  readonly transport: Transport
  readonly jar: FlowCookieJar
  readonly session: FlowSession
  readonly state: State
  readonly canceled?: boolean
  /** The clock, in ms since the epoch; `Date.now` by default (tests pass their own). */
  readonly now?: () => number
}

const DEFAULT_POLL_DEADLINE = 120_000
const DEFAULT_MAX_INTERVAL = 10_000
const BACKOFF = 1.5

/**
 * One authentication flow: its current state, the actions it offers, and the cookies and secrets
 * needed to finish it. One call at a time; the state is a frozen snapshot replaced on every answer.
 */
export class Flow<State extends FlowStateBase, Actions extends ActionMap, Result = AuthorizationResult> {
  readonly #dialect: FlowDialect<State, Result>
  readonly #transport: Transport
  readonly #jar: FlowCookieJar
  readonly #fetch: SendOptions['fetch']
  readonly #now: () => number
  #session: FlowSession
  #state: State
  #busy = false
  #canceled: boolean
  #result: Result | undefined
  #poll: { controller: AbortController; settled: Promise<unknown> } | undefined
  #lastRetryAfterMs = 0
  readonly #sensitive = new SensitiveValues()

  constructor(init: FlowInit<State, Result>) {
    this.#dialect = init.dialect
    this.#transport = init.transport
    this.#jar = init.jar
    this.#fetch = init.jar.wrap(init.transport.fetch)
    this.#session = init.session
    this.#state = deepFreeze(init.state)
    this.#canceled = init.canceled ?? false
    this.#now = init.now ?? Date.now
  }

  /** The current state: a frozen snapshot, discriminated on `status`. */
  get state(): State {
    return this.#state
  }

  /** The product this flow talks to (`pingfederate` or `pingone`). */
  get product(): string {
    return this.#dialect.product
  }

  /**
   * The actions the current state offers: its own `_links` members, minus `self`, any name
   * `Object.prototype` has (`constructor`, `__proto__`, …), which no product uses as an action, any
   * link the dialect says is not an action (a page such as PingOne's `signOnPage`), and any link this
   * client would refuse to post to (another origin than the base URL and `trustedOrigins`, a scheme
   * other than http(s)): submitting one of those is `UNTRUSTED_LINK`, before anything is sent.
   */
  get actions(): readonly string[] {
    const links = this.#state._links ?? {}
    return Object.keys(links).filter((k) => this.#isAction(k) && this.#postable(links[k]?.href))
  }

  /** Whether the current status changes by itself (a push to approve), i.e. `poll()` has something to wait for. */
  get waiting(): boolean {
    return this.#dialect.pollStep(this.#state) !== undefined
  }

  /** Whether `action` is offered by the current state (one of {@link Flow.actions}). */
  can(action: keyof Actions & string): boolean {
    return typeof action === 'string' && this.actions.includes(action)
  }

  /**
   * Posts `action` with `body` to the current state's link for it. Fails with
   * `ACTION_NOT_AVAILABLE` (nothing sent) when the state does not offer the action. A server
   * error leaves the state as it was, so the user can try again.
   */
  async submit<K extends keyof Actions & string>(
    action: K,
    ...args: SubmitArgs<Actions, K, State>
  ): Promise<State> {
    const [body, options = {}] = args as [unknown, SubmitOptions<State> | undefined]
    return this.#exclusive(options.state, () => {
      // Whatever the user typed may come back in an error; it is masked there, by value.
      this.#sensitive.add(body)
      return this.#post(action, body, options)
    })
  }

  /** Re-reads the flow from the server. */
  async refresh(options: CallOptions = {}): Promise<State> {
    return this.#exclusive(undefined, () => this.#get(options, 'refresh'))
  }

  /**
   * Waits on a status that changes by itself (a push to approve): re-reads the flow at the
   * product's pace, honours `Retry-After`, backs off while nothing changes and on passing errors,
   * and stops on a status change, on abort (`ABORTED`) or at the deadline (`TIMEOUT`). Returns at
   * once when the current status is not a waiting one.
   */
  async poll(options: PollOptions = {}): Promise<State> {
    if (!this.#dialect.pollStep(this.#state)) return this.#state
    const controller = new AbortController()
    const onAbort = () => controller.abort(options.signal?.reason)
    if (options.signal?.aborted) onAbort()
    else options.signal?.addEventListener('abort', onAbort, { once: true })
    const run = this.#exclusive(undefined, () => this.#pollLoop(controller.signal, options))
    this.#poll = { controller, settled: run.catch(() => {}) }
    try {
      return await run
    } finally {
      options.signal?.removeEventListener('abort', onAbort)
      this.#poll = undefined
    }
  }

  /**
   * Abandons the flow: stops a running poll, posts the cancel action the state offers (if any),
   * and refuses further actions with `FLOW_CANCELED`.
   */
  async cancel(options: CallOptions = {}): Promise<State> {
    const poll = this.#poll
    if (poll) {
      poll.controller.abort()
      await poll.settled
    }
    return this.#exclusive(undefined, async () => {
      const action = this.#dialect.cancelAction(this.#state)
      const next =
        action && this.#state._links?.[action]
          ? await this.#post(action, undefined, options, true)
          : this.#state
      this.#canceled = true
      return next
    })
  }

  /**
   * Finishes a `COMPLETED` flow: checks the authorization response and its `state`, exchanges the
   * code with the PKCE verifier, validates the id_token. Calling it again returns the same result.
   */
  async complete(options: CallOptions = {}): Promise<Result> {
    if (this.#result !== undefined) return this.#result
    return this.#exclusive(undefined, async () => {
      const sendOptions = this.#sendOptions(options)
      const result = await this.#dialect.complete({
        state: this.#state,
        session: this.#session,
        transport: this.#transport,
        sendOptions,
        send: (request) => this.#transport.send(request, sendOptions),
      })
      this.#result = result
      this.#sensitive.add((result as { tokens?: unknown }).tokens)
      return result
    })
  }

  /** The flow as plain JSON (state, PKCE verifier, nonce, `state`, cookies), for `restoreFlow()`. */
  toJSON(): SavedFlow<State> {
    return {
      format: SAVED_FLOW_FORMAT,
      product: this.#dialect.product,
      state: this.#state,
      session: this.#session,
      cookies: this.#jar.toJSON(),
      ...(this.#canceled && { canceled: true }),
    }
  }

  async #exclusive<T>(expected: State | undefined, run: () => Promise<T>): Promise<T> {
    if (this.#busy) {
      throw new RedirectlessError(
        ErrorCodes.STALE_STATE,
        'Another call on this flow is under way; wait for it first',
        {
          flowStatus: this.#state.status,
        },
      )
    }
    if (expected !== undefined && expected !== this.#state) {
      throw new RedirectlessError(
        ErrorCodes.STALE_STATE,
        'That state is no longer current; answer flow.state instead',
        {
          flowStatus: this.#state.status,
        },
      )
    }
    if (this.#canceled) {
      throw new RedirectlessError(ErrorCodes.FLOW_CANCELED, 'This flow was cancelled; start a new one', {
        flowStatus: this.#state.status,
      })
    }
    this.#busy = true
    try {
      return await run()
    } catch (error) {
      throw isRedirectlessError(error) ? redactErrorValues(error, this.#sensitiveValues()) : error
    } finally {
      this.#busy = false
    }
  }

  /** The one rule `actions`, `can` and `submit` share for what a link name may be posted as. */
  #isAction(name: string): boolean {
    return name !== 'self' && !(name in Object.prototype) && (this.#dialect.isAction?.(name) ?? true)
  }

  /** Whether the transport would send to this link (a trusted origin, http or https). */
  #postable(href: unknown): boolean {
    if (typeof href !== 'string') return false
    try {
      this.#transport.resolve(href)
      return true
    } catch {
      return false
    }
  }

  /** Everything this flow sent or received that an error must not show (see {@link SensitiveValues}). */
  #sensitiveValues(): string[] {
    const { request } = this.#session
    const received = (this.#state as { authorizeResponse?: unknown }).authorizeResponse
    const extra = this.#jar.values?.() ?? []
    const values = new SensitiveValues()
    values.add([request.codeVerifier, request.state, request.nonce, received])
    return this.#sensitive.list([...extra, ...values.list()])
  }

  #sendOptions(options: CallOptions): SendOptions {
    return { fetch: this.#fetch, signal: options.signal, timeout: options.timeout }
  }

  /** A call to the flow's own endpoint: the dialect's header hooks see its session. */
  #flowCallOptions(options: CallOptions): SendOptions {
    return { ...this.#sendOptions(options), context: { flow: this.#session } }
  }

  async #post(action: string, body: unknown, options: CallOptions, canceling = false): Promise<State> {
    const response = await this.#send(action, body, options)
    return this.#accept(response, canceling ? `cancel (${action})` : action)
  }

  async #get(options: CallOptions, operation: string): Promise<State> {
    return this.#accept(await this.#send(undefined, undefined, options), operation)
  }

  /** POSTs `action` to its link or, with no action, GETs the state's `self` link. */
  #send(action: string | undefined, body: unknown, options: CallOptions): Promise<HttpResponse> {
    const state = this.#state
    const name = action ?? 'self'
    // Own members only, and no prototype name even when a hostile server sends one as its own:
    // `_links.constructor` would otherwise be Object's, and its missing href post to
    // `{base}/undefined` with the caller's body (invariant 12).
    const links = state._links
    const link =
      links && typeof name === 'string' && Object.hasOwn(links, name) && !(name in Object.prototype)
        ? links[name]
        : undefined
    // A link that is not an action (self, a page) is never posted to, whatever the caller asks.
    if (!link || typeof link.href !== 'string' || (action !== undefined && !this.#isAction(action))) {
      throw new RedirectlessError(
        ErrorCodes.ACTION_NOT_AVAILABLE,
        action === undefined
          ? `${state.status} has no self link to read`
          : `${state.status} does not offer "${String(action).slice(0, 64)}"; it offers ${this.actions.map((a) => `"${a}"`).join(', ') || 'nothing'}`,
        { flowStatus: state.status },
      )
    }
    const href = this.#transport.resolve(link.href)
    const request =
      action === undefined
        ? this.#dialect.refreshRequest(state, href, this.#session)
        : this.#dialect.actionRequest(state, action, body, href, this.#session)
    return this.#transport.send(request, this.#flowCallOptions(options))
  }

  #accept(response: HttpResponse, operation: string): State {
    const { state, session } = this.#dialect.parse(response, {
      operation,
      previous: this.#state,
      session: this.#session,
    })
    if (session) this.#session = session
    this.#state = deepFreeze(state)
    return this.#state
  }

  async #pollLoop(signal: AbortSignal, options: PollOptions): Promise<State> {
    const deadline = this.#now() + (options.deadline ?? DEFAULT_POLL_DEADLINE)
    const maxInterval = options.maxInterval ?? DEFAULT_MAX_INTERVAL
    const startStatus = this.#state.status
    let interval = options.interval ?? this.#dialect.pollStep(this.#state)?.intervalMs ?? 1000
    if (!(interval > 0))
      throw new RedirectlessError(
        ErrorCodes.INVALID_ARGUMENT,
        'poll interval must be a positive number of ms',
      )
    for (;;) {
      const step = this.#dialect.pollStep(this.#state)
      if (!step || this.#state.status !== startStatus) return this.#state
      const wait = Math.max(interval, this.#lastRetryAfterMs)
      const left = deadline - this.#now()
      if (left <= wait) {
        throw new RedirectlessError(ErrorCodes.TIMEOUT, `Still ${startStatus} at the polling deadline`, {
          flowStatus: startStatus,
        })
      }
      await delay(wait, signal).catch(() => {
        throw abortError(signal, 'Polling')
      })
      const callOptions = { signal, timeout: Math.min(options.requestTimeout ?? left - wait, left - wait) }
      try {
        // An action poll whose link is gone falls back to reading the state.
        const action =
          step.kind === 'action' && step.action && this.#state._links?.[step.action] ? step.action : undefined
        const response = await this.#send(action, undefined, callOptions)
        this.#lastRetryAfterMs = (retryAfterSeconds(response.headers) ?? 0) * 1000
        const state = this.#accept(response, 'poll')
        if (state.status !== startStatus) return state
        options.onProgress?.(state)
        interval = Math.min(interval * BACKOFF, maxInterval)
      } catch (error) {
        // Passing trouble (network, 5xx, 429) is waited out until the deadline; the rest ends the poll.
        if (!isRedirectlessError(error) || !error.retryable || signal.aborted) throw error
        // The server's Retry-After is its pace; without one, back off.
        this.#lastRetryAfterMs = (error.retryAfter ?? 0) * 1000
        if (error.retryAfter === undefined) interval = Math.min(interval * 2, maxInterval)
      }
    }
  }
}

/** Sends the authorization request and wraps its first state in a {@link Flow}. */
export async function startFlow<State extends FlowStateBase, Actions extends ActionMap, Result>(input: {
  readonly dialect: FlowDialect<State, Result>
  readonly transport: Transport
  readonly cookies: CookieJarProvider
  readonly session: FlowSession
  readonly request: HttpRequest
  readonly options?: CallOptions | undefined
  readonly now?: (() => number) | undefined
}): Promise<Flow<State, Actions, Result>> {
  const jar = input.cookies.create()
  let parsed: ReturnType<typeof input.dialect.parse>
  try {
    const response = await input.transport.send(input.request, {
      fetch: jar.wrap(input.transport.fetch),
      signal: input.options?.signal,
      timeout: input.options?.timeout,
      // An authorize starts a flow (PingOne's also sends an OTP): never sent twice (invariant 9).
      retry: false,
    })
    parsed = input.dialect.parse(response, { operation: 'authorize', session: input.session })
  } catch (error) {
    throw isRedirectlessError(error) ? redactErrorValues(error, authorizeValues(input)) : error
  }
  const { state, session } = parsed
  return new Flow<State, Actions, Result>({
    dialect: input.dialect,
    transport: input.transport,
    jar,
    session: session ?? input.session,
    state,
    ...(input.now && { now: input.now }),
  })
}

/** What an authorize request carried that an error must not show: the session's secrets, the JWTs. */
function authorizeValues(input: { readonly session: FlowSession; readonly request: HttpRequest }): string[] {
  const values = new SensitiveValues()
  const { request } = input.session
  values.add([request.codeVerifier, request.state, request.nonce])
  const params = new URLSearchParams(
    typeof input.request.body === 'string'
      ? input.request.body
      : (input.request.body ?? new URL(input.request.url).search),
  )
  for (const name of ['login_hint_token', 'request', 'login_hint']) values.add(params.get(name) ?? undefined)
  return values.list()
}

/** Rebuilds a {@link Flow} from `flow.toJSON()`, in this process or another. */
export function restoreFlow<State extends FlowStateBase, Actions extends ActionMap, Result>(input: {
  readonly dialect: FlowDialect<State, Result>
  readonly transport: Transport
  readonly cookies: CookieJarProvider
  readonly saved: unknown
  readonly now?: (() => number) | undefined
}): Flow<State, Actions, Result> {
  assertSavedFlow(input.saved, input.dialect.product)
  const saved = structuredClone(input.saved) as SavedFlow<State>
  return new Flow<State, Actions, Result>({
    dialect: input.dialect,
    transport: input.transport,
    jar: input.cookies.restore(saved.cookies),
    session: saved.session,
    state: saved.state,
    canceled: saved.canceled === true,
    ...(input.now && { now: input.now }),
  })
}
