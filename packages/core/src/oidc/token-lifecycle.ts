import type { CookieJarProvider } from '../cookies/jar.js'
import { ErrorCodes } from '../errors/codes.js'
import { RedirectlessError, redactErrorValues } from '../errors/redirectless-error.js'
import type { SendOptions, Transport } from '../http/transport.js'
import type { CallOptions } from '../http/types.js'
import { type EndSessionResult, endSession } from './end-session.js'
import type { ProviderKeys } from './provider.js'
import { refreshTokens, validateRefreshedIdToken } from './refresh.js'
import { revokeToken, type TokenTypeHint } from './revocation.js'
import type { AuthorizationResult, ClientCredentials, IdTokenClaims, ProviderMetadata } from './types.js'
import { fetchUserinfo, type UserinfoClaims } from './userinfo.js'

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

/** What {@link createTokenLifecycle} works with: one client's transport, discovery, credentials and jars. */
export interface TokenLifecycleDeps {
  readonly transport: Transport
  readonly provider: ProviderKeys
  readonly client: ClientCredentials
  readonly cookies: CookieJarProvider
  readonly now?: (() => number) | undefined
  /** Picks the end-session endpoint from discovery (products name it differently). */
  readonly endSessionEndpoint?: ((metadata: ProviderMetadata) => unknown) | undefined
}

/** @internal The four lifecycle calls over one client's transport and discovery document. */
export function createTokenLifecycle(deps: TokenLifecycleDeps): TokenLifecycle {
  const { transport, provider, client } = deps
  const endpoint = async (name: string, options: CallOptions, pick?: (m: ProviderMetadata) => unknown) => {
    const metadata = await provider.metadata(options)
    const value = pick ? pick(metadata) : metadata[name]
    if (typeof value !== 'string' || value === '')
      throw new RedirectlessError(ErrorCodes.INVALID_RESPONSE, `The OpenID discovery document lacks ${name}`)
    return value
  }
  // Back-channel calls carry no cookies: the tokens are the credentials.
  const send = (options: CallOptions): SendOptions => ({
    signal: options.signal,
    timeout: options.timeout,
    credentials: 'omit',
  })
  const secret = (value: unknown, name: string): string => {
    if (typeof value !== 'string' || value === '')
      throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, `${name} must be a non-empty string`)
    return value
  }
  // The token went out in the request; masked in case the server repeats it in an error.
  const masking = async <T>(values: readonly (string | undefined)[], run: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (error) {
      const shown = values.filter((v): v is string => typeof v === 'string')
      throw error instanceof RedirectlessError ? redactErrorValues(error, shown) : error
    }
  }

  return {
    refresh(refreshToken, options = {}) {
      return masking([refreshToken], async () => {
        const token = secret(refreshToken, 'refreshToken')
        const scope = Array.isArray(options.scope)
          ? options.scope.join(' ')
          : (options.scope as string | undefined)
        const tokenEndpoint = await endpoint('token_endpoint', options)
        // The keys first, as for a code: a rotated refresh token cannot be spent twice.
        const keys = await provider.keyResolver(options)
        const tokens = await refreshTokens(
          transport,
          { tokenEndpoint, client, refreshToken: token, scope, now: deps.now },
          send(options),
        )
        return validateRefreshedIdToken(
          tokens,
          keys,
          { issuer: provider.issuer, clientId: client.clientId, now: deps.now },
          options.originalClaims,
        )
      })
    },
    revoke(token, options = {}) {
      return masking([token], async () => {
        const value = secret(token, 'token')
        const hint = options.tokenTypeHint
        if (hint !== undefined && hint !== 'access_token' && hint !== 'refresh_token')
          throw new RedirectlessError(
            ErrorCodes.INVALID_ARGUMENT,
            'tokenTypeHint must be access_token or refresh_token',
          )
        const [tokenEndpoint, revocationEndpoint] = [
          await endpoint('token_endpoint', options),
          await endpoint('revocation_endpoint', options),
        ]
        await revokeToken(
          transport,
          { revocationEndpoint, tokenEndpoint, client, token: value, tokenTypeHint: hint, now: deps.now },
          send(options),
        )
      })
    },
    userinfo(accessToken, options = {}) {
      return masking([accessToken], async () => {
        const value = secret(accessToken, 'accessToken')
        const userinfoEndpoint = await endpoint('userinfo_endpoint', options)
        return fetchUserinfo(
          transport,
          { userinfoEndpoint, accessToken: value, subject: options.subject },
          send(options),
        )
      })
    },
    signOff(options = {}) {
      return masking([options.idTokenHint], async () => {
        if (options.idTokenHint !== undefined) secret(options.idTokenHint, 'idTokenHint')
        const endSessionEndpoint = await endpoint('end_session_endpoint', options, deps.endSessionEndpoint)
        const jar =
          options.cookies === undefined ? deps.cookies.create() : deps.cookies.restore(options.cookies)
        return endSession(
          transport,
          {
            endSessionEndpoint,
            clientId: client.clientId,
            idTokenHint: options.idTokenHint,
            postLogoutRedirectUri: options.postLogoutRedirectUri,
            state: options.state,
          },
          { signal: options.signal, timeout: options.timeout, fetch: jar.wrap(transport.fetch) },
        )
      })
    },
  }
}
