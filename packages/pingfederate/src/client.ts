import {
  type AuthorizationResult,
  type CallOptions,
  type ClientAssertionSigner,
  type ClientCredentials,
  type CookieJarProvider,
  createPkce,
  cryptoRandomBytes,
  ErrorCodes,
  type Flow,
  type FlowSession,
  ProviderKeys,
  platformCookies,
  RedirectlessError,
  randomToken,
  restoreFlow as restoreCoreFlow,
  startFlow as startCoreFlow,
  type TokenLifecycle,
  Transport,
  usesClientAssertion,
} from '@redirectless/core'
import type { PingFederateActions } from './actions.js'
import { buildAuthorizeRequest, normalizeStartParams, type StartFlowParams } from './authorize-request.js'
import { type PingFederateClientOptions, resolveClientOptions } from './client-options.js'
import { type CompletionDeps, completePingFederateFlow } from './complete.js'
import { createPingFederateDialect, flowHeaderHook } from './dialect.js'
import type { PingFederateState } from './state.js'
import { pingFederateTokens } from './tokens.js'

/**
 * One PingFederate sign-in: `flow.state` (a {@link PingFederateState}), `flow.submit(action, body)`
 * typed per {@link PingFederateActions}, `refresh()`, `poll()`, `cancel()`, `complete()` and
 * `toJSON()`.
 */
export type PingFederateFlow = Flow<PingFederateState, PingFederateActions, AuthorizationResult>

/**
 * A PingFederate client: starts flows and restores saved ones, and refreshes, revokes, reads
 * UserInfo and signs off with the tokens a flow gave ({@link TokenLifecycle}). Holds no per-user state.
 */
export interface PingFederateClient extends TokenLifecycle {
  /** The base URL requests go to (normalised, no trailing slash). */
  readonly baseUrl: string
  readonly clientId: string
  /**
   * Sends the authorization request with `response_mode=pi.flow` and returns the flow at its first
   * state: usually `USERNAME_PASSWORD_REQUIRED`, or already `COMPLETED` when the user has an SSO
   * session (then call `complete()` straight away).
   *
   * @throws `INVALID_ARGUMENT` for bad parameters; `FLOW_ERROR` when PF refuses the request (its
   *   `server.details[0].code` is the OAuth error, e.g. `unauthorized_client`); transport errors.
   */
  startFlow(params: StartFlowParams, options?: CallOptions): Promise<PingFederateFlow>
  /**
   * Continues a flow from `flow.toJSON()` (after `JSON.parse`), in this process or another.
   * @throws `INVALID_ARGUMENT` when `saved` is not a saved PingFederate flow.
   */
  restoreFlow(saved: unknown): PingFederateFlow
}

/**
 * @internal What only the server (Node) entry brings: jose's signing code for client assertions and
 * resume following, which a browser can do neither of (it navigates to `resumeUrl` itself).
 */
export interface ServerFeatures {
  readonly signClientAssertion: ClientAssertionSigner
  readonly followResume: NonNullable<CompletionDeps['followResume']>
}

/** @internal The factory behind both entries: they differ in the default cookie jar and {@link ServerFeatures}. */
export function createClient(
  options: PingFederateClientOptions,
  defaultCookies: CookieJarProvider,
  server?: ServerFeatures,
): PingFederateClient {
  const resolved = resolveClientOptions(options)
  if (!server && (resolved.followResume || usesClientAssertion(resolved))) {
    throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, "That option needs the package's Node entry")
  }
  const transport = new Transport({
    baseUrl: resolved.baseUrl,
    trustedOrigins: options.trustedOrigins,
    fetch: options.fetch,
    timeout: options.timeout,
    retry: options.retry,
    headerHooks: [flowHeaderHook(resolved)],
  })
  const cookies = options.cookies ?? defaultCookies
  const random = options.random ?? cryptoRandomBytes
  const now = options.now
  // One discovery document and JWKS per client, shared by its flows.
  const provider = new ProviderKeys(
    transport,
    `${resolved.baseUrl}/.well-known/openid-configuration`,
    resolved.issuer,
    now ?? Date.now,
  )
  const client: ClientCredentials = {
    clientId: resolved.clientId,
    clientSecret: resolved.clientSecret,
    authMethod: resolved.authMethod,
    privateKey: resolved.privateKey,
    assertionSigner: server?.signClientAssertion,
  }
  const dialect = createPingFederateDialect({
    xsrfHeaderValue: resolved.xsrfHeaderValue,
    useActionParam: resolved.useActionParam,
    stateHeaderName: resolved.stateHeaderName,
    complete: (context) =>
      completePingFederateFlow(context, {
        provider,
        client,
        now,
        followResume: resolved.followResume ? server?.followResume : undefined,
      }),
  })

  const tokens = pingFederateTokens({ transport, provider, client, cookies, now })

  return {
    baseUrl: resolved.baseUrl,
    clientId: resolved.clientId,
    ...tokens,

    async startFlow(params, callOptions = {}) {
      const normalized = normalizeStartParams(params)
      const pkce = normalized.pkce ? await createPkce(random) : undefined
      const state = normalized.state ?? randomToken(random)
      const nonce = normalized.nonce ?? randomToken(random)
      const session: FlowSession = {
        request: {
          responseType: normalized.responseType,
          scope: normalized.scope,
          state,
          nonce,
          codeVerifier: pkce?.verifier,
          redirectUri: resolved.redirectUri,
          maxAge: normalized.maxAge,
        },
        extra: {},
      }
      const request = buildAuthorizeRequest({
        baseUrl: resolved.baseUrl,
        clientId: resolved.clientId,
        redirectUri: resolved.redirectUri,
        params: normalized,
        state,
        nonce,
        codeChallenge: pkce?.challenge,
      })
      return startCoreFlow<PingFederateState, PingFederateActions, AuthorizationResult>({
        dialect,
        transport,
        cookies,
        session,
        request,
        options: callOptions,
        now,
      })
    },

    restoreFlow(saved) {
      return restoreCoreFlow<PingFederateState, PingFederateActions, AuthorizationResult>({
        dialect,
        transport,
        cookies,
        saved,
        now,
      })
    },
  }
}

/**
 * Creates a PingFederate Authentication API client in redirectless mode. This entry keeps cookies
 * in the platform (`credentials: 'include'`), as browsers and React Native do; under Node the
 * package's `node` entry defaults to a tough-cookie jar per flow instead.
 *
 * @example
 * ```ts
 * const pf = createPingFederateClient({ baseUrl: 'https://sso.example.com:9031', clientId: 'my-app' })
 * const flow = await pf.startFlow({ scope: ['openid', 'profile'] })
 * if (flow.state.status === 'USERNAME_PASSWORD_REQUIRED') {
 *   await flow.submit('checkUsernamePassword', { username, password })
 * }
 * const { tokens, claims } = await flow.complete()
 * ```
 * @throws `INVALID_ARGUMENT` naming the first bad option.
 */
export function createPingFederateClient(options: PingFederateClientOptions): PingFederateClient {
  return createClient(options, platformCookies)
}
