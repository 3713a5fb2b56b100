import type { CookieJarProvider } from '../cookies/jar.js'
import type { Transport } from '../http/transport.js'
import type { CallOptions } from '../http/types.js'
import type { EndSessionResult } from './end-session.js'
import type { ProviderKeys } from './provider.js'
import type { TokenTypeHint } from './revocation.js'
import type { AuthorizationResult, ClientCredentials, IdTokenClaims, ProviderMetadata } from './types.js'
import type { UserinfoClaims } from './userinfo.js'

/** Options of `refresh()`. */
export interface RefreshOptions extends CallOptions {
  /** A narrower scope than the one granted (space-separated or a list); the granted one when absent. */
  readonly scope?: string | readonly string[] | undefined
  /**
   * The claims of the id_token the login gave (`result.claims`): a refreshed id_token must then name
   * the same `sub` and `auth_time` (OIDC Core §12.2). Without them only signature, `iss`, `aud` and
   * `exp` are checked.
   */
  readonly originalClaims?: IdTokenClaims | undefined
}

/** Options of `revoke()`. */
export interface RevokeOptions extends CallOptions {
  /** `access_token` or `refresh_token` (RFC 7009 §2.1): a hint that saves the server a lookup. */
  readonly tokenTypeHint?: TokenTypeHint | undefined
}

/** Options of `userinfo()`. */
export interface UserinfoOptions extends CallOptions {
  /** The id_token's `sub`; an answer about anyone else is refused (OIDC Core §5.3.2). */
  readonly subject?: string | undefined
}

/** Options of `signOff()`. */
export interface SignOffOptions extends CallOptions {
  /** The id_token of the login: names the session and spares the user a "sign off?" prompt. */
  readonly idTokenHint?: string | undefined
  /** Where the server redirects afterwards; must be registered for the client. */
  readonly postLogoutRedirectUri?: string | undefined
  /** Echoed on the post-logout redirect. */
  readonly state?: string | undefined
  /**
   * The session cookies: the `cookies` member of the saved flow that signed the user in
   * (`flow.toJSON().cookies`). The server finds the session by its cookie, so on a server runtime
   * (a jar per flow) sign-off without them ends nothing; browsers and React Native send the
   * platform's cookies anyway.
   */
  readonly cookies?: unknown
}

/** What a client does with the tokens a login gave: the same four calls on both products. */
export interface TokenLifecycle {
  /**
   * Renews the tokens with a refresh token (`grant_type=refresh_token`). A new id_token in the
   * answer is validated like the first one. Where the server rotates refresh tokens the answer
   * carries a new `refresh_token` and the old one is dead; without one, keep using the old one.
   *
   * @throws `TOKEN_ERROR` with `server.code` `invalid_grant` when the refresh token is used, revoked
   *   or expired (`invalid_client`, `invalid_scope`, `unauthorized_client` likewise);
   *   `ID_TOKEN_INVALID`; `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`, `SERVER_ERROR`.
   */
  refresh(refreshToken: string, options?: RefreshOptions): Promise<AuthorizationResult>
  /**
   * Revokes an access or refresh token (RFC 7009). Revoking an unknown or already revoked token
   * succeeds, as the RFC has the server answer.
   * @throws `TOKEN_ERROR` (`invalid_client`, `unsupported_token_type`), transport errors.
   */
  revoke(token: string, options?: RevokeOptions): Promise<void>
  /**
   * The user's claims from the UserInfo endpoint, for the access token.
   * @throws `TOKEN_ERROR` with `server.code` `invalid_token` for a revoked or expired access token,
   *   `insufficient_scope` without `openid`; `INVALID_RESPONSE`; transport errors.
   */
  userinfo(accessToken: string, options?: UserinfoOptions): Promise<UserinfoClaims>
  /**
   * Ends the user's SSO session (RP-initiated logout): the next flow asks for the password again.
   * Tokens already issued stay valid until revoked. Resolves with where the server redirected to.
   * @throws `TOKEN_ERROR` when the server refuses (e.g. an `id_token_hint` it did not issue);
   *   `INVALID_RESPONSE` when discovery names no end-session endpoint; transport errors.
   */
  signOff(options?: SignOffOptions): Promise<EndSessionResult>
}

/** What the token lifecycle calls work with: one client's transport, discovery, credentials and jars. */
export interface TokenLifecycleDeps {
  readonly transport: Transport
  readonly provider: ProviderKeys
  readonly client: ClientCredentials
  readonly cookies: CookieJarProvider
  /** The clock, in ms since the epoch; `Date.now` by default. */
  readonly now?: (() => number) | undefined
  /** Picks the end-session endpoint from discovery (products name it differently). */
  readonly endSessionEndpoint?: ((metadata: ProviderMetadata) => unknown) | undefined
}

/**
 * @internal The four lifecycle calls over one client's transport and discovery document. Their code
 * (the refresh grant, revocation, UserInfo, end-session, and the client assertions they may sign) is
 * loaded on the first call: a login never needs it, so an app draws its sign-in screens without it.
 */
export function createTokenLifecycle(deps: TokenLifecycleDeps): TokenLifecycle {
  // Loaded once; a failed load (a chunk the network lost) is tried again on the next call.
  let calls: Promise<TokenLifecycle> | undefined
  const load = (): Promise<TokenLifecycle> => {
    if (!calls) {
      calls = import('./token-lifecycle-calls.js').then((module) => module.tokenLifecycleCalls(deps))
      calls.catch(() => {
        calls = undefined
      })
    }
    return calls
  }
  return {
    refresh: async (refreshToken, options) => (await load()).refresh(refreshToken, options),
    revoke: async (token, options) => (await load()).revoke(token, options),
    userinfo: async (accessToken, options) => (await load()).userinfo(accessToken, options),
    signOff: async (options) => (await load()).signOff(options),
  }
}
