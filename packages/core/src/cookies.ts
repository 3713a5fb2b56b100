/**
 * Node-only entry: a per-flow cookie jar on tough-cookie and fetch-cookie. Kept out of the main
 * entry because those two cost ~50 KB in a browser bundle and browsers keep cookies themselves.
 *
 * @example
 * ```ts
 * import { toughCookieJar } from '@redirectless/core/cookies'
 * const pf = createPingFederateClient({ baseUrl, clientId, cookies: toughCookieJar })
 * ```
 * @module
 */
import makeFetchCookie from 'fetch-cookie'
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

/**
 * fetch-cookie files Set-Cookie under `response.url`, and tough-cookie throws on an empty URL. A
 * platform fetch always fills it in; an injected one (an in-process server, a test double) often
 * answers with a bare `new Response()`, so the request's URL stands in.
 */
function withResponseUrl(fetch: FetchLike): FetchLike {
  return async (input, init) => {
    const response = await fetch(input, init)
    if (!response.url) {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
      Object.defineProperty(response, 'url', { value: url })
    }
    return response
  }
}

function wrapJar(jar: CookieJar): ToughFlowCookieJar {
  return {
    wrap: (fetch: FetchLike) =>
      makeFetchCookie(withResponseUrl(fetch) as typeof globalThis.fetch, jar) as FetchLike,
    toJSON: () => jar.serializeSync() ?? null,
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
      return wrapJar(CookieJar.deserializeSync(saved as SerializedCookieJar))
    } catch {
      throw new RedirectlessError(
        ErrorCodes.INVALID_ARGUMENT,
        'The saved flow has a cookie jar that cannot be restored',
      )
    }
  },
}
