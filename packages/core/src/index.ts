/**
 * The pi.flow engine shared by `@redirectless/pingfederate` and `@redirectless/pingone`.
 * Applications rarely import it directly, except for {@link RedirectlessError} and
 * {@link isRedirectlessError}.
 * @module
 */
export {
  type CheckedClientOptions,
  type ClientOptionsBase,
  checkClientOptions,
  requireNonEmpty,
} from './client-options.js'
export { type CookieJarProvider, type FlowCookieJar, platformCookies } from './cookies/jar.js'
export { type ErrorCode, ErrorCodes } from './errors/codes.js'
export { displayUrl, redactText } from './errors/redact.js'
export {
  isRedirectlessError,
  RedirectlessError,
  type RedirectlessErrorOptions,
  redactErrorValues,
  type ServerError,
  type ServerErrorDetail,
  sanitizeServerError,
} from './errors/redirectless-error.js'
export type { FlowDialect, FlowSession, FlowStateBase, ParseContext, PollStep } from './flow/dialect.js'
export {
  type ActionMap,
  type CompleteContext,
  Flow,
  type FlowInit,
  type PollOptions,
  restoreFlow,
  type SubmitArgs,
  type SubmitOptions,
  startFlow,
} from './flow/flow.js'
export { type FlowBodyRules, parseFlowBody } from './flow/parse.js'
export { SAVED_FLOW_FORMAT, type SavedFlow } from './flow/saved-flow.js'
export { SensitiveValues } from './flow/sensitive-values.js'
export { checkHttpUrl, OriginPolicy } from './http/origins.js'
export { type ErrorContext, errorFromResponse, retryAfterSeconds } from './http/response-errors.js'
export { abortError, type SendOptions, Transport, type TransportOptions } from './http/transport.js'
export type {
  CallContext,
  CallOptions,
  FetchLike,
  HeaderHook,
  HttpRequest,
  HttpResponse,
  RetryOptions,
} from './http/types.js'
export { ID_TOKEN_ALGORITHMS } from './oidc/algorithms.js'
export {
  type AuthorizationRequestState,
  type FinishAuthorization,
  finishAuthorization,
} from './oidc/authorization.js'
export { createClientAssertion } from './oidc/client-assertion.js'
export { type EndSession, type EndSessionResult, endSession, endSessionUrl } from './oidc/end-session.js'
export type { IdTokenExpectations } from './oidc/id-token.js'
export type { PublicJwk, PublicJwks, VerificationKeys } from './oidc/jwks.js'
export { MAX_ID_TOKEN_LENGTH, MAX_JWKS_BYTES, MAX_JWKS_KEYS } from './oidc/limits.js'
export { createPkce, type Pkce } from './oidc/pkce.js'
export { ProviderKeys } from './oidc/provider.js'
export { cryptoRandomBytes, type RandomBytes, randomToken } from './oidc/random.js'
export { type RefreshGrant, refreshRequest, refreshTokens, validateRefreshedIdToken } from './oidc/refresh.js'
export { type Revocation, revocationRequest, revokeToken, type TokenTypeHint } from './oidc/revocation.js'
export {
  authenticatedFormRequest,
  type CodeExchange,
  clientAssertionFor,
  codeExchangeRequest,
  exchangeCode,
  JWT_BEARER_ASSERTION,
  processTokenResponse,
  usesClientAssertion,
} from './oidc/token-endpoint.js'
export {
  createTokenLifecycle,
  type RefreshOptions,
  type RevokeOptions,
  type SignOffOptions,
  type TokenLifecycle,
  type TokenLifecycleDeps,
  type UserinfoOptions,
} from './oidc/token-lifecycle.js'
export type {
  AuthorizationResult,
  AuthorizeResponse,
  ClientAssertionSigner,
  ClientCredentials,
  ClientPrivateKey,
  IdTokenClaims,
  ProviderMetadata,
  TokenEndpointAuthMethod,
  TokenEndpointResponse,
} from './oidc/types.js'
export { fetchUserinfo, type UserinfoClaims, type UserinfoRequest } from './oidc/userinfo.js'
export { validateIdToken } from './oidc/validate-id-token.js'
