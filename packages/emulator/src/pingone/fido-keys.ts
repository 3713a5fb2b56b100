import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto'
import { base64, base64url, concat, decodeBase64, readBytes, sha256 } from './bytes.js'
import type { P1UserConfig } from './config.js'

/** A FIDO2 credential of a configured device, with the ES256 (P-256) key pair the emulator made for it. */
export interface FidoCredential {
  readonly rawId: Uint8Array
  readonly publicKey: KeyObject
  readonly privateKey: KeyObject
  /** The user id as the authenticator's `userHandle`. */
  readonly userHandle: Uint8Array
  /** The authenticator's signature counter. */
  signCount: number
}

/** The key pairs of every configured FIDO2 device, made on first use and never leaving memory. */
export interface FidoRegistry {
  /** The credential with this raw id, when a configured FIDO2 device has it. */
  find(rawId: Uint8Array): FidoCredential | undefined
  /** The last counter the server accepted per credential (base64url id). */
  readonly acceptedCounters: Map<string, number>
}

/** The options `fido.getAssertion` takes beyond the request options and the origin. */
export interface AssertionOptions {
  /** Set the UV flag (a PIN or biometric was checked). Default true. */
  readonly userVerified?: boolean
  /** Set the UP flag (the user touched the key). Default true. */
  readonly userPresent?: boolean
}

/**
 * A software FIDO2 authenticator holding the keys of the emulator's FIDO2 devices, so tests and demos
 * can pass `ASSERTION_REQUIRED` without a browser.
 */
export interface FidoTestAuthenticator {
  /**
   * What `navigator.credentials.get()` plus Ping's browser sample produce: the assertion JSON string
   * for `assertion.check` (`{id, rawId, type, response: {clientDataJSON, authenticatorData,
   * signature, userHandle}}`, members in standard base64). Takes `publicKeyCredentialRequestOptions`
   * as the flow carries it (a JSON string or an object; byte arrays or base64url). Throws a
   * `NotAllowedError`-named error when it holds none of the allowed credentials.
   */
  getAssertion(
    publicKeyCredentialRequestOptions: string | object,
    origin: string,
    options?: AssertionOptions,
  ): string
  /** The public key of a device's credential (id base64url), as a JWK. */
  publicKeyJwk(credentialId: string): JsonWebKey | undefined
  /**
   * The private key of a device's credential (id base64url), PKCS#8 DER in standard base64: what a
   * browser's virtual authenticator takes (Chrome DevTools Protocol `WebAuthn.addCredential`), so a
   * real browser signs in as the device's user. For tests: the emulator's keys are never secret.
   */
  privateKeyPkcs8(credentialId: string): string | undefined
}

/** The FIDO2 key registry and the test authenticator over it, for the configured FIDO2 devices. */
export function createFidoRegistry(users: readonly P1UserConfig[]): FidoRegistry & FidoTestAuthenticator {
  const made = new Map<string, FidoCredential>()
  const configured = new Map<string, string>()
  for (const user of users) {
    for (const device of user.devices) {
      if (device.type === 'FIDO2' && device.credentialId)
        configured.set(base64url(decodeBase64(device.credentialId)), user.id)
    }
  }
  const find = (rawId: Uint8Array): FidoCredential | undefined => {
    const key = base64url(rawId)
    const existing = made.get(key)
    if (existing) return existing
    const userId = configured.get(key)
    if (userId === undefined) return undefined
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const credential: FidoCredential = {
      rawId,
      publicKey,
      privateKey,
      userHandle: new TextEncoder().encode(userId),
      signCount: 0,
    }
    made.set(key, credential)
    return credential
  }

  return {
    find,
    acceptedCounters: new Map(),
    publicKeyJwk: (credentialId) => find(decodeBase64(credentialId))?.publicKey.export({ format: 'jwk' }),
    privateKeyPkcs8(credentialId) {
      const credential = find(decodeBase64(credentialId))
      return credential && base64(credential.privateKey.export({ format: 'der', type: 'pkcs8' }))
    },
    getAssertion(requestOptions, origin, options = {}) {
      const parsed =
        typeof requestOptions === 'string' ? (JSON.parse(requestOptions) as unknown) : requestOptions
      if (!parsed || typeof parsed !== 'object')
        throw new TypeError('publicKeyCredentialRequestOptions is not an object')
      const opts = parsed as Record<string, unknown>
      const challenge = readBytes(opts.challenge)
      if (!challenge) throw new TypeError('publicKeyCredentialRequestOptions.challenge is missing')
      const rpId = typeof opts.rpId === 'string' ? opts.rpId : new URL(origin).hostname
      const allowed = Array.isArray(opts.allowCredentials) ? opts.allowCredentials : []
      const credential = allowed
        .map((c) => readBytes((c as { id?: unknown } | null)?.id))
        .map((id) => (id ? find(id) : undefined))
        .find((c) => c !== undefined)
      if (!credential)
        throw Object.assign(new Error('No allowed credential on this authenticator'), {
          name: 'NotAllowedError',
        })

      credential.signCount += 1
      const clientDataJSON = new TextEncoder().encode(
        JSON.stringify({ type: 'webauthn.get', challenge: base64url(challenge), origin, crossOrigin: false }),
      )
      const flags = (options.userPresent === false ? 0 : 0x01) | (options.userVerified === false ? 0 : 0x04)
      const counter = new Uint8Array(4)
      new DataView(counter.buffer).setUint32(0, credential.signCount)
      const authenticatorData = concat(sha256(new TextEncoder().encode(rpId)), Uint8Array.of(flags), counter)
      // ES256 signatures from authenticators are DER-encoded, which is node:crypto's default for EC keys.
      const signature = sign(
        'sha256',
        concat(authenticatorData, sha256(clientDataJSON)),
        credential.privateKey,
      )
      return JSON.stringify({
        id: base64url(credential.rawId),
        rawId: base64(credential.rawId),
        type: 'public-key',
        response: {
          clientDataJSON: base64(clientDataJSON),
          authenticatorData: base64(authenticatorData),
          signature: base64(new Uint8Array(signature)),
          userHandle: base64(credential.userHandle),
        },
      })
    },
  }
}
