/**
 * How much and how long the emulator lets a client send before it answers. Every field has a
 * default ({@link defaultEmulatorLimits}); pass any subset as `createEmulator({ limits: { … } })`.
 *
 * Over the limits the answer is a JSON error in the product's own envelope (PingFederate
 * `{ code, message }`, PingOne `{ id, code, message }`), never an empty body, and the connection
 * is closed after it.
 */
export interface EmulatorLimits {
  /**
   * The largest request body accepted, in bytes (default 65536, 64 KiB: a FIDO2 assertion or a
   * signed `request` object is a few KiB). A `Content-Length` above it is refused before a byte
   * of the body is read; a body without one (chunked, or a stream in-process) is refused as soon
   * as it grows past it, without reading the rest. Both answer 413.
   */
  readonly maxBodyBytes: number
  /**
   * How long a request body may take to arrive, in milliseconds, counted from the moment the
   * emulator starts reading it (default 10000). A body still trickling in at the deadline is
   * answered 408. In-process and over HTTP.
   */
  readonly bodyTimeoutMs: number
  /**
   * `startEmulator` only: how long a client may take to send the request line and headers, in
   * milliseconds (Node's `server.headersTimeout`; default 10000, at most `requestTimeoutMs`). A
   * connection that sends nothing, or trickles its headers, is answered 408 and closed.
   */
  readonly headersTimeoutMs: number
  /**
   * `startEmulator` only: how long a client may take to send a whole request, headers and body,
   * in milliseconds (Node's `server.requestTimeout`; default 30000). A backstop behind
   * `headersTimeoutMs` and `bodyTimeoutMs`: 408 and the connection closed.
   */
  readonly requestTimeoutMs: number
}

/** The defaults: 64 KiB bodies, 10 s for a body or for headers, 30 s for a whole request. */
export const defaultEmulatorLimits: EmulatorLimits = {
  maxBodyBytes: 64 * 1024,
  bodyTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
}

/**
 * Fills the defaults in and checks the values: each must be a positive integer (0 bytes is
 * allowed for `maxBodyBytes`: no body at all). `headersTimeoutMs` is capped at `requestTimeoutMs`,
 * as Node requires.
 *
 * @throws RangeError for a value that is not a (positive) integer.
 */
export function resolveLimits(options: Partial<EmulatorLimits> = {}): EmulatorLimits {
  const merged = { ...defaultEmulatorLimits, ...definedOnly(options) }
  check('maxBodyBytes', merged.maxBodyBytes, 0)
  check('bodyTimeoutMs', merged.bodyTimeoutMs, 1)
  check('headersTimeoutMs', merged.headersTimeoutMs, 1)
  check('requestTimeoutMs', merged.requestTimeoutMs, 1)
  return { ...merged, headersTimeoutMs: Math.min(merged.headersTimeoutMs, merged.requestTimeoutMs) }
}

/** The `node:http` server options that enforce the header and request deadlines. */
export function serverTimeouts(limits: EmulatorLimits): {
  readonly headersTimeout: number
  readonly requestTimeout: number
  readonly connectionsCheckingInterval: number
} {
  const headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs)
  return {
    headersTimeout,
    requestTimeout: limits.requestTimeoutMs,
    // Node checks the deadlines on this interval (30 s by default, which would let a slow client
    // outstay its deadline by as much): a quarter of the shortest deadline, between 10 ms and 1 s.
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(headersTimeout / 4))),
  }
}

/** The known fields that are set (a JSON config may carry `undefined`s or stray keys). */
function definedOnly(options: Partial<EmulatorLimits>): Partial<EmulatorLimits> {
  const keys = Object.keys(defaultEmulatorLimits) as (keyof EmulatorLimits)[]
  return Object.fromEntries(keys.filter((k) => options[k] !== undefined).map((k) => [k, options[k]]))
}

function check(name: keyof EmulatorLimits, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`limits.${name} must be an integer of at least ${min}.`)
  }
}
