/**
 * The fault matrix: every fault the emulator can inject × every client operation × both products,
 * each cell with the outcome it must end in. Shared by the in-process suite and the loopback-HTTP
 * child process, so both run exactly the same cells.
 */
import type { AuthorizationResult, ErrorCode } from '@redirectless/core'
import { isRedirectlessError } from '@redirectless/core'
import type { Emulator, EmulatorOptions, Fault, Product, RouteName } from '@redirectless/emulator'
import type { PingFederateFlow } from '@redirectless/pingfederate'
import type { PingOneFlow } from '@redirectless/pingone'
import type { ExpectStatic } from 'vitest'
import {
  FAST_RETRY,
  FAST_TIMEOUT,
  loginHintFor,
  otpFor,
  PASSWORD,
  p1Client,
  pfClient,
  pingOneId,
} from '../support/clients.js'
import { finishPingFederate, finishPingOne } from '../support/drive.js'
import { type RecordingFetch, recordingFetch } from '../support/recording-fetch.js'

type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

export const PRODUCTS: readonly Product[] = ['pingfederate', 'pingone']

/** The emulator every cell runs against: ann gets a push after her password at PingFederate. */
export const MATRIX_EMULATOR: EmulatorOptions = {
  pingFederate: { mfa: { type: 'push', approveAfterPolls: 1, users: ['ann'] } },
}

export interface Operation {
  readonly name: string
  /** The emulator route (and method) the fault is scoped to: the request this operation makes. */
  readonly route: RouteName
  readonly method: 'GET' | 'POST'
  readonly products: readonly Product[]
  /** Whether the answer is a flow state the dialect parses (rather than a token, key or discovery body). */
  readonly flowState: boolean
}

export const OPERATIONS: readonly Operation[] = [
  { name: 'start', route: 'authorize', method: 'GET', products: PRODUCTS, flowState: true },
  { name: 'start (form POST)', route: 'authorize', method: 'POST', products: PRODUCTS, flowState: true },
  { name: 'submit', route: 'flow', method: 'POST', products: PRODUCTS, flowState: true },
  { name: 'refresh', route: 'flow', method: 'GET', products: PRODUCTS, flowState: true },
  { name: 'poll', route: 'flow', method: 'GET', products: PRODUCTS, flowState: true },
  { name: 'complete: resume', route: 'resume', method: 'GET', products: ['pingone'], flowState: false },
  { name: 'complete: discovery', route: 'discovery', method: 'GET', products: PRODUCTS, flowState: false },
  { name: 'complete: token exchange', route: 'token', method: 'POST', products: PRODUCTS, flowState: false },
  { name: 'complete: jwks', route: 'jwks', method: 'GET', products: PRODUCTS, flowState: false },
]

/** What a cell must end in. */
export type Expectation =
  | {
      readonly outcome: 'error'
      readonly code: ErrorCode
      /** Requests the operation sent to the faulted route: exactly, or at least (a poll's re-reads). */
      readonly attempts: number
      readonly attemptsAtLeast?: true
      readonly status?: number
      readonly retryAfter?: number
      readonly minElapsedMs?: number
      /** The server never saw the request, so the flow (or the code) is still good: carrying on must work. */
      readonly recoverable?: true
    }
  | {
      readonly outcome: 'ok'
      readonly attempts: number
      readonly minElapsedMs?: number
      /** The answer's links now point elsewhere: the next call that follows one is `UNTRUSTED_LINK`. */
      readonly untrustedLinks?: true
    }

export interface FaultCase {
  readonly name: string
  readonly fault: (op: Operation) => Fault
  /** Limits the rule to this many hits; unlimited (the fault persists) when absent. */
  readonly times?: number
  readonly expect: (op: Operation) => Expectation
  /** Takes long enough (a timeout, a Retry-After wait) that its cells run side by side. */
  readonly slow?: (op: Operation) => boolean
}

export const isPoll = (op: Operation) => op.name === 'poll'
/** A cell's poll gives up at this deadline; long enough for one read at the product's pace. */
export const POLL_DEADLINE: Readonly<Record<Product, number>> = { pingfederate: 2_000, pingone: 2_500 }

