/**
 * States of the PingOne MFA and PingID adapters and of the One-Time Passcode kit: device choice,
 * OTP, push, WebAuthn, device pairing (contract §3.4).
 * @module
 */
import type { PingFederateStateBase } from './base.js'

/** Names a device in an action body. */
export interface DeviceRef {
  readonly id: string
}

/** A user's MFA device as the MFA states list it. */
export interface MfaDevice {
  readonly id: string
  /** e.g. `SMS`, `EMAIL`, `VOICE`, `MOBILE`, `TOTP`, `SECURITY_KEY`, `PLATFORM`, `FIDO2`, `OATH_TOKEN`. */
  readonly type: string
  readonly name?: string
  readonly nickname?: string
  /** Masked phone number or e-mail address. */
  readonly target?: string
  readonly usable?: boolean
  readonly isOneTimeDevice?: boolean
  readonly pushEnabled?: boolean
  readonly otpEnabled?: boolean
  readonly defaultDevice?: boolean
  readonly rpId?: string
}

/** The user as the MFA adapter reports it. */
export interface MfaUser {
  readonly id?: string
  readonly username?: string
  readonly [field: string]: unknown
}

/** Fields shared by the states that show the device list. */
export interface MfaDevicesModel {
  readonly devices?: readonly MfaDevice[]
  readonly selectedDeviceRef?: DeviceRef
  readonly changeDevicePermitted?: boolean
  readonly user?: MfaUser
}

type DeviceSelectionActions =
  | 'selectDevice'
  | 'selectOneTimeDeviceMethod'
  | 'setDefaultDevice'
  | 'removeDevice'
  | 'updateDeviceNickname'
  | 'resyncOathToken'
  | 'setupMfa'
  | 'manageDevices'
  | 'usePasswordAuthentication'
  | 'resumeAuthentication'
  | 'cancelAuthentication'

/** The MFA adapter is ready: post `authenticate` (`{}` in a browser, `{ mobilePayload }` from an app). */
export interface AuthenticationRequiredState
  extends PingFederateStateBase<'AUTHENTICATION_REQUIRED', 'authenticate' | 'cancelAuthentication'> {
  readonly user?: MfaUser
}

/** Fields of the device-selection screen. */
export interface DeviceSelectionModel extends MfaDevicesModel {
  readonly devices: readonly MfaDevice[]
  readonly manualPairing?: boolean
  readonly userSelectedDefault?: boolean
  readonly manageDevicesAllowed?: boolean
  readonly manualPairingPermitted?: boolean
  readonly usePasswordAuthenticationEnabled?: boolean
  readonly newPairingAuthRequired?: boolean
  readonly deviceManagementState?: string
}

/** Pick the device to authenticate with (`selectDevice`). */
export interface DeviceSelectionRequiredState
  extends PingFederateStateBase<'DEVICE_SELECTION_REQUIRED', DeviceSelectionActions>,
    DeviceSelectionModel {}

/** Manage devices (rename, remove, set default); `resumeAuthentication` returns to sign-on. */
export interface DeviceManagementState
  extends PingFederateStateBase<'DEVICE_MANAGEMENT', DeviceSelectionActions>,
    DeviceSelectionModel {}

/** Enter the one-time passcode sent to the selected device (`checkOtp`). */
export interface OtpRequiredState
  extends PingFederateStateBase<
      'OTP_REQUIRED',
      'checkOtp' | 'selectDevice' | 'resendOtp' | 'cancelAuthentication'
    >,
    MfaDevicesModel {
  readonly otpLength?: number
  /** One-Time Passcode kit: what it knows of the user. */
  readonly userData?: Readonly<Record<string, unknown>>
}

/** One-Time Passcode kit: the passcode was right; post `continueAuthentication`. */
export interface OtpVerifiedState extends PingFederateStateBase<'OTP_VERIFIED', 'continueAuthentication'> {}

/** A push was sent; `flow.poll()` waits for the user to approve it on the phone. */
export interface PushConfirmationWaitingState
  extends PingFederateStateBase<
      'PUSH_CONFIRMATION_WAITING',
      'poll' | 'selectDevice' | 'checkOtp' | 'cancelAuthentication'
    >,
    MfaDevicesModel {}

/** Nobody approved the push in time: retry, switch device, or use a passcode. */
export interface PushConfirmationTimedOutState
  extends PingFederateStateBase<
      'PUSH_CONFIRMATION_TIMED_OUT',
      'checkOtp' | 'selectDevice' | 'cancelAuthentication'
    >,
    MfaDevicesModel {}

/** The user denied the push. */
export interface PushConfirmationRejectedState
  extends PingFederateStateBase<'PUSH_CONFIRMATION_REJECTED', 'cancelAuthentication'> {}

