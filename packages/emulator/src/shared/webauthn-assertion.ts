import { verify } from 'node:crypto'
import { base64url, decodeBase64, sameBytes, sha256 } from '../pingone/bytes.js'
import type { FidoRegistry } from '../pingone/fido-keys.js'

/** What an assertion is held to: the relying party, the origins, and each half's stricter checks. */
export interface AssertionPolicy {
  readonly rpId: string
  /** Origins accepted; empty means any origin whose host is `rpId` or below it. */
  readonly allowedOrigins: readonly string[]
  /** Refuse an assertion whose authenticator did not verify the user (the UV flag). */
  readonly requireUserVerification?: boolean
  /** Refuse client data marked `crossOrigin` (made in a cross-origin frame). */
  readonly refuseCrossOrigin?: boolean
}

/**
 * Checks a WebAuthn assertion (a JSON string of the credential, binary members base64) made with the
 * device's credential: client data (`webauthn.get`, challenge, origin), authenticator data (rpIdHash,
 * user present, counter) and the ES256 signature over `authData ‖ SHA-256(clientData)`. Returns why it
 * fails, or undefined when it verifies (the counter is then recorded). Both halves check FIDO2 here.
 */
export function assertionProblem(
  registry: FidoRegistry,
  credentialId: string | undefined,
  challenge: Uint8Array,
  origin: string,
  assertionText: string,
  policy: AssertionPolicy,
): string | undefined {
  if (!originAllowed(origin, policy)) return 'origin not allowed'
  let parsed: {
    id?: unknown
    rawId?: unknown
    type?: unknown
    response?: { clientDataJSON?: unknown; authenticatorData?: unknown; signature?: unknown }
  }
  try {
    parsed = JSON.parse(assertionText) as typeof parsed
  } catch {
    return 'not JSON'
  }
  const response = parsed?.response
  if (!response || typeof response !== 'object') return 'no response'
  const { clientDataJSON, authenticatorData, signature } = response
  if (
    typeof clientDataJSON !== 'string' ||
    typeof authenticatorData !== 'string' ||
    typeof signature !== 'string'
  ) {
    return 'incomplete response'
  }
  if (parsed.type !== undefined && parsed.type !== 'public-key') return 'wrong credential type'

  const rawIdText =
    typeof parsed.rawId === 'string' ? parsed.rawId : typeof parsed.id === 'string' ? parsed.id : ''
  const registered = credentialId ? decodeBase64(credentialId) : undefined
  if (!registered || !sameBytes(decodeBase64(rawIdText), registered)) return 'unknown credential'
  const credential = registry.find(registered)
  if (!credential) return 'unknown credential'

  const clientDataBytes = decodeBase64(clientDataJSON)
  let clientData: { type?: unknown; challenge?: unknown; origin?: unknown; crossOrigin?: unknown }
  try {
    clientData = JSON.parse(new TextDecoder().decode(clientDataBytes)) as typeof clientData
  } catch {
    return 'client data not JSON'
  }
  if (clientData.type !== 'webauthn.get') return 'wrong client data type'
  if (typeof clientData.challenge !== 'string' || !sameBytes(decodeBase64(clientData.challenge), challenge)) {
    return 'challenge mismatch'
  }
  if (clientData.origin !== origin) return 'origin mismatch'
  if (policy.refuseCrossOrigin && clientData.crossOrigin === true) return 'cross-origin'

  const authData = decodeBase64(authenticatorData)
  if (authData.length < 37) return 'authenticator data too short'
  if (!sameBytes(authData.subarray(0, 32), sha256(new TextEncoder().encode(policy.rpId))))
    return 'rpIdHash mismatch'
  const flags = authData[32] ?? 0
  if ((flags & 0x01) === 0) return 'user not present'
  if (policy.requireUserVerification && (flags & 0x04) === 0) return 'user not verified'
  const counter = new DataView(authData.buffer, authData.byteOffset + 33, 4).getUint32(0)
  const key = base64url(registered)
  const last = registry.acceptedCounters.get(key) ?? 0
  if ((counter !== 0 || last !== 0) && counter <= last) return 'signature counter did not increase'

  const signed = new Uint8Array(authData.length + 32)
  signed.set(authData)
  signed.set(sha256(clientDataBytes), authData.length)
  let valid = false
  try {
    valid = verify('sha256', signed, credential.publicKey, decodeBase64(signature))
  } catch {
    valid = false
  }
  if (!valid) return 'bad signature'
  registry.acceptedCounters.set(key, counter)
  return undefined
}

function originAllowed(origin: string, policy: AssertionPolicy): boolean {
  if (policy.allowedOrigins.length > 0) return policy.allowedOrigins.includes(origin)
  let host: string
  try {
    host = new URL(origin).hostname
  } catch {
    return false
  }
  return host === policy.rpId || host.endsWith(`.${policy.rpId}`)
}
