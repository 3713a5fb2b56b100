import type { CookieAttributes } from '../pingfederate/cookies.js'
import type { EmulatorClock } from '../shared/clock.js'
import type { SigningKey } from '../shared/keys.js'
import type { PingOneConfig } from './config.js'
import type { FidoRegistry } from './fido-keys.js'
import type { OutboxSink } from './outbox.js'
import type { Store } from './store.js'

/** What every PingOne handler works with. */
export interface P1Context {
  readonly config: PingOneConfig
  readonly clock: EmulatorClock
  /** The auth host origin, e.g. `http://127.0.0.1:41234`. */
  readonly baseUrl: string
  /** `{baseUrl}/{envId}`: flow links, the `ST` cookie path. */
  readonly envBase: string
  /** `{baseUrl}/{envId}/as`: the issuer, and the `aud` of authorize JWTs. */
  readonly issuer: string
  /** `SameSite` and `Secure` of `ST`, resolved for the auth host (`sessionCookieAttributes`). */
  readonly cookieAttributes: CookieAttributes
  readonly signingKey: () => Promise<SigningKey>
  readonly outbox: OutboxSink
  readonly store: Store
  readonly fido: FidoRegistry
}
