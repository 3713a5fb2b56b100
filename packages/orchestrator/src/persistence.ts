import type { AnyStateMachine, Snapshot } from 'xstate'
import { checkPersistedLogin } from './restore.js'
import { type SealingKeys, type SealOptions, seal, type UnsealOptions, unseal } from './sealing.js'
import { dropSecrets, revealDeep, Secret } from './secret.js'

/**
 * Makes `getPersistedSnapshot()` plain JSON with the secrets revealed (PKCE verifiers, cookies,
 * tokens: what another process needs to continue) and `createActor(machine, { snapshot })` wrap
 * them again. Submitted bodies are never persisted.
 */
export function withSecretPersistence<M extends AnyStateMachine>(machine: M): M {
  const persist = machine.getPersistedSnapshot.bind(machine)
  const restore = machine.restoreSnapshot?.bind(machine)
  Object.assign(machine, {
    getPersistedSnapshot: (snapshot: unknown, options?: unknown) => {
      const { children, ...rest } = persist(snapshot as never, options as never) as { children?: unknown }
      // Secrets are revealed once, in the context's vault; a running step's input keeps none (it
      // is re-run from the context after a restore).
      const persisted = { ...(revealDeep(rest) as { status?: string }), children: dropSecrets(children) }
      // An actor stopped at the end of a request (a BFF) is still where the login resumes next time.
      return persisted.status === 'stopped' ? { ...persisted, status: 'active' } : persisted
    },
    restoreSnapshot: (snapshot: unknown, scope: unknown) => {
      // restoreHybridLogin checks before an actor exists; this is for createActor called directly.
      checkPersistedLogin(snapshot)
      const s = snapshot as unknown as { context: { vault?: unknown }; children?: unknown }
      const { vault } = s.context
      const secret =
        vault instanceof Secret ? vault : new Secret(vault && typeof vault === 'object' ? vault : {})
      const rewrapped = {
        ...s,
        context: { ...s.context, vault: secret },
        children: withVault(s.children, secret),
      }
      return restore ? restore(rewrapped as never, scope as never) : rewrapped
    },
  })
  return machine
}

/** A step that was running when the snapshot was taken gets the vault back from the context. */
function withVault(children: unknown, vault: Secret<unknown>): unknown {
  if (!children || typeof children !== 'object') return children
  return Object.fromEntries(
    Object.entries(children).map(([id, child]) => {
      const input = (child as { snapshot?: { input?: unknown } })?.snapshot?.input
      if (!input || typeof input !== 'object' || !('vault' in input)) return [id, child]
      const c = child as { snapshot: Record<string, unknown> }
      return [id, { ...c, snapshot: { ...c.snapshot, input: { ...input, vault } } }]
    }),
  )
}

/** The purpose {@link sealSnapshot} seals for: a hybrid login between two requests. */
export const HYBRID_LOGIN_PURPOSE = 'redirectless/hybrid-login'

/** {@link SealOptions} without the purpose, which {@link sealSnapshot} fixes. */
export type SealSnapshotOptions = Omit<SealOptions, 'purpose'>

/**
 * Seals a persisted login (`actor.getPersistedSnapshot()`) for {@link HYBRID_LOGIN_PURPOSE}: see
 * {@link seal}. Expires after `expiresIn` seconds (default 900, PingOne's flow lifetime).
 */
export function sealSnapshot(
  snapshot: unknown,
  keys: SealingKeys,
  options: SealSnapshotOptions = {},
): Promise<string> {
  return seal(snapshot, keys, { ...options, purpose: HYBRID_LOGIN_PURPOSE })
}

/**
 * Unseals what {@link sealSnapshot} made and checks that it is a persisted hybrid login
 * ({@link checkPersistedLogin}): a value sealed for another purpose (an app's session cookie), a
 * tampered, expired or foreign one is `INVALID_ARGUMENT`, before any actor exists.
 */
export async function unsealSnapshot<T = Snapshot<unknown>>(
  sealed: unknown,
  keys: SealingKeys,
  options: Omit<UnsealOptions, 'purpose'> = {},
): Promise<T> {
  const value = await unseal(sealed, keys, { ...options, purpose: HYBRID_LOGIN_PURPOSE })
  checkPersistedLogin(value)
  return value as T
}
