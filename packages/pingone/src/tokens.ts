import {
  type ClientCredentials,
  type CookieJarProvider,
  createTokenLifecycle,
  type ProviderKeys,
  type TokenLifecycle,
  type Transport,
} from '@redirectless/core'

/**
 * PingOne's token lifecycle, under the environment's issuer `{authBaseUrl}/{envId}/as`: the
 * `refresh_token` grant at `/as/token`, revocation at `/as/revoke`, UserInfo at `/as/userinfo` and
 * sign-off at `/as/signoff` (which ends the session the `ST` cookie names), as discovery names them.
 */
export function pingOneTokens(deps: {
  readonly transport: Transport
  readonly provider: ProviderKeys
  readonly client: ClientCredentials
  readonly cookies: CookieJarProvider
  readonly now?: (() => number) | undefined
}): TokenLifecycle {
  return createTokenLifecycle(deps)
}