const error = (code: ErrorCode, attempts: number, extra: Partial<Expectation> = {}): Expectation =>
  ({ outcome: 'error', code, attempts, ...extra }) as Expectation
const ok = (attempts: number, extra: Partial<Expectation> = {}): Expectation =>
  ({ outcome: 'ok', attempts, ...extra }) as Expectation

/**
 * A passing server-side trouble (5xx, 429, reset): a GET is retried (twice: `FAST_RETRY.limit`), a
 * POST or an authorize never is (invariants 4 and 9), and a poll waits it out until its deadline.
 */
function transient(
  name: string,
  fault: Fault,
  code: ErrorCode,
  options: { readonly once: boolean; readonly status?: number; readonly retryAfter?: number },
): FaultCase {
  const waitMs = (options.retryAfter ?? 0) * 1000
  const http = {
    ...(options.status !== undefined && { status: options.status }),
    ...(options.retryAfter !== undefined && { retryAfter: options.retryAfter }),
  }
  return {
    name: `${name} (${options.once ? 'once' : 'persistent'})`,
    fault: () => fault,
    ...(options.once && { times: 1 }),
    expect: (op) => {
      if (isPoll(op)) return options.once ? ok(2) : error('TIMEOUT', 3, { attemptsAtLeast: true })
      // The server never saw the request, so the login can carry on, except after a JWKS failure:
      // by then the code has been exchanged and cannot be used again.
      const recoverable = op.route === 'jwks' ? {} : { recoverable: true as const }
      // An authorize is never sent twice, GET or POST: it starts a flow, and PingOne's sends an OTP.
      if (op.method === 'POST' || op.route === 'authorize') return error(code, 1, { ...http, ...recoverable })
      return options.once
        ? ok(2, { minElapsedMs: waitMs })
        : error(code, FAST_RETRY.limit + 1, { ...http, minElapsedMs: 2 * waitMs, ...recoverable })
    },
    slow: (op) => waitMs > 0 && op.method === 'GET' && op.route !== 'authorize',
  }
}

/** A fault that no retry can help: one request, then the coded error (a poll may say otherwise). */
function fatal(
  name: string,
  fault: Fault,
  code: ErrorCode,
  options: { readonly status?: number; readonly retryAfter?: number; readonly poll?: Expectation } = {},
): FaultCase {
  return {
    name,
    fault: () => fault,
    expect: (op) =>
      isPoll(op) && options.poll
        ? options.poll
        : error(code, 1, {
            ...(options.status !== undefined && { status: options.status }),
            ...(options.retryAfter !== undefined && { retryAfter: options.retryAfter }),
          }),
  }
}

// What each operation's answer must have, for the missing-fields fault to take it away.
const ESSENTIAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  resume: ['authorizeResponse'],
  discovery: ['jwks_uri'],
  token: ['access_token'],
  jwks: ['keys'],
}

