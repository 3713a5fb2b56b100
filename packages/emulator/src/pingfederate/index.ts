import { Hono } from 'hono'
import type { EmulatorHalf, HalfContext, RouteName } from '../shared/half.js'
import { handleAuthorize } from './authorize.js'
import {
  BFF_CLIENT_ID,
  COOKIELESS_CLIENT_ID,
  DEMO_CLIENT_ID,
  LEGACY_CLIENT_ID,
  type PfClientConfig,
  type PingFederateConfig,
} from './config.js'
import { cors } from './cors.js'
import { handleDiscovery, handleJwks, handleUserinfo, PATHS } from './discovery.js'
import { edgeError } from './errors.js'
import { handleFlow } from './flow-endpoint.js'
import { jsonResponse } from './responses.js'
import { createRuntime, FLOWS_PATH } from './runtime.js'
import { handleToken } from './token.js'

export {
  BFF_CLIENT_ID,
  BFF_CLIENT_SECRET,
  type ClientAuthMethod,
  COOKIELESS_CLIENT_ID,
  DEMO_CLIENT_ID,
  DEMO_PASSWORD,
  defaultPingFederateConfig,
  HTML_FORM_PLUGIN_TYPE_ID,
  IDENTIFIER_FIRST_PLUGIN_TYPE_ID,
  LEGACY_CLIENT_ID,
  type PfClientConfig,
  type PfLockoutConfig,
  type PfPushMfaConfig,
  type PfUserConfig,
  type PingFederateConfig,
  type PkceMethod,
  PUSH_MFA_PLUGIN_TYPE_ID,
  type TokenGrantType,
} from './config.js'

/** What a caller needs to point a client at this half. */
export interface PingFederateInfo {
  /** The public origin (and base path) every link of this half starts with. */
  readonly baseUrl: string
  /** The OpenID issuer (`iss` of id_tokens); equal to `baseUrl`. */
  readonly issuer: string
  /** The public, PKCE-S256 client (`redirectless-demo` by default). */
  readonly clientId: string
  /** The confidential client and its secret, if one is configured. */
  readonly bffClient?: { readonly clientId: string; readonly clientSecret: string }
  /** A client not allowed to use redirectless mode, if one is configured. */
  readonly legacyClientId?: string
  /** A public client in cookieless mode, if one is configured. */
  readonly cookielessClientId?: string
  /** The configured users with their passwords as configured (a changed password is not reflected). */
  readonly users: readonly { readonly username: string; readonly password: string }[]
  /** The request header that carries `_pf_authn_api_state` in cookieless mode. */
  readonly cookielessStateHeader: string
  readonly endpoints: {
    readonly authorization: string
    readonly token: string
    readonly jwks: string
    readonly userinfo: string
    readonly discovery: string
    /** The flow resource's prefix; a flow lives at `${flows}/{flowId}`. */
    readonly flows: string
  }
}

/**
 * Creates the PingFederate half: the redirectless authorization endpoint, the Authentication API
 * flow resource, the token, userinfo, discovery and JWKS endpoints, all answering through `fetch`.
 *
 * @param ctx the public base URL, clock and signing key the composition gives the half.
 * @param config clients, users, policy and switches; see `docs/emulator-pingfederate.md`.
 */
export function createPingFederateHalf(
  ctx: HalfContext,
  config: PingFederateConfig,
): EmulatorHalf & { info: PingFederateInfo } {
  const rt = createRuntime(ctx, config)
  const basePath = new URL(ctx.baseUrl).pathname.replace(/\/+$/, '')
  const app = basePath ? new Hono().basePath(basePath) : new Hono()

  app.use('*', cors({ allowedOrigins: config.allowedOrigins, stateHeader: config.cookielessStateHeader }))
  app.get(PATHS.discovery, () => handleDiscovery(rt))
  app.get(PATHS.jwks, () => handleJwks(rt))
  app.on(['GET', 'POST'], PATHS.authorization, (c) => handleAuthorize(rt, c.req.raw))
  app.on(['GET', 'POST'], `${FLOWS_PATH}/:flowId`, (c) => handleFlow(rt, c.req.raw, c.req.param('flowId')))
  app.post(PATHS.token, (c) => handleToken(rt, c.req.raw))
  app.all(PATHS.token, () =>
    jsonResponse(
      405,
      { error: 'invalid_request', error_description: 'The token endpoint accepts POST only.' },
      { allow: 'POST' },
    ),
  )
  app.on(['GET', 'POST'], PATHS.userinfo, (c) => handleUserinfo(rt, c.req.raw))
  app.notFound(() =>
    jsonResponse(404, { code: 'RESOURCE_NOT_FOUND', message: 'The requested resource was not found.' }),
  )
  // Never echo the error: it could quote a request value (a password, a code).
  app.onError(() => jsonResponse(500, edgeError('unexpected').body))

  const route = (url: URL): RouteName => {
    let path = url.pathname
    if (basePath && path.startsWith(basePath)) path = path.slice(basePath.length) || '/'
    if (path === PATHS.authorization) return 'authorize'
    if (path.startsWith(`${FLOWS_PATH}/`)) return 'flow'
    if (path === PATHS.token) return 'token'
    if (path === PATHS.discovery) return 'discovery'
    if (path === PATHS.jwks) return 'jwks'
    return 'other'
  }

  return {
    product: 'pingfederate',
    route,
    fetch: (request, env) => app.fetch(request, env),
    edgeError,
    info: buildInfo(ctx.baseUrl, config),
  }
}

function buildInfo(baseUrl: string, config: PingFederateConfig): PingFederateInfo {
  const byId = (id: string) => config.clients.find((c) => c.clientId === id)
  const pick = (id: string, fallback: (c: PfClientConfig) => boolean) =>
    byId(id) ?? config.clients.find(fallback)
  const demo = pick(
    DEMO_CLIENT_ID,
    (c) => c.redirectless && !c.cookieless && c.tokenEndpointAuthMethods.includes('none'),
  )
  const bff = pick(BFF_CLIENT_ID, (c) => c.redirectless && c.clientSecret !== undefined)
  const legacy = pick(LEGACY_CLIENT_ID, (c) => !c.redirectless)
  const cookieless = pick(COOKIELESS_CLIENT_ID, (c) => c.redirectless && c.cookieless)
  return {
    baseUrl,
    issuer: baseUrl,
    clientId: demo?.clientId ?? config.clients[0]?.clientId ?? DEMO_CLIENT_ID,
    ...(bff?.clientSecret !== undefined
      ? { bffClient: { clientId: bff.clientId, clientSecret: bff.clientSecret } }
      : {}),
    ...(legacy ? { legacyClientId: legacy.clientId } : {}),
    ...(cookieless ? { cookielessClientId: cookieless.clientId } : {}),
    users: config.users.map((u) => ({ username: u.username, password: u.password })),
    cookielessStateHeader: config.cookielessStateHeader,
    endpoints: {
      authorization: `${baseUrl}${PATHS.authorization}`,
      token: `${baseUrl}${PATHS.token}`,
      jwks: `${baseUrl}${PATHS.jwks}`,
      userinfo: `${baseUrl}${PATHS.userinfo}`,
      discovery: `${baseUrl}${PATHS.discovery}`,
      flows: `${baseUrl}${FLOWS_PATH}`,
    },
  }
}
