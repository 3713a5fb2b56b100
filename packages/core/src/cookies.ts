/**
 * Node-only entry: a per-flow cookie jar, fetch-cookie over tough-cookie. Kept out of the main
 * entry because those two (with tough-cookie's public-suffix list) cost ~50 KB in a browser
 * bundle, and browsers keep cookies themselves.
 *
 * @example
 * ```ts
 * import { toughCookieJar } from '@redirectless/core/cookies'
 * const pf = createPingFederateClient({ baseUrl, clientId, cookies: toughCookieJar })
 * ```
 * @module
 */
import makeFetchCookie, { type CookieJar as FetchCookieJar } from 'fetch-cookie'
import { CookieJar, type SerializedCookieJar } from 'tough-cookie'
import type { CookieJarProvider, FlowCookieJar } from './cookies/jar.js'
import { ErrorCodes } from './errors/codes.js'
import { RedirectlessError } from './errors/redirectless-error.js'
import type { FetchLike } from './http/types.js'

export type { CookieJarProvider, FlowCookieJar } from './cookies/jar.js'

/** A {@link FlowCookieJar} that can also show its cookies (tests, debugging). */
export interface ToughFlowCookieJar extends FlowCookieJar {
  /** The `name=value` pairs this jar would send to `url`. Treat the values as secrets. */
  cookieString(url: string): Promise<string>
}

const urlOf = (input: RequestInfo | URL) =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url

/**
 * The caller's headers as a record without `Cookie`: the jar's cookies replace it, whatever form
 * the headers take (fetch-cookie would append to a `Headers` or keep a `Cookie` of another case).
 */
function withoutCookie(headers: HeadersInit | undefined): Record<string, string> {
  const record: Record<string, string> = {}
  if (headers === undefined) return record
  const entries =
    headers instanceof Headers || Array.isArray(headers) ? new Headers(headers) : Object.entries(headers)
  for (const [name, value] of entries) if (name.toLowerCase() !== 'cookie') record[name] = value
  return record
}

/**
 * fetch-cookie files each `Set-Cookie` under `response.url`, which a platform fetch always fills in;
 * an injected one (an in-process server, a test double) may answer with a bare `new Response()`,
 * so the request's URL stands in.
 */
function withResponseUrl(fetch: FetchLike): FetchLike {
  return async (input, init) => {
    const response = await fetch(input, init)
    if (!response.url) Object.defineProperty(response, 'url', { value: urlOf(input) })
    return response
  }
}

/**
 * fetch-cookie adds the jar's `Cookie` to each request and files each `Set-Cookie` of its answer;
 * tough-cookie does the RFC 6265 work (domain, path, expiry, `Secure`, public suffixes). The
 * transport never follows redirects, so fetch-cookie never has to either. `credentials: 'omit'`
 * (discovery, JWKS) goes around the jar: no cookie sent, none filed.
 */
function wrapJar(jar: CookieJar, restored = false): ToughFlowCookieJar {
  // The serialised jar is reused until an answer sets a cookie: most steps set none.
  let saved: SerializedCookieJar | undefined
  // A new flow's jar is empty until its first answer: no lookup for the first request.
  let empty = !restored
  // fetch-cookie takes any jar with these two methods. The jar's store is in memory, so
  // tough-cookie's Sync calls do the same work without the callback-to-promise layers of its async API.
  const forFetchCookie: FetchCookieJar = {
    getCookieString: async (url) => (empty ? '' : jar.getCookieStringSync(url)),
    setCookie: async (cookie, url, options) => {
      saved = undefined
      empty = false
      return jar.setCookieSync(cookie, url, options)
    },
  }
  return {
    wrap: (fetch: FetchLike) => {
      const withCookies = makeFetchCookie(withResponseUrl(fetch), forFetchCookie) as FetchLike
      return (input, init) =>
        init?.credentials === 'omit'
          ? fetch(input, init)
          : withCookies(input, { ...init, headers: withoutCookie(init?.headers) })
    },
    toJSON: () => {
      saved ??= jar.serializeSync()
      return saved ?? null
    },
    cookieString: (url) => jar.getCookieString(url),
    values: () => (jar.serializeSync()?.cookies ?? []).map((cookie) => String(cookie.value ?? '')),
  }
}

/** A {@link CookieJarProvider} whose jars are {@link ToughFlowCookieJar}s. */
export interface ToughCookieJarProvider extends CookieJarProvider {
  /** A new, empty jar for one flow. */
  create(): ToughFlowCookieJar
  restore(saved: unknown): ToughFlowCookieJar
}

/** One tough-cookie jar per flow, serialised with the flow (`flow.toJSON()`). */
export const toughCookieJar: ToughCookieJarProvider = {
  kind: 'tough-cookie',
  create: () => wrapJar(new CookieJar()),
  restore(saved) {
    if (saved === null || saved === undefined) return wrapJar(new CookieJar())
    try {
      return wrapJar(CookieJar.deserializeSync(saved as SerializedCookieJar), true)
    } catch {
      throw new RedirectlessError(
        ErrorCodes.INVALID_ARGUMENT,
        'The saved flow has a cookie jar that cannot be restored',
      )
    }
  },
}