export const FAULTS: readonly FaultCase[] = [
  {
    name: 'latency past the timeout',
    fault: () => ({ kind: 'latency', ms: 1_500 }),
    // ky never retries a timeout; a poll treats it as passing trouble and gives up at its deadline.
    expect: (op) => (isPoll(op) ? error('TIMEOUT', 1, { attemptsAtLeast: true }) : error('TIMEOUT', 1)),
    slow: () => true,
  },
  ...[500, 502, 503].flatMap((status) =>
    [false, true].map((once) =>
      transient(`HTTP ${status}`, { kind: 'status', status }, 'SERVER_ERROR', { once, status }),
    ),
  ),
  // A wait that fits the call's deadline is waited for, then the GET is retried.
  ...[false, true].map((once) =>
    transient('429, Retry-After 0 s', { kind: 'status', status: 429, retryAfter: 0 }, 'RATE_LIMITED', {
      once,
      status: 429,
      retryAfter: 0,
    }),
  ),
  // A wait longer than what is left of the call's deadline (the client's timeout bounds retries
  // too) is not waited for: the caller gets RATE_LIMITED with the server's retryAfter at once.
  ...[false, true].map(
    (once): FaultCase => ({
      name: `429, Retry-After 1 s, past the call's timeout (${once ? 'once' : 'persistent'})`,
      fault: () => ({ kind: 'status', status: 429, retryAfter: 1 }),
      ...(once && { times: 1 }),
      expect: (op) => {
        // The product's pace plus a one-second wait does not fit a poll cell's short deadline.
        if (isPoll(op)) return error('TIMEOUT', 1, { attemptsAtLeast: true })
        const recoverable = op.route === 'jwks' ? {} : { recoverable: true as const }
        return error('RATE_LIMITED', 1, { status: 429, retryAfter: 1, ...recoverable })
      },
      slow: (op) => isPoll(op),
    }),
  ),
  // Longer than the client's maxRetryAfter: not waited for, even on a GET; a poll cannot wait it out.
  fatal('429, Retry-After 1 h', { kind: 'status', status: 429, retryAfter: 3600 }, 'RATE_LIMITED', {
    status: 429,
    retryAfter: 3600,
    poll: error('TIMEOUT', 1),
  }),
  ...[false, true].map((once) => transient('connection reset', { kind: 'reset' }, 'NETWORK_ERROR', { once })),
  fatal('truncated JSON', { kind: 'truncate' }, 'INVALID_RESPONSE'),
  fatal('malformed JSON', { kind: 'malformed' }, 'INVALID_RESPONSE'),
  ...[false, true].map((once) =>
    transient('HTML error page from a proxy', { kind: 'html' }, 'SERVER_ERROR', { once, status: 502 }),
  ),
  // A 5xx no retry list names: not retried, but still passing trouble to a poll.
  fatal('HTTP 599 (a status nobody documents)', { kind: 'status', status: 599 }, 'SERVER_ERROR', {
    status: 599,
    poll: error('TIMEOUT', 1, { attemptsAtLeast: true }),
  }),
  {
    name: 'unknown flow status',
    fault: () => ({ kind: 'unknown-status' }),
    // Token, discovery, JWKS and resume answers are not flow states: an extra member is ignored.
    expect: (op) => (op.flowState ? error('INVALID_RESPONSE', 1) : ok(1)),
  },
  {
    name: 'missing fields',
    fault: (op) => {
      const fields = ESSENTIAL_FIELDS[op.route]
      return fields ? { kind: 'missing-fields', fields: [...fields] } : { kind: 'missing-fields' }
    },
    expect: () => error('INVALID_RESPONSE', 1),
  },
  fatal('302 redirect', { kind: 'redirect' }, 'UNEXPECTED_REDIRECT', { status: 302 }),
  {
    name: 'link to a foreign origin',
    fault: () => ({ kind: 'foreign-link' }),
    expect: (op) => (op.flowState ? ok(1, { untrustedLinks: true }) : ok(1)),
  },
  {
    name: 'http: links (TLS-terminating proxy)',
    fault: () => ({ kind: 'http-links' }),
    expect: () => ok(1),
  },
]

export interface Cell {
  readonly name: string
  readonly product: Product
  readonly operation: Operation
  readonly fault: FaultCase
  readonly expectation: Expectation
  readonly slow: boolean
}

/** Every applicable cell of the matrix, for one product. */
export function cellsFor(product: Product): Cell[] {
  return OPERATIONS.filter((op) => op.products.includes(product)).flatMap((operation) =>
    FAULTS.map((fault) => ({
      name: `${fault.name} × ${operation.name}`,
      product,
      operation,
      fault,
      expectation: fault.expect(operation),
      slow: isPoll(operation) || (fault.slow?.(operation) ?? false),
    })),
  )
}

/** What a cell did, as plain JSON (the HTTP child sends it to the parent). */
export interface CellOutcome {
  readonly outcome: 'ok' | 'error'
  readonly code?: string
  /** Set when the operation failed with something other than a RedirectlessError (a bug). */
  readonly uncoded?: string
  readonly status?: number
  readonly retryAfter?: number
  readonly retryable?: boolean
  readonly attempts: number
  readonly elapsedMs: number
  /** After a failed flow call: whether `flow.state` is still the snapshot it was before. */
  readonly stateKept?: boolean
  /** Codes of the calls that followed a foreign link (refresh, and for PingOne complete). */
  readonly followUp?: readonly string[]
  /** The links the fault rewrote, to show it hit. */
  readonly selfLink?: string
  /** The subject the login finished with, after the fault was lifted. */
  readonly sub?: string
  readonly expectedSub: string
  readonly finishError?: string
  readonly foreignRequests: number
}

