import {
  type ClientCredentials,
  type CookieJarProvider,
  createTokenLifecycle,
  type ProviderKeys,
  type TokenLifecycle,
  type Transport,
} from '@redirectless/core'

/**
 * PingFederate's token lifecycle: the `refresh_token` grant at `/as/token.oauth2`, revocation at
 * `/as/revoke_token.oauth2`, UserInfo at `/idp/userinfo.openid`, and sign-off at the OIDC
 * RP-initiated logout endpoint (`/idp/init_logout.openid`), all as discovery names them. A server
 * that publishes only Ping's own `ping_end_session_endpoint` (`/idp/startSLO.ping`) signs off there.
 */
export function pingFederateTokens(deps: {
  readonly transport: Transport
  readonly provider: ProviderKeys
  readonly client: ClientCredentials
  readonly cookies: CookieJarProvider
  readonly now?: (() => number) | undefined
}): TokenLifecycle {
  return createTokenLifecycle({
    ...deps,
    endSessionEndpoint: (metadata) => metadata.end_session_endpoint ?? metadata.ping_end_session_endpoint,
  })
}
