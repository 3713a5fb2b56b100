import { ErrorCodes, RedirectlessError } from '@redirectless/core'
import { revealDeep } from './secret.js'

// jose's JWE code loads with the first seal or unseal: only a server that persists logins needs it,
// and an import of the orchestrator (a browser app, a CLI) should not pay for it.
let encrypt: Promise<typeof import('jose/jwe/compact/encrypt')> | undefined
let decrypt: Promise<typeof import('jose/jwe/compact/decrypt')> | undefined
let header: Promise<typeof import('jose/decode/protected_header')> | undefined
const joseJwe = {
  encrypt: () => (encrypt ??= import('jose/jwe/compact/encrypt')),
  decrypt: () => (decrypt ??= import('jose/jwe/compact/decrypt')),
  header: () => (header ??= import('jose/decode/protected_header')),
}

/**
 * Key material for {@link seal}: 32 random bytes (`crypto.getRandomValues(new Uint8Array(32))`),
 * or a passphrase of at least 32 characters, which is stretched with PBKDF2-SHA-256 (600,000
 * iterations, once per process) before use.
 */
export type SealingKey = Uint8Array | string

/** One key of a {@link SealingKeyring}, named so that a sealed value says which key sealed it. */
export interface SealingKeyEntry {
  /** A short name, carried in the sealed value's header (`kid`); never secret. */
  readonly id: string
  readonly key: SealingKey
}

/**
 * Keys for rotation: the first one seals, any of them unseals what it sealed. Rotate by putting a
 * new key first and dropping the old one once what it sealed has expired.
 */
export type SealingKeyring = readonly [SealingKeyEntry, ...SealingKeyEntry[]]

/** One key, or a keyring (see {@link SealingKeyring}). A single key is named `default`. */
export type SealingKeys = SealingKey | SealingKeyring

/** What {@link seal} binds into a sealed value: its purpose and lifetime. */
export interface SealOptions {
  /**
   * What the value is for (`'hybrid-login'`, `'app-session'`, …). It is sealed in with the value,
   * and {@link unseal} refuses a value sealed for another purpose: two cookies sealed with one key
   * cannot stand in for each other.
   */
  readonly purpose: string
  /** Seconds the sealed value stays valid. Default 900 (PingOne's flow lifetime); at most 86,400. */
  readonly expiresIn?: number
  /** The clock, in ms since the epoch; `Date.now` by default. */
  readonly now?: () => number
}

/** What {@link unseal} checks a sealed value against. */
export interface UnsealOptions {
  /** The purpose the value must have been sealed for. */
  readonly purpose: string
  /** The clock, in ms since the epoch; `Date.now` by default. */
  readonly now?: () => number
}

/** A sealed value can be kept in a cookie or a store, but never grows past this. */
export const MAX_SEALED_LENGTH = 256 * 1024
/** What a sealed value may inflate to: deflate makes a bomb of a few kB expand a thousandfold. */
export const MAX_UNSEALED_BYTES = 1024 * 1024
/** Sealed values are short-lived by design: a day at the most. */
export const MAX_SEALED_LIFETIME = 86_400

const CTY = 'redirectless-sealed+deflate'
const PBKDF2_ITERATIONS = 600_000
// Fixed, so that every process derives the same key from the same passphrase; the passphrase's
// own length and variety (checked below) are what resist guessing, the stretching slows it.
const PBKDF2_SALT = new TextEncoder().encode('redirectless/sealing-key/v1')
const MIN_PASSPHRASE_LENGTH = 32
const MIN_DISTINCT_CHARACTERS = 12
const DEFAULT_KEY_ID = 'default'

const invalidArgument = (message: string) => new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, message)

// Derived keys, by passphrase: PBKDF2 runs once per passphrase and process.
const derived = new Map<string, Promise<Uint8Array>>()

function keyBytes(key: SealingKey): Promise<Uint8Array> {
  if (key instanceof Uint8Array) {
    if (key.length !== 32) throw invalidArgument('A sealing key must be 32 bytes')
    return Promise.resolve(key)
  }
  if (typeof key !== 'string') throw invalidArgument('A sealing key is 32 bytes or a passphrase string')
  if (key.length < MIN_PASSPHRASE_LENGTH || new Set(key).size < MIN_DISTINCT_CHARACTERS) {
    throw invalidArgument(
      `A sealing passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters, ${MIN_DISTINCT_CHARACTERS} of them different; better, 32 random bytes`,
    )
  }
  let bytes = derived.get(key)
  if (!bytes) {
    bytes = crypto.subtle
      .importKey('raw', new TextEncoder().encode(key), 'PBKDF2', false, ['deriveBits'])
      .then((material) =>
        crypto.subtle.deriveBits(
          { name: 'PBKDF2', hash: 'SHA-256', salt: PBKDF2_SALT, iterations: PBKDF2_ITERATIONS },
          material,
          256,
        ),
      )
      .then((bits) => new Uint8Array(bits))
    derived.set(key, bytes)
  }
  return bytes
}

