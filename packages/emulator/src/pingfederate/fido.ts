import { verify } from 'node:crypto'
import { base64url, decodeBase64, sameBytes, sha256, signedByteArray } from '../pingone/bytes.js'
import { createFidoRegistry, type FidoRegistry, type FidoTestAuthenticator } from '../pingone/fido-keys.js'
import type { PfMfaDeviceType, PfUserConfig } from './config.js'
import type { DeviceRecord } from './users.js'

/** The device types whose challenge is a WebAuthn assertion (`ASSERTION_REQUIRED`). */
export const FIDO_TYPES: ReadonlySet<PfMfaDeviceType> = new Set(['FIDO2', 'SECURITY_KEY', 'PLATFORM'])

/** The relying party and origins `checkAssertion` is held to. */
export interface FidoPolicy {
  readonly rpId: string
  readonly allowedOrigins: readonly string[]
}

/**
 * The key pairs of the configured FIDO devices, and the software authenticator over them. The
 * PingOne half's registry does the key handling; only the device list differs.
 */
export function createPfFidoRegistry(users: readonly PfUserConfig[]): FidoRegistry & FidoTestAuthenticator {
  return createFidoRegistry(
    users.map((user) => ({
      id: user.username,
      username: user.username,
      devices: (user.devices ?? [])
        .filter((d) => FIDO_TYPES.has(d.type) && d.credentialId !== undefined)
        .map((d) => ({ id: d.id, type: 'FIDO2' as const, credentialId: d.credentialId as string })),
    })),
  )
}

/**
 * `publicKeyCredentialRequestOptions` of `ASSERTION_REQUIRED` (contract §3.4): an object whose
 * binary members are byte arrays. PingFederate is Java, so they are signed bytes (UNCONFIRMED; the
 * widget's `Uint8Array.from` reads signed and unsigned alike).
 */
export function requestOptions(
  device: DeviceRecord,
  challenge: Uint8Array,
  policy: FidoPolicy,
): Record<string, unknown> {
  return {
    challenge: signedByteArray(challenge),
    timeout: 120_000,
    rpId: policy.rpId,
    userVerification: 'preferred',
    allowCredentials: device.credentialId
      ? [
          {
            type: 'public-key',
            id: signedByteArray(decodeBase64(device.credentialId)),
            transports: ['usb', 'nfc', 'ble', 'internal'],
          },
        ]
      : [],
  }
}

/**
 * Checks a `checkAssertion` assertion (a JSON string of the credential, binary members base64)
 * against the device's key: client data (`webauthn.get`, challenge, origin), authenticator data
 * (rpIdHash, user present, counter) and the ES256 signature over `authData ‖ SHA-256(clientData)`.
 * Returns why it fails, or undefined when it verifies (the counter is then recorded).
 */
export function assertionProblem(
  registry: FidoRegistry,
  device: DeviceRecord,
  challenge: Uint8Array,
  origin: string,
  assertionText: string,
  policy: FidoPolicy,
): string | undefined {
  if (!originAllowed(origin, policy)) return 'origin not allowed'
  let parsed: { rawId?: unknown; id?: unknown; type?: unknown; response?: Record<string, unknown> }
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
  const registered = device.credentialId ? decodeBase64(device.credentialId) : undefined
  if (!registered || !sameBytes(decodeBase64(rawIdText), registered)) return 'unknown credential'
  const credential = registry.find(registered)
  if (!credential) return 'unknown credential'

  const clientDataBytes = decodeBase64(clientDataJSON)
  let clientData: { type?: unknown; challenge?: unknown; origin?: unknown }
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

  const authData = decodeBase64(authenticatorData)
  if (authData.length < 37) return 'authenticator data too short'
  if (!sameBytes(authData.subarray(0, 32), sha256(new TextEncoder().encode(policy.rpId))))
    return 'rpIdHash mismatch'
  if (((authData[32] ?? 0) & 0x01) === 0) return 'user not present'
  const counter = new DataView(authData.buffer, authData.byteOffset + 33, 4).getUint32(0)
  const key = `pf:${base64url(registered)}`
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

function originAllowed(origin: string, policy: FidoPolicy): boolean {
  if (policy.allowedOrigins.length > 0) return policy.allowedOrigins.includes(origin)
  let host: string
  try {
    host = new URL(origin).hostname
  } catch {
    return false
  }
  return host === policy.rpId || host.endsWith(`.${policy.rpId}`)
}
