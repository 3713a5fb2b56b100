import type { EmulatorClock } from './clock.js'
import type { EdgeError, EdgeFailure } from './edge.js'
import type { SigningKey } from './keys.js'

/** Which half of the emulator: PingFederate or PingOne. */
export type Product = 'pingfederate' | 'pingone'

/** The routes a fault rule can name. Each half maps its own paths onto these. */
export type RouteName = 'authorize' | 'flow' | 'resume' | 'token' | 'discovery' | 'jwks' | 'other'

/** What the composition gives each half. */
export interface HalfContext {
  /** The half's public origin and base path, e.g. `http://127.0.0.1:41234`; every link it writes starts here. */
  readonly baseUrl: string
  readonly clock: EmulatorClock
  readonly signingKey: () => Promise<SigningKey>
}

/** One emulated product: a web-standard fetch handler plus a route classifier for fault injection. */
export interface EmulatorHalf {
  readonly product: Product
  route(url: URL, method: string): RouteName
  /** `env` is @hono/node-server's `{ incoming, outgoing }` over HTTP, undefined in-process. */
  fetch(request: Request, env?: unknown): Response | Promise<Response>
  /** A failure answered outside any route (a body over the limits, a crash), in the product's envelope. */
  edgeError(failure: EdgeFailure): EdgeError
}
