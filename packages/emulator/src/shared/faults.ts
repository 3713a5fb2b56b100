import type { Product, RouteName } from './half.js'

/** A fault the emulator can inject, for reliability tests of clients. */
export type Fault =
  /** Delay the answer by `ms` (stops early if the client gives up). */
  | { kind: 'latency'; ms: number }
  /** Answer with this HTTP status instead of running the route; a JSON error body unless `body` is given. */
  | { kind: 'status'; status: number; retryAfter?: number; body?: string; contentType?: string }
  /** Drop the connection without an answer (in-process: the fetch rejects like a reset socket). */
  | { kind: 'reset' }
  /** Run the route, then cut its body in half. */
  | { kind: 'truncate' }
  /** Run the route, then replace its body with bytes that are not JSON. */
  | { kind: 'malformed' }
  /** Answer with an HTML error page, as a proxy in front of the server would. */
  | { kind: 'html'; status?: number }
  /** Answer with a redirect instead of JSON. */
  | { kind: 'redirect'; status?: number; location?: string }
  /** Run the route, then point every `_links` href (and `resumeUrl`) at another origin. */
  | { kind: 'foreign-link'; origin?: string }
  /** Run the route, then turn every `https:` link into `http:`, as a TLS-terminating proxy does. */
  | { kind: 'http-links' }
  /** Run the route, then replace `status` with one no client knows. */
  | { kind: 'unknown-status'; status?: string }
  /** Run the route, then delete these top-level fields (default `status` and `_links`). */
  | { kind: 'missing-fields'; fields?: string[] }

/** A fault to inject, and which requests it hits. */
export interface FaultRule {
  fault: Fault
  /** Limit the rule to one product; both when absent. */
  product?: Product
  /** Limit the rule to some routes; all when absent. */
  route?: RouteName | RouteName[]
  method?: 'GET' | 'POST'
  /** How many matching requests the rule hits before it is used up; unlimited when absent. */
  times?: number
  /** Chance in [0, 1] that a matching request is hit; 1 when absent. */
  probability?: number
}

/** The emulator's injected faults, changed while it runs. */
export interface FaultController {
  /** Adds a rule; returns a function that removes it. */
  add(rule: FaultRule): () => void
  /** Removes every rule. */
  clear(): void
  /** The rules still active. */
  list(): readonly FaultRule[]
}

export interface FaultRegistry extends FaultController {
  /** Picks the first active rule for this request and uses one of its `times`. */
  take(product: Product, route: RouteName, method: string): Fault | undefined
}

export function createFaultRegistry(
  initial: readonly FaultRule[] = [],
  random: () => number = Math.random,
): FaultRegistry {
  const rules: { rule: FaultRule; left: number }[] = []
  const add = (rule: FaultRule) => {
    const entry = { rule, left: rule.times ?? Number.POSITIVE_INFINITY }
    rules.push(entry)
    return () => {
      const i = rules.indexOf(entry)
      if (i >= 0) rules.splice(i, 1)
    }
  }
  for (const rule of initial) add(rule)
  return {
    add,
    clear: () => {
      rules.length = 0
    },
    list: () => rules.filter((r) => r.left > 0).map((r) => r.rule),
    take(product, route, method) {
      for (const entry of rules) {
        const { rule } = entry
        if (entry.left <= 0) continue
        if (rule.product && rule.product !== product) continue
        if (rule.method && rule.method !== method) continue
        if (rule.route && !(Array.isArray(rule.route) ? rule.route : [rule.route]).includes(route)) continue
        if (rule.probability !== undefined && random() >= rule.probability) continue
        entry.left -= 1
        return rule.fault
      }
      return undefined
    },
  }
}
