import { requireNonEmpty } from '@redirectless/core'
import {
  invalid,
  type JwtAudienceOptions,
  type JwtLifetimeOptions,
  type JwtSigningOptions,
  resolveAudience,
  signJwt,
  timeClaims,
} from './claims.js'

/** Options of {@link createLoginHintToken}. */
export interface LoginHintTokenOptions extends JwtAudienceOptions, JwtSigningOptions, JwtLifetimeOptions {
  /**
   * `iss`: the id of the enabled PingOne application whose secret signs the token. It may differ
   * from the client that runs the flow (e.g. a PingFederate integration app).
   */
  readonly issuer: string
  /** `sub`: the PingOne user id or username of the user who already passed the first factor. */
  readonly subject: string
}

/**
 * Mints a `login_hint_token`: the signed statement that makes a PingOne flow MFA-only by naming the
 * user who already signed on elsewhere. Carries `iss`, `sub`, `aud`, `iat`, `exp` (default 5
 * minutes, at most 1 hour) and a random `jti`.
 *
 * Run it on a server. The signing secret is an application's client secret: whoever holds it can
 * mint a token for any user and skip the first factor. It never belongs in a browser or a native app.
 *
 * PingOne documents HS256/384/512 with the issuer app's secret; RS* is accepted here for tenants
 * that take it, but Ping does not document it for this token.
 *
 * @example
 * ```ts
 * const loginHintToken = await createLoginHintToken({
 *   issuer: integrationAppId, secret: integrationAppSecret,
 *   subject: userIdFromFirstFactor, authBaseUrl: 'EU', environmentId,
 * })
 * ```
 */
export async function createLoginHintToken(options: LoginHintTokenOptions): Promise<string> {
  if (!options || typeof options !== 'object') throw invalid('createLoginHintToken needs an options object')
  const payload = {
    iss: requireNonEmpty(options.issuer, 'issuer'),
    sub: requireNonEmpty(options.subject, 'subject'),
    aud: resolveAudience(options),
    ...timeClaims(options),
  }
  return signJwt(payload, options)
}
