/**
 * Node-only entry: a per-flow cookie jar on tough-cookie. Kept out of the main entry because
 * tough-cookie (with its public-suffix list) costs ~50 KB in a browser bundle, and browsers keep
 * cookies themselves.
 *
 * @example
 * ```ts
 * import { toughCookieJar } from '@redirectless/core/cookies'
 * const pf = createPingFederateClient({ baseUrl, clientId, cookies: toughCookieJar })
 * ```
 * @module
 */
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

/** `headers` with `cookie` set; a plain record stays one (no `Headers` built only to be read again). */
function withCookie(headers: HeadersInit | undefined, cookie: string): HeadersInit {
  if (headers === undefined) return { cookie }
  if (headers instanceof Headers || Array.isArray(headers)) {
    const merged = new Headers(headers)
    merged.set('cookie', cookie)
    return merged
  }
  const record: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'cookie') record[name] = value
  }
  record.cookie = cookie
  return record
}

/**
 * The transport never follows redirects, so the jar only has to add `Cookie` to each request and
 * file each `Set-Cookie` of its answer: tough-cookie does the RFC 6265 work (domain, path, expiry,
 * `Secure`, public suffixes), synchronously. `credentials: 'omit'` (discovery, JWKS) sends none.
 */
function wrapJar(jar: CookieJar, restored = false): ToughFlowCookieJar {
  // The serialised jar is reused until an answer sets a cookie: most steps set none.
  let saved: SerializedCookieJar | undefined
  // A new flow's jar is empty until its first answer: no lookup for the first request.
  let empty = !restored
  return {
    wrap: (fetch: FetchLike) => async (input, init) => {
      if (init?.credentials === 'omit') return fetch(input, init)
      const url = urlOf(input)
      const cookie = empty ? '' : jar.getCookieStringSync(url)
      const response = await fetch(
        input,
        cookie ? { ...init, headers: withCookie(init?.headers, cookie) } : init,
      )
      // An injected fetch (an in-process server, a test double) may leave response.url empty.
      const origin = response.url || url
      for (const setCookie of response.headers.getSetCookie()) {
        saved = undefined
        empty = false
        jar.setCookieSync(setCookie, origin, { ignoreError: true })
      }
      return response
    },
    toJSON: () => {
      saved ??= jar.serializeSync()
      return saved ?? null
    },
    cookieString: (url) => jar.getCookieString(url),
  }
}

/** A {@link CookieJarProvider} whose jars are {@link ToughFlowCookieJar}s. */
export interface ToughCookieJarProvider extends CookieJarProvider {
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
