import {
  type AuthorizationResult,
  type CallOptions,
  type ClientAssertionSigner,
  type ClientCredentials,
  type ClientOptionsBase,
  checkClientOptions,
  createPkce,
  cryptoRandomBytes,
  ErrorCodes,
  type Flow,
  ProviderKeys,
  platformCookies,
  RedirectlessError,
  randomToken,
  restoreFlow,
  startFlow,
  type TokenLifecycle,
  Transport,
  usesClientAssertion,
} from '@redirectless/core'
import type { PingOneActions } from './actions.js'
import {
  authorizeNeeds,
  buildAuthorizeRequest,
  buildDeviceVerificationRequest,
  type PingOneStartFlowOptions,
} from './authorize-request.js'
import { createPingOneDialect } from './dialect.js'
import { type AuthBase, checkEnvironmentId, issuerUrl, resolveAuthBaseUrl } from './regions.js'
import type { PingOneState } from './states/index.js'
import { pingOneTokens } from './tokens.js'

/** A PingOne flow: `flow.state` is a {@link PingOneState}, `flow.submit()` takes a {@link PingOneActions} id. */
export type PingOneFlow = Flow<PingOneState, PingOneActions, AuthorizationResult>

/** Options of {@link createPingOneClient}. Everything but the first three has a default. */
export interface PingOneClientOptions extends ClientOptionsBase {
  /**
   * The auth host: a region code (`NA`, `CA`, `EU`, `AU`, `SG`, `AP`/`ASIA`), a URL such as
   * `https://auth.pingone.eu`, a custom domain, or the emulator's `emu.pingOne.authBaseUrl`.
   */
  readonly authBaseUrl: AuthBase
  /** The environment UUID. */
  readonly environmentId: string
  /** The application (client) id the flow runs for. */
  readonly clientId: string
}

/**
 * A PingOne pi.flow client for one environment and application; it also refreshes, revokes, reads
 * UserInfo and signs off with the tokens a flow gave ({@link TokenLifecycle}). Holds no per-user state.
 */
export interface PingOneClient extends TokenLifecycle {
  /** The auth base URL in use (a region resolved to its host). */
  readonly authBaseUrl: string
  readonly environmentId: string
  readonly clientId: string
  /** `{authBaseUrl}/{environmentId}/as`: the issuer of id_tokens and the `aud` of authorize JWTs. */
  readonly issuer: string
  /**
   * Sends the pi.flow authorization request and returns the flow in its first status (for an
   * MFA-only start with a `loginHintToken`: `OTP_REQUIRED`, `DEVICE_SELECTION_REQUIRED`,
   * `PUSH_CONFIRMATION_REQUIRED`, `ASSERTION_REQUIRED`, or `COMPLETED` when the policy skips MFA).
   */
  startFlow(options: PingOneStartFlowOptions, callOptions?: CallOptions): Promise<PingOneFlow>
  /**
   * Starts the user's side of a device authorization grant (RFC 8628) for this client's
   * `DEVICE_CODE` app: `DAG_USER_CODE_REQUIRED` (unless `userCode` came with the verification URL),
   * the app's sign-on policy, then `DAG_CONSENT_REQUIRED`. The flow ends at `COMPLETED` or `FAILED`;
   * the device, not this flow, then gets the tokens, so `complete()` does not apply.
   */
  startDeviceVerification(
    options?: PingOneDeviceVerificationOptions,
    callOptions?: CallOptions,
  ): Promise<PingOneFlow>
  /** Continues a flow from `flow.toJSON()`, here or in another process with the same client settings. */
  restoreFlow(saved: unknown): PingOneFlow
}

/** What {@link PingOneClient.startDeviceVerification} sends. */
export interface PingOneDeviceVerificationOptions {
  /** The app's `devicePathId` (the last segment of the device's `verification_uri`). Default: the client id. */
  readonly devicePathId?: string | undefined
  /** The `user_code` of a `verification_uri_complete`, when the user arrived with one. */
  readonly userCode?: string | undefined
  /** Sign-on policy names for the user's sign-on, in order of preference. */
  readonly acrValues?: string | undefined
}

