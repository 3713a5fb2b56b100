// STUB — replaced by the PingOne half. Keep the exported names and signatures.
import type { EmulatorHalf, HalfContext } from '../shared/half.js'

/** Everything that shapes the PingOne half: environment, applications, users and devices, policies, switches. */
export interface PingOneConfig {
  readonly placeholder?: true
}

export const defaultPingOneConfig: PingOneConfig = {}

/** What a caller needs to point a client at this half. */
export interface PingOneInfo {
  readonly authBaseUrl: string
  readonly environmentId: string
  readonly clientId: string
  readonly clientSecret: string
  readonly loginHintIssuer: { readonly clientId: string; readonly secret: string }
}

/** A message the emulator "sent" (SMS, e-mail, voice, push text). */
export interface OutboxMessage {
  readonly username: string
  readonly channel: string
  readonly deviceId: string
  readonly otp?: string
  readonly text: string
  readonly at: number
}

export interface Outbox {
  /** The last message sent to this user, or undefined. */
  last(username: string): OutboxMessage | undefined
  all(username?: string): readonly OutboxMessage[]
  clear(): void
  /** Calls `listener` for every message from now on; returns an unsubscribe function. */
  subscribe(listener: (message: OutboxMessage) => void): () => void
}

export interface PushController {
  /** Approves the pending push of this user; false when there is none. */
  approve(username: string): boolean
  /** Denies the pending push of this user; false when there is none. */
  deny(username: string): boolean
  /** Lets the pending push of this user time out now; false when there is none. */
  timeout(username: string): boolean
  /** Usernames with a push waiting. */
  pending(): readonly string[]
}

export function createPingOneHalf(
  ctx: HalfContext,
  _config: PingOneConfig,
): EmulatorHalf & { info: PingOneInfo; outbox: Outbox; push: PushController } {
  const empty: Outbox = { last: () => undefined, all: () => [], clear() {}, subscribe: () => () => {} }
  return {
    product: 'pingone',
    route: () => 'other',
    fetch: () => new Response('not implemented', { status: 501 }),
    info: {
      authBaseUrl: ctx.baseUrl,
      environmentId: '00000000-0000-0000-0000-000000000000',
      clientId: 'x',
      clientSecret: 'x',
      loginHintIssuer: { clientId: 'x', secret: 'x' },
    },
    outbox: empty,
    push: { approve: () => false, deny: () => false, timeout: () => false, pending: () => [] },
  }
}
