import { verify } from 'node:crypto'
import { base64url, decodeBase64, sameBytes, sha256, signedByteArray } from './bytes.js'
import type { P1DeviceConfig } from './config.js'
import type { P1Context } from './context.js'
import { amrOf } from './devices.js'
import { invalidData } from './errors.js'
import type { Flow } from './flow.js'
import { selectedDevice } from './mfa.js'
import { advance } from './progress.js'

/** Issues a fresh 32-byte challenge for the device (`ASSERTION_REQUIRED`). */
export function startAssertion(ctx: P1Context, flow: Flow, device: P1DeviceConfig): void {
  flow.assertion = { deviceId: device.id, challenge: crypto.getRandomValues(new Uint8Array(32)) }
  // Make the key pair now, so the test authenticator holds it before anyone asks.
  if (device.credentialId) ctx.fido.find(decodeBase64(device.credentialId))
}

/**
 * `publicKeyCredentialRequestOptions` for `navigator.credentials.get()`: by default a JSON string with
 * the challenge and credential ids as signed byte arrays, as PingOne's examples show.
 */
export function requestOptions(ctx: P1Context, flow: Flow): string | Record<string, unknown> | undefined {
  const pending = flow.assertion
  const device = selectedDevice(flow)
  if (!pending || !device) return undefined
  const bytes = (b: Uint8Array) =>
    ctx.config.fidoRequestOptionsEncoding === 'base64url' ? base64url(b) : signedByteArray(b)
  const options = {
    challenge: bytes(pending.challenge),
    timeout: ctx.config.fidoTimeoutMs,
    rpId: ctx.config.fidoRpId,
    allowCredentials: device.credentialId
      ? [{ type: 'public-key', id: bytes(decodeBase64(device.credentialId)) }]
      : [],
    userVerification: ctx.config.fidoUserVerification,
  }
  return ctx.config.fidoRequestOptionsAsString ? JSON.stringify(options) : options
}

/**
 * `assertion.check {origin, assertion, compatibility?}`: verifies a WebAuthn assertion against the
 * device's registered key: client data (`webauthn.get`, challenge, origin), authenticator data
 * (rpIdHash, UP/UV flags, counter) and the ES256 signature over `authData ‖ SHA-256(clientDataJSON)`.
 * A refused assertion answers 400 `INVALID_DATA` (target `assertion`) and counts in `userRetries`.
 */
export function assertionCheckAction(
  ctx: P1Context,
  flow: Flow,
  body: Readonly<Record<string, unknown>>,
): void {
  const { origin, assertion, compatibility } = body
  if (typeof origin !== 'string' || origin === '')
    throw invalidData('origin', 'The origin is required.', 'REQUIRED_VALUE')
  if (typeof assertion !== 'string' || assertion === '') {
    throw invalidData('assertion', 'The assertion is required.', 'REQUIRED_VALUE')
  }
  if (compatibility !== undefined && !['FULL', 'SECURITY_KEY_ONLY', 'NONE'].includes(String(compatibility))) {
    throw invalidData('compatibility', 'The compatibility must be FULL, SECURITY_KEY_ONLY or NONE.')
  }
  const device = selectedDevice(flow)
  const pending = flow.assertion
  if (!device || !pending) throw invalidData('assertion', 'No assertion is pending.')

  const problem = checkAssertion(ctx, device, pending.challenge, origin, assertion)
  if (problem) {
    flow.retries.set(device.id, (flow.retries.get(device.id) ?? 0) + 1)
    throw invalidData('assertion', `The assertion was refused: ${problem}.`)
  }
  flow.assertion = undefined
  flow.mfaSatisfied = true
  flow.amr = [...new Set([...flow.amr, amrOf('FIDO2'), 'mfa'])]
  advance(ctx, flow)
}

/** The reason the assertion fails, or undefined when it verifies (the counter is then recorded). */
function checkAssertion(
  ctx: P1Context,
  device: P1DeviceConfig,
  challenge: Uint8Array,
  origin: string,
  assertionText: string,
): string | undefined {
  if (!originAllowed(ctx, origin)) return 'origin not allowed'
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
  const registered = device.credentialId ? decodeBase64(device.credentialId) : undefined
  if (!registered || !sameBytes(decodeBase64(rawIdText), registered)) return 'unknown credential'
  const credential = ctx.fido.find(registered)
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
  if (clientData.crossOrigin === true) return 'cross-origin'

  const authData = decodeBase64(authenticatorData)
  if (authData.length < 37) return 'authenticator data too short'
  if (!sameBytes(authData.subarray(0, 32), sha256(new TextEncoder().encode(ctx.config.fidoRpId))))
    return 'rpIdHash mismatch'
  const flags = authData[32] ?? 0
  if ((flags & 0x01) === 0) return 'user not present'
  if (ctx.config.fidoUserVerification === 'required' && (flags & 0x04) === 0) return 'user not verified'
  const counter = new DataView(authData.buffer, authData.byteOffset + 33, 4).getUint32(0)
  const key = base64url(registered)
  const last = ctx.fido.acceptedCounters.get(key) ?? 0
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
  ctx.fido.acceptedCounters.set(key, counter)
  return undefined
}

function originAllowed(ctx: P1Context, origin: string): boolean {
  if (ctx.config.fidoAllowedOrigins.length > 0) return ctx.config.fidoAllowedOrigins.includes(origin)
  let host: string
  try {
    host = new URL(origin).hostname
  } catch {
    return false
  }
  const rpId = ctx.config.fidoRpId
  return host === rpId || host.endsWith(`.${rpId}`)
}
