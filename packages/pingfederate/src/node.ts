/**
 * The Node entry: everything the main entry has, with one difference — `createPingFederateClient`
 * gives each flow its own tough-cookie jar unless `cookies` says otherwise, because Node has no
 * cookie store of its own.
 * @module
 */
import { toughCookieJar } from '@redirectless/core/cookies'
import { createClient, type PingFederateClient } from './client.js'
import type { PingFederateClientOptions } from './client-options.js'

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
  return createClient(options, toughCookieJar)
}
