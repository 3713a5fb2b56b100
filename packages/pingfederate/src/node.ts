/**
 * The Node entry (Node, Deno and Bun resolve it): everything the main entry has, and what only a
 * server does — `createPingFederateClient` gives each flow its own tough-cookie jar unless `cookies`
 * says otherwise (Node has no cookie store of its own), signs `client_secret_jwt` and
 * `private_key_jwt` assertions (jose's signing code stays out of browser bundles), and can follow
 * `resumeUrl` (`followResume`).
 * @module
 */
import { createClientAssertion } from '@redirectless/core'
import { toughCookieJar } from '@redirectless/core/cookies'
import { createClient, type PingFederateClient } from './client.js'
import type { PingFederateClientOptions } from './client-options.js'
import { followResume } from './resume.js'

export * from './index.js'

/**
 * Creates a PingFederate Authentication API client in redirectless mode, each flow with its own
 * tough-cookie jar (saved with `flow.toJSON()`).
 *
 * @example
 * ```ts
 * const pf = createPingFederateClient({ baseUrl: 'https://sso.example.com:9031', clientId: 'my-app' })
 * const flow = await pf.startFlow({ scope: ['openid', 'profile'] })
 * await flow.submit('checkUsernamePassword', { username, password })
 * const { tokens, claims } = await flow.complete()
 * ```
 * @throws `INVALID_ARGUMENT` naming the first bad option.
 */
export function createPingFederateClient(options: PingFederateClientOptions): PingFederateClient {
  return createClient(options, toughCookieJar, { signClientAssertion: createClientAssertion, followResume })
}