interface Prepared {
  readonly run: () => Promise<unknown>
  readonly flow: () => PingFederateFlow | PingOneFlow | undefined
  /** Carries the login on from wherever it is, after the fault is lifted. */
  readonly finish: () => Promise<AuthorizationResult>
  readonly expectedSub: string
}

// The steps that bring a flow to the operation under test are not what the cell measures: they get
// far more time than the client's deliberately tiny timeout.
const SETUP_CALL = { timeout: 10_000 } as const

/**
 * Makes both halves' RSA signing keys now. The emulator makes them on first use, which takes 100 ms
 * or more on a busy machine: more than a cell's client timeout. Reading each JWKS directly (not
 * through a client, so nothing is cached or counted) does it before any cell runs.
 */
export async function warmEmulator(emu: Emulator): Promise<Emulator> {
  for (const url of [emu.pingFederate.endpoints.jwks, `${emu.pingOne.issuer}/jwks`]) {
    const response = await emu.fetch(url)
    await response.body?.cancel()
  }
  return emu
}

/**
 * Emulators for cells that run side by side. Faults are emulator-wide, so a cell holds one alone;
 * reusing them keeps the number of RSA key pairs made (two per emulator) small. `prewarm()` makes
 * them one after another in the background, leaving the other core to whatever runs meanwhile.
 */
export function emulatorPool(create: () => Promise<Emulator>, size: number) {
  const idle: Emulator[] = []
  const all: Emulator[] = []
  const waiting: ((emu: Emulator) => void)[] = []
  let creating = 0
  const release = (emu: Emulator) => {
    emu.faults.clear()
    const next = waiting.shift()
    if (next) next(emu)
    else idle.push(emu)
  }
  const grow = async () => {
    creating++
    try {
      const emu = await create()
      all.push(emu)
      release(emu)
    } finally {
      creating--
    }
  }
  const acquire = (): Promise<Emulator> => {
    const emu = idle.pop()
    if (emu) return Promise.resolve(emu)
    if (all.length + creating < size) void grow()
    return new Promise((resolve) => waiting.push(resolve))
  }
  return {
    async prewarm(): Promise<void> {
      while (all.length + creating < size) await grow()
    },
    async use<T>(run: (emu: Emulator) => Promise<T>): Promise<T> {
      const emu = await acquire()
      try {
        return await run(emu)
      } finally {
        release(emu)
      }
    },
    close: () => Promise.all(all.map((e) => e.close())),
  }
}

const describeError = (e: unknown) =>
  isRedirectlessError(e) ? e.code : `${(e as Error)?.name}: ${(e as Error)?.message}`

async function preparePingFederate(emu: Emulator, rec: RecordingFetch, op: Operation): Promise<Prepared> {
  const client = pfClient(emu, rec.fetch, { timeout: FAST_TIMEOUT, retry: FAST_RETRY })
  const user = isPoll(op) ? 'ann' : 'joe'
  const method = op.name === 'start (form POST)' ? 'POST' : 'GET'
  const start = (call = {}) => client.startFlow({ scope: 'openid profile', method }, call)
  let flow: PingFederateFlow | undefined
  const finish = async () => {
    flow ??= await start(SETUP_CALL)
    return finishPingFederate(flow, user)
  }
  const base = { flow: () => flow, finish, expectedSub: user }
  if (op.route === 'authorize') {
    return {
      ...base,
      run: async () => {
        flow = await start()
      },
    }
  }
  flow = await start(SETUP_CALL)
  const current = flow
  const password = { username: user, password: PASSWORD }
  switch (op.name) {
    case 'submit':
      return { ...base, run: () => current.submit('checkUsernamePassword', password) }
    case 'refresh':
      return { ...base, run: () => current.refresh() }
    case 'poll':
      await current.submit('checkUsernamePassword', password, SETUP_CALL)
      if (current.state.status !== 'PUSH_CONFIRMATION_WAITING')
        throw new Error(`ann is at ${current.state.status}`)
      return {
        ...base,
        run: () => current.poll({ deadline: POLL_DEADLINE.pingfederate, requestTimeout: FAST_TIMEOUT }),
      }
    default:
      await current.submit('checkUsernamePassword', password, SETUP_CALL)
      return { ...base, run: () => current.complete() }
  }
}

