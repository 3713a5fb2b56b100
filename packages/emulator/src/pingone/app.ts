import { Hono } from 'hono'
import { cors } from 'hono/cors'
import type { RouteName } from '../shared/half.js'
import { authorize } from './authorize.js'
import type { P1Context } from './context.js'
import { deviceAuthorization, startDeviceVerification } from './device-grant.js'
import { discovery, jwks } from './discovery.js'
import { notFound, OAuthError, PlatformError } from './errors.js'
import { postFlow, readFlow } from './flows.js'
import { checkRateLimit } from './ratelimit.js'
import { resume } from './resume.js'
import { revoke } from './revocation.js'
import { signoff } from './signoff.js'
import { authenticateClient, token } from './token.js'
import { userinfo } from './userinfo.js'

/** Routes of the auth rate group, which `rateLimit` counts. */
const RATE_LIMITED: ReadonlySet<RouteName> = new Set(['authorize', 'flow', 'resume', 'token'])

/** The half's routes, all under `/{envId}/…`; any other environment id is 404 `NOT_FOUND`. */
export function createApp(ctx: P1Context): Hono {
  const app = new Hono()
  const origins = ctx.config.corsAllowedOrigins
  if (origins.length > 0) {
    app.use(
      '*',
      cors({
        origin: (origin) => (origins.includes('*') || origins.includes(origin) ? origin : null),
        allowMethods: ['GET', 'POST', 'OPTIONS'],
        credentials: true,
        exposeHeaders: ['Retry-After'],
        maxAge: 600,
      }),
    )
  }
  const handle =
    (
      route: RouteName,
      run: (request: Request, params: Record<string, string>) => Response | Promise<Response>,
    ) =>
    async (c: { req: { raw: Request; param(): Record<string, string> } }): Promise<Response> => {
      const params = c.req.param()
      try {
        if (params.envId !== ctx.config.environmentId) throw notFound()
        if (RATE_LIMITED.has(route)) checkRateLimit(ctx)
        return await run(c.req.raw, params)
      } catch (error) {
        if (error instanceof OAuthError) return error.toResponse()
        if (error instanceof PlatformError) {
          // Contract §6.5: the authorize error body is platform-style unless switched to OAuth.
          const oauth =
            route === 'authorize' && ctx.config.authorizeErrorStyle === 'oauth' && error.status === 400
          return oauth ? error.toOAuthResponse() : error.toResponse()
        }
        throw error
      }
    }

  app.on(
    ['GET', 'POST'],
    '/:envId/as/authorize',
    handle('authorize', (request) => authorize(ctx, request)),
  )
  app.get(
    '/:envId/flows/:flowId',
    handle('flow', (_request, p) => readFlow(ctx, p.flowId ?? '')),
  )
  app.post(
    '/:envId/flows/:flowId',
    handle('flow', (request, p) => postFlow(ctx, p.flowId ?? '', request)),
  )
  app.get(
    '/:envId/as/resume',
    handle('resume', (request) => resume(ctx, request, new URL(request.url))),
  )
  app.post(
    '/:envId/as/token',
    handle('token', (request) => token(ctx, request)),
  )
  app.post(
    '/:envId/as/revoke',
    handle('token', (request) => revoke(ctx, request)),
  )
  app.on(
    ['GET', 'POST'],
    '/:envId/as/userinfo',
    handle('other', (request) => userinfo(ctx, request)),
  )
  app.on(
    ['GET', 'POST'],
    '/:envId/as/signoff',
    handle('other', (request) => signoff(ctx, request)),
  )
  app.post(
    '/:envId/as/device_authorization',
    handle('token', (request) =>
      deviceAuthorization(ctx, request, (params) => authenticateClient(ctx, request, params)),
    ),
  )
  app.on(
    ['GET', 'POST'],
    '/:envId/device/:pathId',
    handle('authorize', (request, p) => startDeviceVerification(ctx, request, p.pathId ?? '')),
  )
  app.get(
    '/:envId/as/.well-known/openid-configuration',
    handle('discovery', () => discovery(ctx)),
  )
  app.get(
    '/:envId/as/jwks',
    handle('jwks', () => jwks(ctx)),
  )
  app.notFound(() => notFound().toResponse())
  app.onError(() => new PlatformError(500, 'UNEXPECTED_ERROR', 'An unexpected error occurred.').toResponse())
  return app
}

/** Maps a path to the route name fault rules use. */
export function routeOf(url: URL): RouteName {
  const path = url.pathname
  if (/^\/[^/]+\/as\/authorize\/?$/.test(path)) return 'authorize'
  if (/^\/[^/]+\/flows\/[^/]+\/?$/.test(path)) return 'flow'
  if (/^\/[^/]+\/as\/resume\/?$/.test(path)) return 'resume'
  if (/^\/[^/]+\/as\/(token|device_authorization|revoke)\/?$/.test(path)) return 'token'
  if (/^\/[^/]+\/device\/[^/]+\/?$/.test(path)) return 'authorize'
  if (/^\/[^/]+\/as\/\.well-known\/openid-configuration\/?$/.test(path)) return 'discovery'
  if (/^\/[^/]+\/as\/jwks\/?$/.test(path)) return 'jwks'
  return 'other'
}
