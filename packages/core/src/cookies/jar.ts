import type { FetchLike } from '../http/types.js'

/**
 * The cookies of one flow. Every flow gets its own jar, so two users' flows never share a cookie
 * (invariant 1).
 */
export interface FlowCookieJar {
  /** Wraps `fetch` so requests carry this jar's cookies and answers update it. */
  wrap(fetch: FetchLike): FetchLike
  /** Plain JSON for `flow.toJSON()`; `null` when the platform keeps the cookies (browsers). */
  toJSON(): unknown
  /** The cookie values this jar holds, for masking them in errors; absent where the platform keeps them. */
  values?(): readonly string[]
}

/** Makes and restores jars; clients take one as their `cookies` option. */
export interface CookieJarProvider {
  readonly kind: string
  /** A new, empty jar for one flow. */
  create(): FlowCookieJar
  /** Rebuilds a jar from what its `toJSON()` returned. */
  restore(saved: unknown): FlowCookieJar
}

/**
 * For browsers and React Native: the platform's cookie store does the work, requests go with
 * `credentials: 'include'`. Nothing to save, nothing to restore.
 */
export const platformCookies: CookieJarProvider = {
  kind: 'platform',
  create: () => platformJar,
  restore: () => platformJar,
}

const platformJar: FlowCookieJar = {
  wrap: (fetch) => (input, init) => fetch(input, { ...init, credentials: 'include' }),
  toJSON: () => null,
}