/**
 * Creates a PingOne client.
 *
 * @example
 * ```ts
 * const p1 = createPingOneClient({ authBaseUrl: 'EU', environmentId, clientId })
 * const flow = await p1.startFlow({ scope: 'openid', acrValues: 'MFA-Only', loginHintToken })
 * if (flow.state.status === 'OTP_REQUIRED') await flow.submit('otp.check', { otp })
 * const { tokens, claims } = await flow.complete()
 * ```
 */
export function createPingOneClient(options: PingOneClientOptions): PingOneClient {
  return createClient(options)
}

/**
 * @internal The factory behind both entries. Only the Node entry passes `signClientAssertion`
 * (jose's signing code), so `client_secret_jwt` and `private_key_jwt` need that entry.
 */
export function createClient(
  options: PingOneClientOptions,
  signClientAssertion?: ClientAssertionSigner,
): PingOneClient {
  if (!options || typeof options !== 'object') throw invalid('createPingOneClient needs an options object')
  const authBaseUrl = resolveAuthBaseUrl(options.authBaseUrl)
  const environmentId = checkEnvironmentId(options.environmentId)
  const checked = checkClientOptions(options)
  const { clientId, redirectUri } = checked
  if (!signClientAssertion && usesClientAssertion(checked))
    throw invalid(`tokenEndpointAuthMethod ${checked.authMethod} needs the package's Node entry`)
  const client: ClientCredentials = {
    clientId,
    authMethod: checked.authMethod,
    ...(checked.clientSecret !== undefined && { clientSecret: checked.clientSecret }),
    ...(checked.privateKey !== undefined && { privateKey: checked.privateKey }),
    ...(signClientAssertion !== undefined && { assertionSigner: signClientAssertion }),
  }
  const cookies = options.cookies ?? platformCookies
  const now = options.now ?? Date.now
  const random = options.random ?? cryptoRandomBytes
  const transport = new Transport({
    baseUrl: authBaseUrl,
    trustedOrigins: options.trustedOrigins,
    fetch: options.fetch,
    timeout: options.timeout,
    retry: options.retry,
  })
  const issuer = issuerUrl(authBaseUrl, environmentId)
  // One per client: discovery and JWKS are fetched once and shared by every flow.
  const provider = new ProviderKeys(transport, `${issuer}/.well-known/openid-configuration`, issuer, now)
  const dialect = createPingOneDialect({ provider, client, now, issuer })
  const target = { authBaseUrl, environmentId, clientId, redirectUri }
  const tokens = pingOneTokens({ transport, provider, client, cookies, now })

  return Object.freeze({
    ...tokens,
    authBaseUrl,
    environmentId,
    clientId,
    issuer,
    async startFlow(
      flowOptions: PingOneStartFlowOptions,
      callOptions: CallOptions = {},
    ): Promise<PingOneFlow> {
      if (!flowOptions || typeof flowOptions !== 'object')
        throw invalid('startFlow needs an options object with a scope')
      const needs = authorizeNeeds(flowOptions)
      const secrets = {
        ...(needs.pkce && { pkce: await createPkce(random) }),
        ...(needs.nonce && { nonce: randomToken(random, 24) }),
      }
      const { request, session } = buildAuthorizeRequest(target, flowOptions, secrets)
      return startFlow<PingOneState, PingOneActions, AuthorizationResult>({
        dialect,
        transport,
        cookies,
        session,
        request,
        options: callOptions,
        now,
      })
    },
    startDeviceVerification(
      verification: PingOneDeviceVerificationOptions = {},
      callOptions: CallOptions = {},
    ): Promise<PingOneFlow> {
      if (!verification || typeof verification !== 'object')
        throw invalid('startDeviceVerification takes an options object')
      const { request, session } = buildDeviceVerificationRequest(target, verification)
      return startFlow<PingOneState, PingOneActions, AuthorizationResult>({
        dialect,
        transport,
        cookies,
        session,
        request,
        options: callOptions,
        now,
      })
    },
    restoreFlow(saved: unknown): PingOneFlow {
      const extra = (saved as { session?: { extra?: Record<string, unknown> } } | null)?.session?.extra
      if (extra && (extra.environmentId !== environmentId || extra.clientId !== clientId)) {
        throw invalid('Cannot restore the flow: it belongs to another environment or application')
      }
      return restoreFlow<PingOneState, PingOneActions, AuthorizationResult>({
        dialect,
        transport,
        cookies,
        saved,
        now,
      })
    },
  })
}

function invalid(message: string): RedirectlessError {
  return new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, message)
}
