import type { FetchLike } from '@redirectless/core'
import type { Emulator } from '@redirectless/emulator'
import { type HybridLoginOptions, loginHintTokenFromSecret } from '@redirectless/orchestrator'
import { createPingFederateClient } from '@redirectless/pingfederate'
import { createPingOneClient } from '@redirectless/pingone'
import { demoPingOneParams } from './pingone-demo.js'
import type { Party } from './timing/exchange.js'

/** Which party each emulator origin is, for the timing table. */
export function emulatorParties(emulator: Emulator): Map<string, Party> {
  return new Map<string, Party>([
    [new URL(emulator.pingFederate.baseUrl).origin, 'pingFederate'],
    [new URL(emulator.pingOne.authBaseUrl).origin, 'pingOne'],
  ])
}

/**
 * The two-stage login against the emulator, wired as a real deployment would be: the public PKCE
 * client at PingFederate, the confidential app at PingOne with the MFA-only policy (or the one
 * `p1AcrValues` or the demo user calls for), and the login_hint_token minted from the issuer
 * app's secret (the CLI plays the server here).
 */
export function demoLoginOptions(
  emulator: Emulator,
  fetch: FetchLike,
  p1AcrValues?: string | undefined,
): HybridLoginOptions {
  const { pingFederate: pf, pingOne: p1 } = emulator
  return {
    pingFederate: createPingFederateClient({ baseUrl: pf.baseUrl, clientId: pf.clientId, fetch }),
    pingOne: createPingOneClient({
      authBaseUrl: p1.authBaseUrl,
      environmentId: p1.environmentId,
      clientId: p1.clientId,
      clientSecret: p1.clientSecret,
      fetch,
    }),
    loginHintToken: loginHintTokenFromSecret({
      issuer: p1.loginHintIssuer.clientId,
      secret: p1.loginHintIssuer.secret,
      audience: p1.issuer,
    }),
    pingFederateParams: { scope: 'openid profile email' },
    pingOneParams: demoPingOneParams(emulator, p1AcrValues),
  }
}
