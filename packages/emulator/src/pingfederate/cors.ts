import type { MiddlewareHandler } from 'hono'

/** The CORS policy of the half (contract §2.6 EMULATOR DEFAULT). */
export interface CorsPolicy {
  /** Allowed origins; `'*'` allows any, echoed back because credentials are allowed. */
  readonly allowedOrigins: readonly string[]
  /** The cookieless-mode state header, which browsers must be allowed to send. */
  readonly stateHeader: string
}

/**
 * Answers pre-flights and adds CORS headers for allowed origins. Credentials are allowed because
 * the flow rides on the `PF` cookie; that is also why `*` is never sent literally.
 */
export function cors(policy: CorsPolicy): MiddlewareHandler {
  const allowed = (origin: string | undefined): origin is string =>
    origin !== undefined && (policy.allowedOrigins.includes('*') || policy.allowedOrigins.includes(origin))
  const allowHeaders = ['Content-Type', 'X-XSRF-Header', 'Accept', 'Authorization', policy.stateHeader].join(
    ', ',
  )

  return async (c, next) => {
    const origin = c.req.header('origin')
    if (c.req.method === 'OPTIONS') {
      if (origin === undefined) {
        return new Response(null, { status: 204, headers: { allow: 'GET, POST, OPTIONS' } })
      }
      if (!allowed(origin)) return new Response(null, { status: 403, headers: { vary: 'Origin' } })
      return new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-origin': origin,
          'access-control-allow-credentials': 'true',
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': allowHeaders,
          'access-control-max-age': '600',
          vary: 'Origin',
        },
      })
    }
    await next()
    if (!allowed(origin)) return
    // Every response of this half is built here with mutable headers.
    c.res.headers.set('access-control-allow-origin', origin)
    c.res.headers.set('access-control-allow-credentials', 'true')
    c.res.headers.append('vary', 'Origin')
  }
}