/** WebAuthn request options; binary members arrive as arrays of bytes. */
export interface PublicKeyCredentialRequestOptionsModel {
  readonly challenge: readonly number[]
  readonly timeout?: number
  readonly rpId?: string
  readonly userVerification?: string
  readonly allowCredentials?: readonly {
    readonly type: string
    readonly id: readonly number[]
    readonly transports?: readonly string[]
  }[]
}

/** Sign the WebAuthn challenge with the selected FIDO device (`checkAssertion`). */
export interface AssertionRequiredState
  extends PingFederateStateBase<
      'ASSERTION_REQUIRED',
      'checkAssertion' | 'selectDevice' | 'cancelAuthentication' | 'manageDevices'
    >,
    MfaDevicesModel {
  readonly publicKeyCredentialRequestOptions: PublicKeyCredentialRequestOptionsModel
  readonly manageDevicesAllowed?: boolean
  readonly manualPairingPermitted?: boolean
}

/** Post `continueBiometricDeviceAuthentication { origin }` to get the WebAuthn challenge. */
export interface BiometricDeviceAuthenticationInfoRequiredState
  extends PingFederateStateBase<
      'BIOMETRIC_DEVICE_AUTHENTICATION_INFO_REQUIRED',
      'continueBiometricDeviceAuthentication'
    >,
    MfaDevicesModel {}

/** Show `uri` as a QR code; `flow.poll()` waits until the app has answered. */
export interface AuthenticationCodeResponseRequiredState
  extends PingFederateStateBase<'AUTHENTICATION_CODE_RESPONSE_REQUIRED', 'cancelAuthentication'> {
  readonly authenticationCodeId: string
  /** Eight characters, A–Z and 0–9. */
  readonly code: string
  readonly uri: string
}

/** MFA succeeded: `continueAuthentication` is mandatory to move on. */
export interface MfaCompletedState extends PingFederateStateBase<'MFA_COMPLETED', 'continueAuthentication'> {}

/** MFA reached a dead end (e.g. `ACCOUNT_LOCKED_OUT`, `OTP_RESEND_LIMIT`); only cancelling is left. */
export interface MfaFailedState extends PingFederateStateBase<'MFA_FAILED', 'cancelAuthentication'> {
  readonly code?: string
  readonly message?: string
  readonly userMessage?: string
}

/** The user has no MFA device yet. */
export interface MfaSetupRequiredState
  extends PingFederateStateBase<'MFA_SETUP_REQUIRED', 'setupMfa' | 'skipMfa' | 'cancelAuthentication'> {
  readonly allowSkipMfa?: boolean
}

/** Choose the kind of device to pair. */
export interface DevicePairingMethodRequiredState
  extends PingFederateStateBase<
    'DEVICE_PAIRING_METHOD_REQUIRED',
    'selectDevicePairingMethod' | 'cancelDevicePairing'
  > {
  readonly devicePairingMethods: readonly { readonly deviceType: string; readonly applicationName?: string }[]
}

/** Pairing an e-mail device: which address? */
export interface EmailPairingTargetRequiredState
  extends PingFederateStateBase<
    'EMAIL_PAIRING_TARGET_REQUIRED',
    'submitEmailTarget' | 'cancelDevicePairing'
  > {}

/** Pairing an e-mail device: enter the passcode sent to it. */
export interface EmailActivationRequiredState
  extends PingFederateStateBase<
    'EMAIL_ACTIVATION_REQUIRED',
    'activateEmailDevice' | 'resendOtp' | 'cancelDevicePairing'
  > {
  readonly email: string
  readonly otpLength: number
}

/** Pairing an SMS device: which number? */
export interface SmsPairingTargetRequiredState
  extends PingFederateStateBase<'SMS_PAIRING_TARGET_REQUIRED', 'submitSmsTarget' | 'cancelDevicePairing'> {}

/** Pairing a voice device: which number? */
export interface VoicePairingTargetRequiredState
  extends PingFederateStateBase<
    'VOICE_PAIRING_TARGET_REQUIRED',
    'submitVoiceTarget' | 'cancelDevicePairing'
  > {}

/** Pairing a WhatsApp device: which number? */
export interface WhatsAppPairingTargetRequiredState
  extends PingFederateStateBase<
    'WHATSAPP_PAIRING_TARGET_REQUIRED',
    'submitWhatsAppTarget' | 'cancelDevicePairing'
  > {}

/** Pairing an SMS device: enter the passcode sent to it. */
export interface SmsActivationRequiredState
  extends PingFederateStateBase<
    'SMS_ACTIVATION_REQUIRED',
    'activateSmsDevice' | 'resendOtp' | 'cancelDevicePairing'
  > {
  readonly phone: string
  readonly otpLength: number
}

/** Pairing a voice device: enter the passcode read out to it. */
export interface VoiceActivationRequiredState
  extends PingFederateStateBase<
    'VOICE_ACTIVATION_REQUIRED',
    'activateVoiceDevice' | 'resendOtp' | 'cancelDevicePairing'
  > {
  readonly phone: string
  readonly otpLength: number
}

