// STUB — replaced by the PingFederate half. Keep the exported names and signatures.
import type { EmulatorHalf, HalfContext } from '../shared/half.js'

/** Everything that shapes the PingFederate half: clients, users, policy, and the UNCONFIRMED switches. */
export interface PingFederateConfig {
  /** Placeholder until the half lands. */
  readonly placeholder?: true
}

export const defaultPingFederateConfig: PingFederateConfig = {}

/** What a caller needs to point a client at this half. */
export interface PingFederateInfo {
  readonly baseUrl: string
  readonly clientId: string
}

export function createPingFederateHalf(
  ctx: HalfContext,
  _config: PingFederateConfig,
): EmulatorHalf & { info: PingFederateInfo } {
  return {
    product: 'pingfederate',
    route: () => 'other',
    fetch: () => new Response('not implemented', { status: 501 }),
    info: { baseUrl: ctx.baseUrl, clientId: 'redirectless-demo' },
  }
}
