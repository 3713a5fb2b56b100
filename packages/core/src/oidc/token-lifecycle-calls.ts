import { ErrorCodes } from '../errors/codes.js'
import { RedirectlessError, redactErrorValues } from '../errors/redirectless-error.js'
import type { SendOptions } from '../http/transport.js'
import type { CallOptions } from '../http/types.js'
import { endSession } from './end-session.js'
import { refreshTokens, validateRefreshedIdToken } from './refresh.js'
import { revokeToken } from './revocation.js'
import type { TokenLifecycle, TokenLifecycleDeps } from './token-lifecycle.js'
import type { ProviderMetadata } from './types.js'
import { fetchUserinfo } from './userinfo.js'

/** The four lifecycle calls over one client's transport and discovery document. */
export function tokenLifecycleCalls(deps: TokenLifecycleDeps): TokenLifecycle {
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
