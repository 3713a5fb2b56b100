import { Hono } from 'hono'
import type { JWK } from 'jose'
import type { FidoTestAuthenticator } from '../pingone/fido-keys.js'
import type { Outbox } from '../pingone/outbox.js'
import type { EmulatorHalf, HalfContext, RouteName } from '../shared/half.js'
import { handleAuthorize } from './authorize.js'
import {
  AUTHN_APP_CLIENT_ID,
  BFF_CLIENT_ID,
  COOKIELESS_CLIENT_ID,
  DEMO_CLIENT_ID,
  JWT_CLIENT_ID,
  LEGACY_CLIENT_ID,
  type PfClientConfig,
  type PingFederateConfig,
  PRIVATE_KEY_JWT_CLIENT_ID,
  PRIVATE_KEY_JWT_CLIENT_KEY,
} from './config.js'
import { cors } from './cors.js'
import { handleDiscovery, handleJwks, handleUserinfo, PATHS } from './discovery.js'
import { edgeError } from './errors.js'
import {
  createExternalController,
  EXTERNAL_PATH,
  type ExternalAuthController,
  handleExternalPage,
} from './external.js'
import { handleFlow } from './flow-endpoint.js'
import { handleLogout } from './logout.js'
import { jsonResponse } from './responses.js'
import { handleResume, RESUME_PATH } from './resume.js'
import { handleRevocation } from './revocation.js'
import { createRuntime, FLOWS_PATH } from './runtime.js'
import { handleToken } from './token.js'

export {
  AUTHN_APP_CLIENT_ID,
  BFF_CLIENT_ID,
  BFF_CLIENT_SECRET,
  type ClientAuthMethod,
  COOKIELESS_CLIENT_ID,
  DEMO_CLIENT_ID,
  DEMO_PASSWORD,
  defaultPingFederateConfig,
  EXTERNAL_PLUGIN_TYPE_ID,
  HTML_FORM_PLUGIN_TYPE_ID,
  IDENTIFIER_FIRST_PLUGIN_TYPE_ID,
  JWT_CLIENT_ID,
  JWT_CLIENT_SECRET,
  LEGACY_CLIENT_ID,
  type PfClientConfig,
  type PfExternalSourceConfig,
  type PfHtmlFormConfig,
  type PfLockoutConfig,
  type PfMfaAdapterConfig,
  type PfMfaDeviceConfig,
  type PfMfaDeviceType,
  type PfNonApiStepConfig,
  type PfPushMfaConfig,
  type PfUserConfig,
  PINGID_PLUGIN_TYPE_ID,
  PINGONE_MFA_PLUGIN_TYPE_ID,
  type PingFederateConfig,
  type PkceMethod,
  PRIVATE_KEY_JWT_CLIENT_ID,
  PRIVATE_KEY_JWT_CLIENT_KEY,
  PUSH_MFA_PLUGIN_TYPE_ID,
  REGISTRATION_PLUGIN_TYPE_ID,
  type TokenGrantType,
} from './config.js'
export type { ExternalAuthController, PendingExternalAuthentication } from './external.js'

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
  /** The `client_secret_jwt` client and its secret, if configured. */
  readonly jwtClient?: { readonly clientId: string; readonly clientSecret: string }
  /** The `private_key_jwt` client and its private key (a fixture JWK), if the default one is configured. */
  readonly privateKeyJwtClient?: { readonly clientId: string; readonly privateKey: JWK }
  /** A public client in authentication-application mode (its flows end in `RESUME`), if configured. */
  readonly authenticationApplicationClientId?: string
  /** The configured users with their passwords as configured (a changed password is not reflected). */
  readonly users: readonly { readonly username: string; readonly password: string }[]
  /** The request header that carries `_pf_authn_api_state` in cookieless mode. */
  readonly cookielessStateHeader: string
  readonly endpoints: {
    readonly authorization: string
    readonly token: string
    readonly jwks: string
    readonly userinfo: string
    readonly revocation: string
    /** OIDC RP-initiated logout (`end_session_endpoint`). */
    readonly endSession: string
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
): EmulatorHalf & PingFederateHooks & { info: PingFederateInfo } {
  const rt = createRuntime(ctx, config)
  const basePath = new URL(ctx.baseUrl).pathname.replace(/\/+$/, '')
  const app = basePath ? new Hono().basePath(basePath) : new Hono()

  app.use('*', cors({ allowedOrigins: config.allowedOrigins, stateHeader: config.cookielessStateHeader }))
  app.get(PATHS.discovery, () => handleDiscovery(rt))
  app.get(PATHS.jwks, () => handleJwks(rt))
  app.on(['GET', 'POST'], PATHS.authorization, (c) => handleAuthorize(rt, c.req.raw))
  app.on(['GET', 'POST'], `${FLOWS_PATH}/:flowId`, (c) => handleFlow(rt, c.req.raw, c.req.param('flowId')))
  app.on(['GET', 'POST'], RESUME_PATH, (c) => handleResume(rt, c.req.raw, c.req.param('flowId')))
  app.on(['GET', 'POST'], `${EXTERNAL_PATH}/:token`, (c) =>
    handleExternalPage(rt, c.req.raw, c.req.param('token')),
  )
  app.post(PATHS.token, (c) => handleToken(rt, c.req.raw))
  app.all(PATHS.token, () =>
    jsonResponse(
      405,
      { error: 'invalid_request', error_description: 'The token endpoint accepts POST only.' },
      { allow: 'POST' },
    ),
  )
  app.on(['GET', 'POST'], PATHS.userinfo, (c) => handleUserinfo(rt, c.req.raw))
  app.post(PATHS.revocation, (c) => handleRevocation(rt, c.req.raw))
  app.on(['GET', 'POST'], [PATHS.endSession, PATHS.startSlo], (c) => handleLogout(rt, c.req.raw))
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
    if (/^\/as\/[^/]+\/resume\//.test(path)) return 'resume'
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
    outbox: readOnly(rt.outbox),
    fido: {
      getAssertion: rt.fido.getAssertion,
      publicKeyJwk: rt.fido.publicKeyJwk,
      privateKeyPkcs8: rt.fido.privateKeyPkcs8,
    },
    external: createExternalController(rt),
  }
}

