import { ErrorCodes, RedirectlessError, randomToken } from '@redirectless/core'
import type { Actor } from 'xstate'
import { type Advanced, type AdvanceOptions, advanceHybridLogin, hasEnded } from '../advance.js'
import type { HybridLoginMachine } from '../machine.js'
import { sealSnapshot, unsealSnapshot } from '../persistence.js'
import type { HybridLoginStep } from '../run.js'
import { MAX_SEALED_LIFETIME, type SealingKeys } from '../sealing.js'
import { type HybridLoginPhase, hybridLoginPhase } from '../snapshot.js'
import type { HybridLoginContext } from '../types.js'
import type { FlowStore, StoredValue } from './flow-store.js'

/** What {@link createLoginStore} takes: the store, the machine and the sealing keys. */
export interface LoginStoreOptions extends AdvanceOptions {
  /** Where the logins are kept; shared by every instance of the backend. */
  readonly store: FlowStore
  readonly machine: HybridLoginMachine
  /** Seals each login at rest (see `seal`): a store that leaks leaks no cookie, token or verifier. */
  readonly sealingKey: SealingKeys
  /**
   * Seconds a login is kept when its flow names no expiry of its own. Default 900 (PingOne's flow
   * lifetime); a PingOne flow's `expiresAt` wins when it is sooner.
   */
  readonly lifetimeSeconds?: number
  /**
   * How long one request may hold a login, in ms; past it, another instance may take the login over
   * (the first one died). Default: the wait (`waitMs`) plus 30 s.
   */
  readonly leaseMs?: number
  /** The clock, in ms since the epoch; `Date.now` by default. */
  readonly now?: () => number
}

/** A stored login as the browser may see it: its phase and its context without the vault. */
export interface LoginView {
  readonly phase: HybridLoginPhase
  readonly context: HybridLoginStep
}

/** What one request did to a stored login. */
export type LoginStep =
  | (Advanced & { readonly id: string; readonly conflict?: undefined })
  | {
      readonly id: string
      /**
       * `CONFLICT`: another request holds the login (the same step sent twice, a double click, a
       * second instance); this one ran nothing. `current` is the login as it is stored now.
       */
      readonly conflict: RedirectlessError
      readonly current: LoginView | undefined
    }

/** What is stored per login: the sealed persisted snapshot, and who holds it until when. */
interface Record {
  readonly sealed: string
  readonly lease?: { readonly owner: string; readonly until: number } | undefined
}

/**
 * Logins kept in a {@link FlowStore} between requests, for a backend on one or many instances:
 * each step runs exactly once (a request first claims the login with a compare-and-set; a second
 * request for the same login meanwhile gets `CONFLICT` and runs nothing), a login is sealed at rest,
 * its key is a random id that names nothing (send the id to the browser, in an HttpOnly cookie), it
 * expires with its flow, and it is deleted as soon as it ends.
 *
 * @example
 * ```ts
 * const logins = createLoginStore({ store: createMemoryFlowStore(), machine, sealingKey })
 * const { id, snapshot } = await logins.start()
 * const next = await logins.step(id, (actor) => actor.send(submitEvent(action, body)))
 * ```
 */
