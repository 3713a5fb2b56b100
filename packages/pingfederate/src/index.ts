/**
 * PingFederate's Authentication API in redirectless mode (`response_mode=pi.flow`): start a flow,
 * answer its typed states, and finish with validated tokens, without a browser redirect.
 *
 * This entry keeps cookies in the platform (browsers, React Native, Deno, Bun). Under Node the
 * package resolves to its `node` entry, which defaults to a tough-cookie jar per flow.
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
export type * from './actions.js'
export { CONTINUE_ACTIONS } from './actions.js'
export {
  AUTHORIZATION_PATH,
  type AuthorizeRequestInput,
  authorizationParams,
  buildAuthorizeRequest,
  type NormalizedStartParams,
  normalizeResponseType,
  normalizeStartParams,
  type PingFederateResponseType,
  RESERVED_PARAMS,
  type StartFlowParams,
} from './authorize-request.js'
export { createPingFederateClient, type PingFederateClient, type PingFederateFlow } from './client.js'
export {
  DEFAULT_STATE_HEADER,
  DEFAULT_XSRF_HEADER_VALUE,
  type PingFederateClientOptions,
} from './client-options.js'
export { CANCEL_ACTIONS, FLOW_GONE_CODES } from './dialect.js'
export type {
  GenericStatus,
  PingFederateState,
  PingFederateStateOf,
  TypedPingFederateState,
} from './state.js'
export type * from './states/base.js'
export type * from './states/external.js'
export type * from './states/generic.js'
export type * from './states/html-form.js'
export type * from './states/identifier-first.js'
export type * from './states/mfa.js'
export type * from './states/registration.js'
export type * from './states/terminal.js'
export {
  isPingFederateStatus,
  PING_FEDERATE_STATUSES,
  type PingFederateStatus,
  TERMINAL_STATUSES,
} from './statuses.js'
