import { ErrorCodes, RedirectlessError } from '@redirectless/core'
import type { AnyStateMachine } from 'xstate'
import { dropSecrets, revealDeep, Secret } from './secret.js'

// jose's JWE code loads with the first seal or unseal: only a server that persists logins needs it,
// and an import of the orchestrator (a browser app, a CLI) should not pay for it.
let encrypt: Promise<typeof import('jose/jwe/compact/encrypt')> | undefined
let decrypt: Promise<typeof import('jose/jwe/compact/decrypt')> | undefined
const joseJwe = {
  encrypt: () => (encrypt ??= import('jose/jwe/compact/encrypt')),
  decrypt: () => (decrypt ??= import('jose/jwe/compact/decrypt')),
}

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
      const s = snapshot as { context?: { vault?: unknown }; children?: unknown } | undefined
      if (!s || typeof s !== 'object' || !s.context || typeof s.context !== 'object') {
        throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, 'Not a persisted hybrid login snapshot')
      }
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

/** A 32-byte key, or a passphrase of at least 32 characters (hashed to 32 bytes). */
export type SealingKey = Uint8Array | string

async function keyBytes(key: SealingKey): Promise<Uint8Array> {
  if (key instanceof Uint8Array) {
    if (key.length !== 32)
      throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, 'The sealing key must be 32 bytes')
    return key
  }
  if (typeof key !== 'string' || key.length < 32) {
    throw new RedirectlessError(
      ErrorCodes.INVALID_ARGUMENT,
      'The sealing passphrase must be at least 32 characters',
    )
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)))
}

async function transform(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  const piped = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(stream as unknown as ReadableWritablePair<Uint8Array, Uint8Array>)
  return new Uint8Array(await new Response(piped).arrayBuffer())
}

export interface SealOptions {
  /** Seconds the sealed snapshot stays valid. Default 900 (PingOne's flow lifetime). */
  readonly expiresIn?: number
  readonly now?: () => number
}

/**
 * Encrypts a persisted snapshot (JWE, `dir` + `A256GCM`, deflated) so it can be kept in a cookie
 * or any store; it expires after `expiresIn` seconds.
 */
export async function sealSnapshot(
  snapshot: unknown,
  key: SealingKey,
  options: SealOptions = {},
): Promise<string> {
  const now = options.now ?? Date.now
  const expiresIn = options.expiresIn ?? 900
  if (!(expiresIn > 0))
    throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, 'expiresIn must be a positive number of seconds')
  const payload = new TextEncoder().encode(
    JSON.stringify({ exp: Math.floor(now() / 1000) + expiresIn, snapshot: revealDeep(snapshot) }),
  )
  const deflated = await transform(payload, new CompressionStream('deflate-raw'))
  const { CompactEncrypt } = await joseJwe.encrypt()
  return new CompactEncrypt(deflated)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: 'redirectless-snapshot+deflate' })
    .encrypt(await keyBytes(key))
}

/** Decrypts what {@link sealSnapshot} made; a forged, tampered or expired one is `INVALID_ARGUMENT`. */
export async function unsealSnapshot<T = unknown>(
  sealed: string,
  key: SealingKey,
  options: Pick<SealOptions, 'now'> = {},
): Promise<T> {
  const now = options.now ?? Date.now
  const invalid = () =>
    new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, 'The sealed snapshot is invalid or expired')
  if (typeof sealed !== 'string') throw invalid()
  const bytes = await keyBytes(key)
  let payload: { exp?: unknown; snapshot?: unknown }
  try {
    const { compactDecrypt } = await joseJwe.decrypt()
    const { plaintext, protectedHeader } = await compactDecrypt(sealed, bytes, {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
    })
    if (protectedHeader.cty !== 'redirectless-snapshot+deflate') throw invalid()
    payload = JSON.parse(
      new TextDecoder().decode(await transform(plaintext, new DecompressionStream('deflate-raw'))),
    )
  } catch {
    throw invalid()
  }
  if (
    !payload ||
    typeof payload !== 'object' ||
    typeof payload.exp !== 'number' ||
    payload.exp * 1000 <= now()
  ) {
    throw invalid()
  }
  return payload.snapshot as T
}