/** The keyring `keys` stands for, checked: ids unique and safe to put in a header. */
function keyringOf(keys: SealingKeys): SealingKeyring {
  if (typeof keys === 'string' || keys instanceof Uint8Array) return [{ id: DEFAULT_KEY_ID, key: keys }]
  if (!Array.isArray(keys) || keys.length === 0) throw invalidArgument('A sealing keyring needs a key')
  const ids = new Set<string>()
  for (const entry of keys as readonly unknown[]) {
    const id = (entry as SealingKeyEntry | undefined)?.id
    if (typeof id !== 'string' || !/^[\w.-]{1,64}$/.test(id) || ids.has(id)) {
      throw invalidArgument('Each sealing key needs a unique id of letters, digits, "_", "." or "-"')
    }
    ids.add(id)
  }
  return keys as SealingKeyring
}

function checkPurpose(purpose: unknown): string {
  if (typeof purpose !== 'string' || !/^[\w.:/-]{1,100}$/.test(purpose)) {
    throw invalidArgument('purpose must name what the value is for (letters, digits and _ . : / -)')
  }
  return purpose
}

function checkNow(now: () => number): number {
  const value = typeof now === 'function' ? now() : Number.NaN
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalidArgument('now() must return a finite number of milliseconds')
  return value
}

async function transform(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit: number,
): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(stream as unknown as ReadableWritablePair<Uint8Array, Uint8Array>)
    .getReader()
  const chunks: Uint8Array[] = []
  let length = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    length += value.length
    if (length > limit) {
      await reader.cancel().catch(() => {})
      throw invalidArgument('The sealed value is too large')
    }
    chunks.push(value)
  }
  const out = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

/**
 * Encrypts `value` (JWE, `dir` + `A256GCM`, deflated) so that it can be kept in a cookie or any
 * store. The purpose, the key id and the expiry are sealed in: {@link unseal} refuses the value for
 * any other purpose, after `expiresIn` seconds, and without the key. {@link Secret}s inside the value
 * are revealed (sealing is how they are kept).
 *
 * @throws `INVALID_ARGUMENT` for a weak key, a missing purpose, a lifetime over a day, or a value
 *   that is not JSON.
 */
export async function seal(value: unknown, keys: SealingKeys, options: SealOptions): Promise<string> {
  const purpose = checkPurpose(options?.purpose)
  const [signing] = keyringOf(keys)
  const expiresIn = options.expiresIn ?? 900
  if (typeof expiresIn !== 'number' || !(expiresIn > 0) || expiresIn > MAX_SEALED_LIFETIME) {
    throw invalidArgument(`expiresIn must be a number of seconds from 1 to ${MAX_SEALED_LIFETIME}`)
  }
  const now = Math.floor(checkNow(options.now ?? Date.now) / 1000)
  let json: string
  try {
    json = JSON.stringify({ iat: now, exp: now + expiresIn, value: revealDeep(value) })
  } catch {
    throw invalidArgument('Only a JSON value can be sealed')
  }
  const plain = new TextEncoder().encode(json)
  // What could not be unsealed is refused here, where the caller can still do something about it.
  if (plain.length > MAX_UNSEALED_BYTES) throw invalidArgument('The value is too large to seal')
  const key = await keyBytes(signing.key)
  const deflated = await transform(plain, new CompressionStream('deflate-raw'), MAX_SEALED_LENGTH)
  const { CompactEncrypt } = await joseJwe.encrypt()
  const sealed = await new CompactEncrypt(deflated)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: CTY, kid: signing.id, purpose })
    .encrypt(key)
  if (sealed.length > MAX_SEALED_LENGTH) throw invalidArgument('The sealed value is too large')
  return sealed
}

/**
 * Decrypts what {@link seal} made for the same purpose. Anything else — another purpose, another
 * key, a tampered, expired, oversized or foreign value, a non-string — is `INVALID_ARGUMENT`, with
 * the same message whatever the reason, so the answer tells an attacker nothing.
 */
export async function unseal<T = unknown>(
  sealed: unknown,
  keys: SealingKeys,
  options: UnsealOptions,
): Promise<T> {
  const purpose = checkPurpose(options?.purpose)
  const keyring = keyringOf(keys)
  const now = checkNow(options.now ?? Date.now)
  const invalid = () => invalidArgument('The sealed value is invalid or expired')
  if (typeof sealed !== 'string' || sealed.length > MAX_SEALED_LENGTH) throw invalid()
  const [{ compactDecrypt }, { decodeProtectedHeader }] = await Promise.all([
    joseJwe.decrypt(),
    joseJwe.header(),
  ])
  let payload: { exp?: unknown; value?: unknown }
  try {
    // The key id picks the key; the header is authenticated only once that key decrypts it.
    const { kid } = decodeProtectedHeader(sealed)
    const entry = keyring.find((k) => k.id === kid)
    if (!entry) throw invalid()
    const { plaintext, protectedHeader } = await compactDecrypt(sealed, await keyBytes(entry.key), {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
    })
    // The header is authenticated (it is the JWE's additional data): its purpose is the sealer's.
    if (protectedHeader.cty !== CTY || protectedHeader.purpose !== purpose) throw invalid()
    payload = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(
        await transform(plaintext, new DecompressionStream('deflate-raw'), MAX_UNSEALED_BYTES),
      ),
    )
  } catch {
    throw invalid()
  }
  if (
    !payload ||
    typeof payload !== 'object' ||
    typeof payload.exp !== 'number' ||
    payload.exp * 1000 <= now ||
    !('value' in payload)
  ) {
    throw invalid()
  }
  return payload.value as T
}
