/** Which party a request went to. */
export type Party = 'pingFederate' | 'pingOne' | 'backend'

/**
 * One HTTP request and its answer, as the timing table needs it: no URL query, no header, no
 * body; only the path, what the request did, and how long it took.
 */
export interface HttpExchange {
  readonly party: Party
  /** What the request did: `authorize`, an action id (`otp.check`), `poll`, `resume`, `token`, … */
  readonly label: string
  /** The flow status the request was made from (`—` before the flow exists). */
  readonly status: string
  readonly method: string
  /** The URL path, never the query (which may carry a code or a JWT). */
  readonly path: string
  /** The HTTP status, or 0 when no answer came. */
  readonly httpStatus: number
  /** When no answer came: why, as the fetch failure's code (`ECONNREFUSED`, `BAD_PORT`, …). */
  readonly failure?: string
  /** Request sent → answer read to its end, in milliseconds. */
  readonly ms: number
}

// Routes of both products, matched on the path's end so base paths and environment ids do not matter.
const ROUTES: readonly (readonly [RegExp, string])[] = [
  [/\/as\/authorization\.oauth2$/, 'authorize'],
  [/\/as\/authorize$/, 'authorize'],
  [/\/as\/token(\.oauth2)?$/, 'token'],
  [/\/as\/resume$/, 'resume'],
  [/\/\.well-known\/openid-configuration$/, 'discovery'],
  [/\/(pf\/JWKS|as\/jwks)$/, 'jwks'],
  [/\/idp\/userinfo\.openid$|\/as\/userinfo$/, 'userinfo'],
]

const VENDOR_TYPE = /application\/vnd\.pingidentity\.([^+;\s]+)\+json/i

/**
 * Names a request: a flow POST by the action its media type (or `?action=`) names, a flow GET as
 * `poll`, the OAuth endpoints by their job.
 */
export function labelRequest(party: Party, method: string, url: URL, contentType: string | null): string {
  if (party === 'backend') return 'login_hint_token'
  for (const [pattern, label] of ROUTES) if (pattern.test(url.pathname)) return label
  if (/\/flows\/[^/]+$/.test(url.pathname)) {
    if (method === 'GET') return 'poll'
    return VENDOR_TYPE.exec(contentType ?? '')?.[1] ?? url.searchParams.get('action') ?? 'action'
  }
  return `${method} ${url.pathname}`
}
