import type { PingOneDevice, PingOneEmbedded, PingOneStateBase } from './common.js'

/** Members PingOne adds to every MFA status. */
interface MfaMembers {
  /** Mirrors the MFA policy's "bypass when the user has no device" option (meaning UNCONFIRMED). */
  readonly bypassAllowed?: boolean
  /** The device the OTP went to, or the push or assertion is waiting on. */
  readonly selectedDevice?: { readonly id: string }
}

/** `_embedded` of MFA statuses, where `devices` lists what `device.select` may choose. */
export interface PingOneMfaEmbedded extends PingOneEmbedded {
  readonly devices: readonly PingOneDevice[]
}

/** The user has several devices and no default: choose one with `device.select`. */
export interface PingOneDeviceSelectionRequired
  extends PingOneStateBase<'DEVICE_SELECTION_REQUIRED'>,
    MfaMembers {
  readonly _embedded: PingOneMfaEmbedded
}

/** An OTP went to `selectedDevice` (or the TOTP app shows one): answer with `otp.check`; `device.select` switches. */
export interface PingOneOtpRequired extends PingOneStateBase<'OTP_REQUIRED'>, MfaMembers {}

/** A push waits on the phone: `flow.poll()` until it changes; `cancel.push.authentication` to switch device. */
export interface PingOnePushConfirmationRequired
  extends PingOneStateBase<'PUSH_CONFIRMATION_REQUIRED'>,
    MfaMembers {}

/** The push was not answered in time: `device.select` retries it or picks another device. */
export interface PingOnePushConfirmationTimedOut
  extends PingOneStateBase<'PUSH_CONFIRMATION_TIMED_OUT'>,
    MfaMembers {}

/**
 * A credential descriptor of `allowCredentials`. PingOne writes ids as arrays of (signed) bytes;
 * WebAuthn Level 3 JSON uses base64url strings. `@redirectless/pingone/webauthn` takes both.
 */
export interface PingOneCredentialDescriptor {
  readonly type: string
  readonly id: readonly number[] | string
  readonly transports?: readonly string[]
}

/** The WebAuthn request options as PingOne sends them, before conversion for `navigator.credentials.get()`. */
export interface PingOneCredentialRequestOptions {
  readonly challenge: readonly number[] | string
  readonly rpId?: string
  readonly timeout?: number
  readonly userVerification?: string
  readonly allowCredentials?: readonly PingOneCredentialDescriptor[]
  readonly extensions?: Readonly<Record<string, unknown>>
}

/**
 * A FIDO2 device must sign a challenge: run `navigator.credentials.get()` with
 * `publicKeyCredentialRequestOptions` (see `@redirectless/pingone/webauthn`), then `assertion.check`.
 */
export interface PingOneAssertionRequired extends PingOneStateBase<'ASSERTION_REQUIRED'>, MfaMembers {
  /** A JSON string in PingOne's examples; some tenants and proxies send the parsed object. */
  readonly publicKeyCredentialRequestOptions: string | PingOneCredentialRequestOptions
}