export function createLoginStore(options: LoginStoreOptions) {
  const { store, machine, sealingKey } = options
  const now = options.now ?? Date.now
  const lifetime = Math.min(options.lifetimeSeconds ?? 900, MAX_SEALED_LIFETIME)
  const leaseMs = options.leaseMs ?? (options.waitMs ?? 20_000) + 30_000
  if (!store || typeof store.get !== 'function' || typeof store.put !== 'function') {
    throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, 'createLoginStore needs a FlowStore')
  }
  if (!(lifetime > 0) || !(leaseMs > 0)) {
    throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, 'lifetimeSeconds and leaseMs must be positive')
  }

  /** Seconds to keep `advanced`: its PingOne flow's own expiry when sooner than the lifetime. */
  const ttlOf = (advanced: Advanced): number => {
    const expiresAt = Date.parse(
      String((advanced.snapshot.context.state as { expiresAt?: unknown })?.expiresAt),
    )
    const flowLeft = Number.isNaN(expiresAt) ? lifetime : Math.ceil((expiresAt - now()) / 1000)
    return Math.max(1, Math.min(lifetime, flowLeft))
  }

  const recordOf = (stored: StoredValue | undefined): Record | undefined => {
    const value = stored?.value as Partial<Record> | undefined
    return value && typeof value.sealed === 'string' ? (value as Record) : undefined
  }

  /** The login as stored, read without running anything; undefined when it cannot be read. */
  const peek = async (id: string): Promise<LoginView | undefined> => {
    const record = recordOf(await store.get(id))
    if (!record) return undefined
    const persisted = await unsealSnapshot<{ value: unknown; status: string; context: HybridLoginContext }>(
      record.sealed,
      sealingKey,
    ).catch(() => undefined)
    if (!persisted) return undefined
    const { vault: _secrets, ...context } = persisted.context
    return { phase: hybridLoginPhase(persisted), context }
  }

  const conflict = async (id: string): Promise<LoginStep> => ({
    id,
    conflict: new RedirectlessError(
      ErrorCodes.CONFLICT,
      'Another request is working on this login; answer its current state',
      { retryable: true },
    ),
    current: await peek(id),
  })

  const keep = async (id: string, advanced: Advanced, version: number | undefined): Promise<void> => {
    if (hasEnded(advanced.snapshot)) {
      await store.delete(id)
      return
    }
    const record: Record = {
      sealed: await sealSnapshot(advanced.persisted, sealingKey, { expiresIn: ttlOf(advanced) }),
    }
    await store.put(id, record, { ttlSeconds: ttlOf(advanced), ...(version !== undefined && { version }) })
  }

  return {
    /** Starts a login under a new random id and keeps it (unless it ended at once). */
    async start(send?: (actor: Actor<HybridLoginMachine>) => void): Promise<LoginStep> {
      const id = randomToken()
      const advanced = await advanceHybridLogin(machine, undefined, send, options)
      await keep(id, advanced, undefined)
      return { id, ...advanced }
    },

    /**
     * Runs one request on login `id`: claims it, runs `send` (or just waits, for a pending push),
     * keeps the result or deletes the login once it ended.
     * @throws `FLOW_EXPIRED` when there is no such login (expired, ended, or never started).
     */
    async step(id: string, send?: (actor: Actor<HybridLoginMachine>) => void): Promise<LoginStep> {
      const stored = typeof id === 'string' && id !== '' ? await store.get(id) : undefined
      const record = recordOf(stored)
      if (!stored || !record) {
        throw new RedirectlessError(ErrorCodes.FLOW_EXPIRED, 'There is no such login; start a new one')
      }
      if (record.lease && record.lease.until > now()) return conflict(id)
      const persisted = await unsealSnapshot(record.sealed, sealingKey).catch(() => {
        throw new RedirectlessError(
          ErrorCodes.FLOW_EXPIRED,
          'The stored login cannot be read; start a new one',
        )
      })
      // The claim: whoever's compare-and-set wins runs the step; everyone else runs nothing.
      const owner = randomToken(undefined, 12)
      let claimed: number
      try {
        claimed = await store.put(
          id,
          { ...record, lease: { owner, until: now() + leaseMs } },
          { version: stored.version, ttlSeconds: Math.ceil(leaseMs / 1000) + lifetime },
        )
      } catch (error) {
        if ((error as { code?: unknown })?.code === ErrorCodes.CONFLICT) return conflict(id)
        throw error
      }
      const advanced = await advanceHybridLogin(machine, persisted, send, options)
      try {
        await keep(id, advanced, claimed)
      } catch (error) {
        // Held past its lease and taken over by another instance: that one's state stands.
        if ((error as { code?: unknown })?.code === ErrorCodes.CONFLICT) return conflict(id)
        throw error
      }
      return { id, ...advanced }
    },

    /** The login as it is now, read without running anything; undefined when there is none. */
    current: (id: string): Promise<LoginView | undefined> => peek(id),

    /** Forgets a login (the user signed out, or gave up). */
    delete: (id: string) => store.delete(id),
  }
}

/** What {@link createLoginStore} returns. */
export type LoginStore = ReturnType<typeof createLoginStore>
