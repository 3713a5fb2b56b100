import { decodeBase64, signedByteArray } from '../pingone/bytes.js'
import { createFidoRegistry, type FidoRegistry, type FidoTestAuthenticator } from '../pingone/fido-keys.js'
import type { AssertionPolicy } from '../shared/webauthn-assertion.js'
import type { PfMfaDeviceType, PfUserConfig } from './config.js'
import type { DeviceRecord } from './users.js'

/** The device types whose challenge is a WebAuthn assertion (`ASSERTION_REQUIRED`). */
export const FIDO_TYPES: ReadonlySet<PfMfaDeviceType> = new Set(['FIDO2', 'SECURITY_KEY', 'PLATFORM'])

/** The relying party and origins `checkAssertion` is held to (see the shared `assertionProblem`). */
export interface FidoPolicy extends AssertionPolicy {}

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
