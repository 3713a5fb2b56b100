import { type Actor, createActor, type SnapshotFrom, waitFor } from 'xstate'
import type { HybridLoginMachine } from './machine.js'
import { restoreHybridLogin } from './restore.js'
import { type HybridLoginPhase, hybridLoginPhase } from './snapshot.js'

/** Where a login waits for the next request: the user must act, or it has ended. */
const SETTLED: ReadonlySet<HybridLoginPhase> = new Set(['input', 'error', 'done', 'failed', 'canceled'])

/** How {@link advanceHybridLogin} (and a login store's steps) wait for the login to need the user. */
export interface AdvanceOptions {
  /**
   * How long to wait for the login to need the user again, in ms: a pending push is waited for
   * this long (a long poll) before the login is handed back still `waiting`. Default 20 000.
   */
  readonly waitMs?: number
}

/** One request's worth of a login: its settled snapshot, and what to keep until the next request. */
export interface Advanced {
  /** The snapshot to answer from (`hybridLoginPhase`, `context`, `hybridLoginResult` once done). */
  readonly snapshot: SnapshotFrom<HybridLoginMachine>
  /** `actor.getPersistedSnapshot()`: plain JSON with the login's secrets, to seal or store. */
  readonly persisted: unknown
}

/**
 * Runs one request of a login on a backend: restores it from `persisted` (checked; a new login when
 * undefined), applies `send` (a SUBMIT, RETRY or CANCEL), waits until the login needs the user or
 * has ended, and stops the actor. What a BFF does on every request, with a sealed cookie or a store.
 *
 * @example
 * ```ts
 * const { snapshot, persisted } = await advanceHybridLogin(machine, restored, (actor) =>
 *   actor.send(submitEvent('checkUsernamePassword', { username, password })),
 * )
 * ```
 * @throws `INVALID_ARGUMENT` when `persisted` is not a persisted hybrid login.
 */
export async function advanceHybridLogin(
  machine: HybridLoginMachine,
  persisted: unknown,
  send?: (actor: Actor<HybridLoginMachine>) => void,
  options: AdvanceOptions = {},
): Promise<Advanced> {
  const actor = persisted === undefined ? createActor(machine) : restoreHybridLogin(machine, persisted)
  actor.start()
  try {
    send?.(actor)
    const snapshot = await waitFor(actor, (s) => SETTLED.has(hybridLoginPhase(s)), {
      timeout: options.waitMs ?? 20_000,
    }).catch(() => actor.getSnapshot())
    return { snapshot, persisted: actor.getPersistedSnapshot() }
  } finally {
    actor.stop()
  }
}

/** Whether a login has ended (done, failed or cancelled): nothing is left to keep. */
export const hasEnded = (snapshot: SnapshotFrom<HybridLoginMachine>): boolean =>
  ['done', 'failed', 'canceled'].includes(hybridLoginPhase(snapshot))
