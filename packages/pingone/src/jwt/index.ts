/**
 * The JWT builders alone, for a server that mints `login_hint_token`s and request objects without
 * running flows. Signs with jose's `SignJWT`, imported by subpath (`jose/jwt/sign`), so the bundle
 * carries jose's signing code and nothing of the flow client.
 *
 * @example
 * ```ts
 * import { createLoginHintToken } from '@redirectless/pingone/jwt'
 * const token = await createLoginHintToken({ issuer, secret, subject, authBaseUrl: 'NA', environmentId })
 * ```
 * @module
 */
export {
  DEFAULT_EXPIRES_IN,
  type JwtAudienceOptions,
  type JwtLifetimeOptions,
  type JwtSigningOptions,
  MAX_EXPIRES_IN,
  type PingOneJwtAlgorithm,
  type PingOnePrivateKey,
} from './claims.js'
export { createLoginHintToken, type LoginHintTokenOptions } from './login-hint-token.js'
export {
  createRequestObject,
  type PingOneNotificationTemplate,
  type RequestObjectOptions,
} from './request-object.js'
