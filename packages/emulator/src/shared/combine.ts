import type { AssertionOptions, FidoTestAuthenticator } from '../pingone/fido-keys.js'
import type { Outbox, OutboxMessage } from '../pingone/outbox.js'

/**
 * One outbox over both halves' (PingOne's passcodes and pushes, PingFederate's MFA passcodes,
 * recovery codes and usernames), in the order the messages were sent.
 */
export function combineOutboxes(...boxes: readonly Outbox[]): Outbox {
  // Each half stamps its messages with the shared clock, which may not move between two of them:
  // the arrival order is kept by listening to every half from the start.
  const messages: OutboxMessage[] = []
  const listeners = new Set<(message: OutboxMessage) => void>()
  for (const box of boxes) {
    box.subscribe((message) => {
      messages.push(message)
      for (const listener of listeners) listener(message)
    })
  }
  return {
    last: (username) => messages.findLast((m) => m.username === username),
    all: (username) =>
      username === undefined ? [...messages] : messages.filter((m) => m.username === username),
    clear() {
      messages.length = 0
      for (const box of boxes) box.clear()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** One software authenticator holding the FIDO keys of both halves' devices. */
export function combineAuthenticators(
  ...authenticators: readonly FidoTestAuthenticator[]
): FidoTestAuthenticator {
  return {
    getAssertion(requestOptions: string | object, origin: string, options?: AssertionOptions): string {
      let refusal: unknown
      for (const authenticator of authenticators) {
        try {
          return authenticator.getAssertion(requestOptions, origin, options)
        } catch (error) {
          // This one holds none of the allowed credentials: the next one may.
          if ((error as { name?: string }).name !== 'NotAllowedError') throw error
          refusal = error
        }
      }
      throw refusal
    },
    publicKeyJwk: (credentialId) => {
      for (const authenticator of authenticators) {
        const jwk = authenticator.publicKeyJwk(credentialId)
        if (jwk) return jwk
      }
      return undefined
    },
    privateKeyPkcs8: (credentialId) => {
      for (const authenticator of authenticators) {
        const key = authenticator.privateKeyPkcs8(credentialId)
        if (key) return key
      }
      return undefined
    },
  }
}
