import { MIN_REDACTED_LENGTH } from '../errors/redact.js'

/** How deep a submitted body is searched for values; deeper ones are not a body a flow sends. */
const MAX_DEPTH = 8

/**
 * What one flow sent or received that must never reappear in an error: every string and number in
 * the bodies it submitted (a password, an OTP, an answer), its PKCE verifier, nonce and `state`,
 * the code and tokens it received, its cookies. A server that echoes one of them (in a message, a
 * `details[].target`, a numeric `innerError`) has it masked (ARCHITECTURE invariant 10).
 */
export class SensitiveValues {
  readonly #values = new Set<string>()

  /** Remembers the strings and numbers inside `value` (objects and arrays searched). */
  add(value: unknown, depth = 0): void {
    if (typeof value === 'string') {
      if (value.length >= MIN_REDACTED_LENGTH) this.#values.add(value)
    } else if (typeof value === 'number' && Number.isFinite(value)) {
      const text = String(value)
      if (text.length >= MIN_REDACTED_LENGTH) this.#values.add(text)
    } else if (value && typeof value === 'object' && depth < MAX_DEPTH) {
      for (const item of Array.isArray(value) ? value : Object.values(value)) this.add(item, depth + 1)
    }
  }

  /** Longest first, so a value that contains another is masked whole. */
  list(extra: readonly string[] = []): string[] {
    return [...new Set([...this.#values, ...extra])].sort((a, b) => b.length - a.length)
  }
}
