/**
 * PingOne's pi.flow client: start a flow (MFA-only with a `login_hint_token`, or a full sign-on),
 * answer each status with a typed action, wait on push, and finish with resume, the code exchange
 * and a validated id_token. Plus the JWT builders for `login_hint_token` and request objects.
 *
 * This entry keeps cookies in the platform's store (browsers, React Native); the Node entry, which
 * Node picks automatically, gives each flow its own cookie jar.
 *
 * @example
 * ```ts
 * const p1 = createPingOneClient({ authBaseUrl: 'NA', environmentId, clientId })
 * const flow = await p1.startFlow({ scope: 'openid', acrValues: 'MFA-Only', loginHintToken })
 * if (flow.state.status === 'OTP_REQUIRED') await flow.submit('otp.check', { otp })
 * const { tokens, claims } = await flow.complete()
 * ```
 * @module
 */
export {
  type AuthorizationResult,
  type CallOptions,
  type CookieJarProvider,
  type EndSessionResult,
  type ErrorCode,
  ErrorCodes,
  type IdTokenClaims,
  isRedirectlessError,
  type PollOptions,
  platformCookies,
  RedirectlessError,
  type RefreshOptions,
  type RevokeOptions,
  type SavedFlow,
  type ServerError,
  type ServerErrorDetail,
  type SignOffOptions,
  type SubmitOptions,
  type TokenEndpointAuthMethod,
  type TokenEndpointResponse,
  type TokenLifecycle,
  type TokenTypeHint,
  type UserinfoClaims,
  type UserinfoOptions,
} from '@redirectless/core'
export {
  actionMediaType,
  PINGONE_ACTIONS,
  type PingOneAction,
  type PingOneActions,
  type PingOneCompatibility,
} from './actions.js'
export type { PingOneResponseType, PingOneStartFlowOptions } from './authorize-request.js'
export {
  createPingOneClient,
  type PingOneClient,
  type PingOneClientOptions,
  type PingOneDeviceVerificationOptions,
  type PingOneFlow,
} from './client.js'
export { PINGONE_PRODUCT, parsePingOneState } from './dialect.js'
export * from './jwt/index.js'
export { isPingOneAction } from './links.js'
export { type AuthBase, PINGONE_AUTH_HOSTS, type PingOneRegion } from './regions.js'
export type * from './states/index.js'
export { isPingOneStatus, PINGONE_STATUSES, type PingOneStatus } from './statuses.js'
