const VALUES = new WeakMap<object, unknown>()
const TRANSIENT = new WeakSet<object>()
const INSPECT = Symbol.for('nodejs.util.inspect.custom')

/**
 * Holds a value that must never show in an xstate inspection event, a log line or
 * `JSON.stringify`: it serialises as `"[redacted]"` and prints as `Secret [redacted]`.
 * Only {@link Secret.reveal} gives the value back.
 */
export class Secret<T> {
  /** `transient` secrets (a submitted password) are dropped from persisted snapshots, not revealed. */
  constructor(value: T, options: { readonly transient?: boolean } = {}) {
    VALUES.set(this, value)
    if (options.transient) TRANSIENT.add(this)
  }

  /** The value held. */
  reveal(): T {
    return VALUES.get(this) as T
  }

  /** `"[redacted]"`: what `JSON.stringify` writes. */
  toJSON(): string {
    return '[redacted]'
  }

  /** `"[redacted]"`: what a template string or a log line shows. */
  toString(): string {
    return '[redacted]'
  }

  /** What Node's `util.inspect` (and `console.log`) shows. */
  [INSPECT](): string {
    return 'Secret [redacted]'
  }
}

/** The value inside a {@link Secret}, or the value itself when it is not one (e.g. after a restore). */
export function reveal<T>(value: Secret<T> | T): T {
  return value instanceof Secret ? value.reveal() : value
}

/** Replaces every {@link Secret} inside `value` by what it holds (for the persisted snapshot). */
export function revealDeep(value: unknown): unknown {
  if (value instanceof Secret) return TRANSIENT.has(value) ? null : revealDeep(value.reveal())
  if (Array.isArray(value)) return value.map(revealDeep)
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revealDeep(v)]))
  }
  return value
}

/** Replaces every {@link Secret} inside `value` by `null`. */
export function dropSecrets(value: unknown): unknown {
  if (value instanceof Secret) return null
  if (Array.isArray(value)) return value.map(dropSecrets)
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dropSecrets(v)]))
  }
  return value
}