/** Pairing a WhatsApp device: enter the passcode sent to it. */
export interface WhatsAppActivationRequiredState
  extends PingFederateStateBase<
    'WHATSAPP_ACTIVATION_REQUIRED',
    'activateWhatsAppDevice' | 'resendOtp' | 'cancelDevicePairing'
  > {
  readonly phone: string
  readonly otpLength: number
}

/** Pairing an authenticator app: show `keyUri` as a QR code, then enter a code from the app. */
export interface TotpActivationRequiredState
  extends PingFederateStateBase<'TOTP_ACTIVATION_REQUIRED', 'activateTotpDevice' | 'cancelDevicePairing'> {
  readonly keyUri: string
  readonly pairingKey: string
  readonly otpLength: number
}

/** Fields of the WebAuthn pairing states. */
export interface WebAuthnActivationModel {
  /** A JSON **string** (not an object): `JSON.parse` it before handing it to WebAuthn. */
  readonly publicKeyCredentialCreationOptions: string
}

/** Pairing a platform authenticator (Touch ID, Windows Hello). */
export interface PlatformActivationRequiredState
  extends PingFederateStateBase<
      'PLATFORM_ACTIVATION_REQUIRED',
      'activatePlatformDevice' | 'cancelDevicePairing'
    >,
    WebAuthnActivationModel {}

/** Pairing a security key. */
export interface SecurityKeyActivationRequiredState
  extends PingFederateStateBase<
      'SECURITY_KEY_ACTIVATION_REQUIRED',
      'activateSecurityKeyDevice' | 'cancelDevicePairing'
    >,
    WebAuthnActivationModel {}

/** Pairing any FIDO2 authenticator. */
export interface Fido2ActivationRequiredState
  extends PingFederateStateBase<'FIDO2_ACTIVATION_REQUIRED', 'activateFido2Device' | 'cancelDevicePairing'>,
    WebAuthnActivationModel {}

/** Pairing the mobile app: show `pairingKey` as a QR code; `flow.poll()` waits for the app. */
export interface MobileActivationRequiredState
  extends PingFederateStateBase<'MOBILE_ACTIVATION_REQUIRED', 'cancelDevicePairing'> {
  readonly pairingKey: string
  readonly applicationName: string
}

/** The mobile app was paired: post `continueAuthentication`. */
export interface MobilePairingRequiredState
  extends PingFederateStateBase<'MOBILE_PAIRING_REQUIRED', 'continueAuthentication'> {
  readonly [field: string]: unknown
}

/** Pairing failed. */
export interface MfaDevicePairingMethodFailedState
  extends PingFederateStateBase<'MFA_DEVICE_PAIRING_METHOD_FAILED', 'cancelDevicePairing'> {}

/** Pairing an OATH token: which serial number? */
export interface OathTokenPairingTargetRequiredState
  extends PingFederateStateBase<
    'OATH_TOKEN_PAIRING_TARGET_REQUIRED',
    'submitOathTokenTarget' | 'cancelDevicePairing'
  > {}

/** Pairing an OATH token: enter a code from it. */
export interface OathTokenActivationRequiredState
  extends PingFederateStateBase<
    'OATH_TOKEN_ACTIVATION_REQUIRED',
    'activateOathTokenDevice' | 'cancelDevicePairing'
  > {
  readonly serialNumber: string
}

/** Name the device just paired, or skip. */
export interface UpdateNicknameState
  extends PingFederateStateBase<'UPDATE_NICKNAME', 'updateDeviceNickname' | 'skipUpdateDeviceNickname'> {
  readonly pairedDevice: { readonly id: string; readonly type: string }
  readonly applicationName?: string
}

/** One-time device: choose how to receive the passcode. */
export interface OneTimeDeviceOtpMethodTypeInputRequiredState
  extends PingFederateStateBase<
    'ONE_TIME_DEVICE_OTP_METHOD_TYPE_INPUT_REQUIRED',
    'selectOneTimeDeviceMethod' | 'cancelAuthentication'
  > {
  readonly devices: readonly MfaDevice[]
}

/** One-time device: enter the passcode sent to `selectedDevice`. */
export interface OneTimeDeviceOtpInputRequiredState
  extends PingFederateStateBase<
    'ONE_TIME_DEVICE_OTP_INPUT_REQUIRED',
    'checkOtp' | 'resendOtp' | 'cancelAuthentication'
  > {
  readonly selectedDevice: { readonly type: string; readonly target: string }
  readonly otpLength: number
  readonly changeDevicePermitted: boolean
}

/** One-time device: enter the passcode. */
export interface OneTimeDeviceOtpRequiredState
  extends PingFederateStateBase<
    'ONE_TIME_DEVICE_OTP_REQUIRED',
    'checkOtp' | 'resendOtp' | 'cancelAuthentication'
  > {
  readonly devices: readonly MfaDevice[]
  readonly otpLength: number
  readonly changeDevicePermitted: boolean
}