async function preparePingOne(emu: Emulator, rec: RecordingFetch, op: Operation): Promise<Prepared> {
  const client = p1Client(emu, rec.fetch, { timeout: FAST_TIMEOUT, retry: FAST_RETRY })
  const user = isPoll(op) ? 'ann' : 'joe'
  const loginHintToken = await loginHintFor(emu, user)
  const method = op.name === 'start (form POST)' ? 'POST' : 'GET'
  const start = (call = {}) =>
    client.startFlow({ scope: 'openid', acrValues: 'MFA-Only', loginHintToken, method }, call)
  let flow: PingOneFlow | undefined
  const finish = async () => {
    flow ??= await start(SETUP_CALL)
    return finishPingOne(flow, emu, user)
  }
  const base = { flow: () => flow, finish, expectedSub: pingOneId(emu, user) }
  if (op.route === 'authorize') {
    return {
      ...base,
      run: async () => {
        flow = await start()
      },
    }
  }
  flow = await start(SETUP_CALL)
  const current = flow
  const otp = () => ({ otp: otpFor(emu, user, current.state.id) })
  switch (op.name) {
    case 'submit':
      return { ...base, run: () => current.submit('otp.check', otp()) }
    case 'refresh':
      return { ...base, run: () => current.refresh() }
    case 'poll': {
      const state = current.state
      if (state.status !== 'DEVICE_SELECTION_REQUIRED') throw new Error(`ann is at ${state.status}`)
      const phone = state._embedded.devices.find((d) => d.type === 'MOBILE')
      if (!phone) throw new Error('ann has no MOBILE device')
      await current.submit('device.select', { device: { id: phone.id } }, SETUP_CALL)
      // Approved before the first read, so the poll's first successful GET sees COMPLETED.
      emu.push.approve(user)
      return {
        ...base,
        run: () => current.poll({ deadline: POLL_DEADLINE.pingone, requestTimeout: FAST_TIMEOUT }),
      }
    }
    default:
      await current.submit('otp.check', otp(), SETUP_CALL)
      return { ...base, run: () => current.complete() }
  }
}

// Longer than any cell can legitimately take (a poll deadline plus two Retry-After waits).
const CELL_DEADLINE_MS = 10_000

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`HANG: nothing settled in ${ms} ms`)), ms)
  })
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
}

/**
 * Runs one cell: brings a flow to just before the operation with no fault, injects the fault
 * (scoped to the product, route and method the operation uses), runs the operation, lifts the
 * fault, and then checks that the login can be carried on where it should be.
 */
