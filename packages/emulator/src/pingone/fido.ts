import { assertionProblem } from '../shared/webauthn-assertion.js'
import { base64url, decodeBase64, signedByteArray } from './bytes.js'
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
  return assertionProblem(ctx.fido, device.credentialId, challenge, origin, assertionText, {
    rpId: ctx.config.fidoRpId,
    allowedOrigins: ctx.config.fidoAllowedOrigins,
    requireUserVerification: ctx.config.fidoUserVerification === 'required',
    refuseCrossOrigin: true,
  })
}