/** What the PingFederate half offers tests besides HTTP: its outbox, its FIDO keys, the external pop-up. */
export interface PingFederateHooks {
  /** Codes and links this half "sent" (MFA passcodes, recovery codes, usernames). */
  readonly outbox: Outbox
  /** A software authenticator holding the keys of the users' FIDO devices (`ASSERTION_REQUIRED`). */
  readonly fido: FidoTestAuthenticator
  /** What the user does in an external authentication's pop-up. */
  readonly external: ExternalAuthController
}

function readOnly(outbox: Outbox): Outbox {
  return {
    last: outbox.last,
    all: outbox.all,
    clear: outbox.clear,
    subscribe: outbox.subscribe,
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
  const jwt = pick(JWT_CLIENT_ID, (c) => c.tokenEndpointAuthMethods.includes('client_secret_jwt'))
  const authnApp = pick(AUTHN_APP_CLIENT_ID, (c) => c.redirectless && c.authenticationApplication === true)
  return {
    baseUrl,
    issuer: baseUrl,
    clientId: demo?.clientId ?? config.clients[0]?.clientId ?? DEMO_CLIENT_ID,
    ...(bff?.clientSecret !== undefined
      ? { bffClient: { clientId: bff.clientId, clientSecret: bff.clientSecret } }
      : {}),
    ...(legacy ? { legacyClientId: legacy.clientId } : {}),
    ...(cookieless ? { cookielessClientId: cookieless.clientId } : {}),
    ...(jwt?.clientSecret !== undefined
      ? { jwtClient: { clientId: jwt.clientId, clientSecret: jwt.clientSecret } }
      : {}),
    ...(byId(PRIVATE_KEY_JWT_CLIENT_ID)
      ? {
          privateKeyJwtClient: {
            clientId: PRIVATE_KEY_JWT_CLIENT_ID,
            privateKey: PRIVATE_KEY_JWT_CLIENT_KEY,
          },
        }
      : {}),
    ...(authnApp ? { authenticationApplicationClientId: authnApp.clientId } : {}),
    users: config.users.map((u) => ({ username: u.username, password: u.password })),
    cookielessStateHeader: config.cookielessStateHeader,
    endpoints: {
      authorization: `${baseUrl}${PATHS.authorization}`,
      token: `${baseUrl}${PATHS.token}`,
      jwks: `${baseUrl}${PATHS.jwks}`,
      userinfo: `${baseUrl}${PATHS.userinfo}`,
      revocation: `${baseUrl}${PATHS.revocation}`,
      endSession: `${baseUrl}${PATHS.endSession}`,
      discovery: `${baseUrl}${PATHS.discovery}`,
      flows: `${baseUrl}${FLOWS_PATH}`,
    },
  }
}