export async function runCell(cell: Cell, emu: Emulator, baseFetch: FetchLike): Promise<CellOutcome> {
  const { operation: op, product, expectation } = cell
  const rec = recordingFetch(emu, baseFetch)
  const prepared =
    product === 'pingfederate' ? await preparePingFederate(emu, rec, op) : await preparePingOne(emu, rec, op)
  const removeFault = emu.faults.add({
    product,
    route: op.route,
    method: op.method,
    fault: cell.fault.fault(op),
    ...(cell.fault.times !== undefined && { times: cell.fault.times }),
  })
  const before = prepared.flow()?.state
  const mark = rec.sent.length
  const started = performance.now()
  let out: Record<string, unknown> & { outcome: 'ok' | 'error' }
  try {
    await withDeadline(prepared.run(), CELL_DEADLINE_MS)
    out = { outcome: 'ok' }
  } catch (e) {
    out = isRedirectlessError(e)
      ? {
          outcome: 'error',
          code: e.code,
          retryable: e.retryable,
          ...(e.status !== undefined && { status: e.status }),
          ...(e.retryAfter !== undefined && { retryAfter: e.retryAfter }),
        }
      : { outcome: 'error', uncoded: describeError(e) }
  }
  const elapsedMs = performance.now() - started
  const attempts = rec.since(mark, { product, route: op.route, method: op.method }).length
  removeFault()

  const flow = prepared.flow()
  if (out.outcome === 'error' && before !== undefined) out.stateKept = flow?.state === before
  const carryOn =
    expectation.outcome === 'ok'
      ? out.outcome === 'ok'
      : expectation.recoverable === true && out.code !== undefined
  if (out.outcome === 'ok' && expectation.outcome === 'ok' && expectation.untrustedLinks) {
    out.selfLink = flow?.state._links?.self?.href
    const followUp: string[] = []
    await flow?.refresh().then(
      () => followUp.push('refresh succeeded'),
      (e: unknown) => followUp.push(describeError(e)),
    )
    if (product === 'pingone' && flow?.state.status === 'COMPLETED') {
      await flow.complete().then(
        () => followUp.push('complete succeeded'),
        (e: unknown) => followUp.push(describeError(e)),
      )
    }
    out.followUp = followUp
  } else if (carryOn) {
    try {
      const result = await withDeadline(prepared.finish(), CELL_DEADLINE_MS)
      if (result.claims?.sub !== undefined) out.sub = result.claims.sub
    } catch (e) {
      out.finishError = describeError(e)
    }
  }
  return {
    ...out,
    attempts,
    elapsedMs,
    expectedSub: prepared.expectedSub,
    foreignRequests: rec.sent.filter((r) => r.product === 'foreign').length,
  } as CellOutcome
}

// Which codes say "calling again may work" (RedirectlessError.retryable).
const RETRYABLE: Readonly<Record<string, boolean>> = {
  TIMEOUT: true,
  SERVER_ERROR: true,
  RATE_LIMITED: true,
  NETWORK_ERROR: true,
  INVALID_RESPONSE: false,
  UNEXPECTED_REDIRECT: false,
  UNTRUSTED_LINK: false,
}

/** Asserts that a cell ended where its expectation says. */
export function checkCell(expect: ExpectStatic, cell: Cell, o: CellOutcome | undefined): void {
  if (!o) throw new Error(`no outcome for ${cell.product}: ${cell.name}`)
  const e = cell.expectation
  // One comparison for the headline, so a failing cell shows everything at once.
  expect({ outcome: o.outcome, code: o.code, uncoded: o.uncoded }).toEqual({
    outcome: e.outcome,
    code: e.outcome === 'error' ? e.code : undefined,
    uncoded: undefined,
  })
  expect(o.foreignRequests, 'requests sent to a foreign origin').toBe(0)
  if (e.outcome === 'error' && e.attemptsAtLeast) expect(o.attempts).toBeGreaterThanOrEqual(e.attempts)
  else expect(o.attempts, `requests to ${cell.operation.method} ${cell.operation.route}`).toBe(e.attempts)
  // Timers fire a millisecond or so early on some platforms.
  if (e.minElapsedMs) expect(o.elapsedMs).toBeGreaterThanOrEqual(e.minElapsedMs - 20)
  if (e.outcome === 'error') {
    if (e.status !== undefined) expect(o.status).toBe(e.status)
    if (e.retryAfter !== undefined) expect(o.retryAfter).toBe(e.retryAfter)
    expect(o.retryable, 'retryable').toBe(RETRYABLE[e.code])
    if (o.stateKept !== undefined) expect(o.stateKept, 'the flow kept its state').toBe(true)
    if (e.recoverable)
      expect({ sub: o.sub, error: o.finishError }).toEqual({ sub: o.expectedSub, error: undefined })
    return
  }
  if (e.untrustedLinks) {
    expect(o.selfLink).toMatch(/^https:\/\/attacker\.example\//)
    expect(o.followUp?.length).toBeGreaterThan(0)
    for (const code of o.followUp ?? []) expect(code).toBe('UNTRUSTED_LINK')
    return
  }
  expect({ sub: o.sub, error: o.finishError }).toEqual({ sub: o.expectedSub, error: undefined })
}

/** `[name, cell]` pairs, so vitest prints each cell's whole name (it shortens objects in titles). */
export const named = (cells: readonly Cell[]) => cells.map((cell) => [cell.name, cell] as const)
