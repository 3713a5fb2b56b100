import type { EmulatorClock } from '../shared/clock.js'

/** The channel a message went out on. `TOTP` records the code the authenticator app shows; nothing is sent. */
export type OutboxChannel = 'SMS' | 'EMAIL' | 'VOICE' | 'TOTP' | 'PUSH'

/** A message the emulator "sent" (SMS, e-mail, voice, push text). */
export interface OutboxMessage {
  readonly username: string
  readonly channel: OutboxChannel
  readonly deviceId: string
  /** The one-time passcode (or recovery code) the message carries; absent on push. */
  readonly otp?: string
  /** The rendered notification text (`pi.template` variables substituted). */
  readonly text: string
  /** Emulator-clock milliseconds. */
  readonly at: number
  readonly flowId: string
  /** Why it was sent. */
  readonly purpose: 'otp' | 'push' | 'recovery' | 'verification' | 'invitation'
  /** The unmasked phone number or address it went to. */
  readonly to?: string
  /** The `pi.template` of the request JWT, when there was one. */
  readonly template?: {
    readonly name: string
    readonly variant?: string
    readonly variables: Readonly<Record<string, unknown>>
  }
  /** Push only: the request JWT's `pi.clientContext`, as the mobile app would receive it. */
  readonly clientContext?: Readonly<Record<string, unknown>>
}

/** Messages the PingOne half "sent". */
export interface Outbox {
  /** The last message sent to this user, or undefined. */
  last(username: string): OutboxMessage | undefined
  /** Every message sent, oldest first; only this user's when `username` is given. */
  all(username?: string): readonly OutboxMessage[]
  /** Forgets every message. */
  clear(): void
  /** Calls `listener` for every message from now on; returns an unsubscribe function. */
  subscribe(listener: (message: OutboxMessage) => void): () => void
}

/** The outbox plus the half's own way in. */
export interface OutboxSink extends Outbox {
  send(message: Omit<OutboxMessage, 'at'>): OutboxMessage
}

/** An empty outbox; messages are stamped with the emulator clock. */
export function createOutbox(clock: EmulatorClock): OutboxSink {
  const messages: OutboxMessage[] = []
  const listeners = new Set<(message: OutboxMessage) => void>()
  return {
    send(message) {
      const sent: OutboxMessage = { ...message, at: clock.now() }
      messages.push(sent)
      for (const listener of listeners) listener(sent)
      return sent
    },
    last: (username) => messages.findLast((m) => m.username === username),
    all: (username) =>
      username === undefined ? [...messages] : messages.filter((m) => m.username === username),
    clear() {
      messages.length = 0
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
