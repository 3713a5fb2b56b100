import type { Emulator, Product, RouteName } from '@redirectless/emulator'

/** One request a client sent, as the wire saw it. */
export interface SentRequest {
  readonly method: string
  readonly url: string
  /** Which emulator half it went to, or `foreign` for any other origin (which it must never reach). */
  readonly product: Product | 'foreign'
  readonly route: RouteName
  /** The `Cookie` header, when the flow's jar sent one. */
  readonly cookie: string | null
}

/** One answer, with the cookies it issued. */
export interface ReceivedResponse {
  readonly request: SentRequest
  readonly status: number
  readonly setCookies: readonly string[]
}

type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

// The same route names the emulator's fault registry uses, so a fault and the requests it hit can be
// matched up by the test without asking the emulator.
const PF_ROUTES: readonly (readonly [RegExp, RouteName])[] = [
  [/\/as\/authorization\.oauth2$/, 'authorize'],
  [/\/pf-ws\/authn\/flows\//, 'flow'],
  [/\/as\/token\.oauth2$/, 'token'],
  [/\/\.well-known\/openid-configuration$/, 'discovery'],
  [/\/pf\/JWKS$/, 'jwks'],
]
const P1_ROUTES: readonly (readonly [RegExp, RouteName])[] = [
  [/\/as\/authorize$/, 'authorize'],
  [/\/flows\/[^/]+$/, 'flow'],
  [/\/as\/resume$/, 'resume'],
  [/\/as\/token$/, 'token'],
  [/\/\.well-known\/openid-configuration$/, 'discovery'],
  [/\/as\/jwks$/, 'jwks'],
]

/** Names the emulator half and route a URL belongs to. */
export function classify(emu: Emulator, url: URL): { product: Product | 'foreign'; route: RouteName } {
  const product =
    url.origin === new URL(emu.pingFederate.baseUrl).origin
      ? 'pingfederate'
      : url.origin === new URL(emu.pingOne.authBaseUrl).origin
        ? 'pingone'
        : 'foreign'
  if (product === 'foreign') return { product, route: 'other' }
  const table = product === 'pingfederate' ? PF_ROUTES : P1_ROUTES
  const route = table.find(([pattern]) => pattern.test(url.pathname))?.[1] ?? 'other'
  return { product, route }
}

function urlOf(input: RequestInfo | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
}

function methodOf(input: RequestInfo | URL, init: RequestInit | undefined): string {
  return (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase()
}

function cookieOf(input: RequestInfo | URL, init: RequestInit | undefined): string | null {
  if (init?.headers !== undefined) return new Headers(init.headers).get('cookie')
  return input instanceof Request ? input.headers.get('cookie') : null
}

/**
 * Wraps a fetch (the emulator's in-process one, or the platform's for loopback HTTP) and records
 * every request and answer. A request to an origin that is neither emulator half is recorded and
 * then refused like an unreachable host, so a client bug can never send anything off the machine.
 */
export function recordingFetch(emu: Emulator, base: FetchLike = emu.fetch) {
  const sent: SentRequest[] = []
  const received: ReceivedResponse[] = []
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(urlOf(input))
    const request: SentRequest = {
      method: methodOf(input, init),
      url: url.href,
      ...classify(emu, url),
      cookie: cookieOf(input, init),
    }
    sent.push(request)
    if (request.product === 'foreign') {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      })
    }
    const response = await base(input, init)
    received.push({ request, status: response.status, setCookies: response.headers.getSetCookie() })
    return response
  }
  return {
    fetch,
    sent,
    received,
    /** Requests sent since `mark` (an earlier `sent.length`) that match `filter`. */
    since(mark: number, filter: Partial<Pick<SentRequest, 'product' | 'route' | 'method'>> = {}) {
      return sent
        .slice(mark)
        .filter(
          (r) =>
            (filter.product === undefined || r.product === filter.product) &&
            (filter.route === undefined || r.route === filter.route) &&
            (filter.method === undefined || r.method === filter.method),
        )
    },
  }
}

export type RecordingFetch = ReturnType<typeof recordingFetch>
