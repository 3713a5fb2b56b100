/**
 * The Node entry (chosen by the `node` export condition): everything of the main entry, with
 * {@link createPingOneClient} giving each flow its own tough-cookie jar unless `cookies` says
 * otherwise, so two users' flows in one process never share PingOne's `ST` cookie.
 * @module
 */
import { createClientAssertion } from '@redirectless/core'
import { toughCookieJar } from '@redirectless/core/cookies'
import { createClient, type PingOneClient, type PingOneClientOptions } from './client.js'

export * from './index.js'

/**
 * Creates a PingOne client whose flows keep cookies in a per-flow jar (serialised by
 * `flow.toJSON()`). See the main entry's `createPingOneClient` for the options.
 *
 * @example
 * ```ts
 * const p1 = createPingOneClient({ authBaseUrl: 'EU', environmentId, clientId, clientSecret })
 * ```
 */
export function createPingOneClient(options: PingOneClientOptions): PingOneClient {
  // A missing options object is left for the main entry to refuse with its own message.
  if (!options || typeof options !== 'object') return createClient(options)
  // This entry signs client_secret_jwt and private_key_jwt assertions; browser bundles never carry it.
  return createClient({ ...options, cookies: options.cookies ?? toughCookieJar }, createClientAssertion)
}
