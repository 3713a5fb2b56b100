/**
 * Every action id of PingFederate's Authentication API (contract §3) and the JSON body it takes.
 * A body type that admits `undefined` makes the body optional in `flow.submit()`; `undefined`
 * alone means the action takes no body at all (the request goes out without one).
 * @module
 */
import type { DeviceRef } from './states/mfa.js'
import type { PingFederateStatus } from './statuses.js'

/** An action without a model: it is sent with no body. */
export type NoBody = undefined

/** An action whose model is an empty object; omitting the body sends `{}`. */
export type EmptyBody = Readonly<Record<string, never>> | undefined

/** Fields every form-like action may carry when the state shows a captcha (`showCaptcha`). */
export interface CaptchaField {
  /** The token from the provider named in the state's `captchaProviderType`. */
  readonly captchaResponse?: string
}

/** `checkUsernamePassword`: the HTML Form Adapter's sign-on. */
export interface CheckUsernamePasswordBody extends CaptchaField {
  readonly username: string
  readonly password: string
  /** Checkbox values: PF accepts booleans or the strings `"true"`/`"false"`. */
  readonly rememberMyUsername?: boolean | 'true' | 'false'
  readonly thisIsMyDevice?: boolean | 'true' | 'false'
}

/** `checkNewPassword`: change an expired or to-be-changed password. */
export interface CheckNewPasswordBody extends CaptchaField {
  readonly username: string
  /** Needed unless the state says `existingPasswordRequired: false`. */
  readonly existingPassword?: string
  readonly newPassword: string
}

/** `checkCurrentCredentials`: prove the current password before choosing a new one. */
export interface CheckCurrentCredentialsBody extends CaptchaField {
  readonly username: string
  readonly password: string
}

/** `initiateAccountRecovery`. */
export interface InitiateAccountRecoveryBody {
  readonly usernameHint?: string
}

/** `checkAccountRecoveryUsername`. */
export interface CheckAccountRecoveryUsernameBody extends CaptchaField {
  readonly username: string
}

/** `checkUsernameRecoveryEmail`. */
export interface CheckUsernameRecoveryEmailBody extends CaptchaField {
  readonly email: string
}

/** `submitIdentifier` (Identifier First). */
export interface SubmitIdentifierBody extends CaptchaField {
  readonly identifier: string
}

/** `registerUser` (Local Identity registration). */
export interface RegisterUserBody extends CaptchaField {
  readonly password: string
  /** Field id → text, list of options, or `{ option: true }` per checked option. */
  readonly fieldValues: Readonly<
    Record<string, string | readonly string[] | Readonly<Record<string, boolean>>>
  >
  readonly thisIsMyDevice?: boolean | 'true' | 'false'
}

/** `authenticate` on `AUTHENTICATION_REQUIRED`: `{}` in a browser, `{ mobilePayload }` from an app with the PingOne MFA SDK. */
export type AuthenticateBody = { readonly mobilePayload?: string } | undefined

/** `selectDevicePairingMethod`. */
export interface SelectDevicePairingMethodBody {
  readonly devicePairingMethod: {
    readonly deviceType: string
    readonly applicationName?: string
    /** Only for `SECURITY_KEY`, `PLATFORM` and `FIDO2`. */
    readonly relyingPartyId?: string
    readonly userAgent?: string
  }
}

/** `checkAssertion`: a WebAuthn assertion. */
export interface CheckAssertionBody {
  /** `JSON.stringify` of the credential, binary members base64-encoded. */
  readonly assertion: string
  readonly origin: string
  readonly compatibility: 'FULL' | 'SECURITY_KEY_ONLY' | 'NONE'
}

/** `activatePlatformDevice` / `activateSecurityKeyDevice` / `activateFido2Device`. */
export interface WebAuthnActivationBody {
  readonly origin: string
  /** `JSON.stringify` of the attestation, binary members base64-encoded. */
  readonly attestation: string
}

/** A body that only names a device. */
export interface DeviceRefBody {
  readonly deviceRef: DeviceRef
}

/** A one-time passcode. */
export interface OtpBody {
  readonly otp: string
}

/** `submitDeviceProfile`: the profile the risk provider's script produced (or nothing on timeout). */
export type SubmitDeviceProfileBody = Readonly<Record<string, unknown>> | undefined

/** `submitFraudSessionInfo`. */
export interface SubmitFraudSessionInfoBody {
  readonly sessionId: string
  readonly clientToken?: string
  readonly clientAction: 'login' | 'registration'
  readonly clientPlatform: string
  readonly clientVersion?: string
}

/** `checkInput` (Entrust). */
export interface CheckInputBody {
  readonly input?: string
  readonly answers?: readonly { readonly id: string; readonly answer: string }[]
}

/** `optionsAuthentication` (PingOne Verify). */
export interface OptionsAuthenticationBody {
  readonly email?: string
  readonly phone?: string
  readonly optionsAuthentication: true
}

/**
 * Action id → body type, for every action in the contract. `flow.submit(action, body)` reads it
 * to type the body. (A type alias rather than an interface: core's `ActionMap` needs the implicit
 * index signature only aliases have.)
 */
export type PingFederateActions = {
  // HTML Form Adapter (§3.2)
  readonly checkUsernamePassword: CheckUsernamePasswordBody
  readonly initiateAccountRecovery: InitiateAccountRecoveryBody | undefined
  readonly recoverUsername: NoBody
  readonly initiatePasswordChange: NoBody
  readonly initiateRegistration: NoBody
  readonly useAlternativeAuthenticationSource: { readonly authenticationSource: string }
  readonly checkNewPassword: CheckNewPasswordBody
  readonly cancelPasswordChange: NoBody
  /** Bodiless, except on `DEVICE_PROFILE_REQUIRED` where `{}` is sent. */
  readonly continueAuthentication: EmptyBody
  readonly checkCurrentCredentials: CheckCurrentCredentialsBody
  readonly checkAccountRecoveryUsername: CheckAccountRecoveryUsernameBody
  readonly cancelAccountRecovery: NoBody
  readonly checkRecoveryCode: { readonly recoveryCode: string }
  readonly checkPasswordReset: { readonly newPassword: string }
  readonly continueAccountRecovery: NoBody
  readonly checkChallengeResponse: { readonly challengeResponse: string }
  readonly cancelAuthentication: NoBody
  readonly checkUsernameRecoveryEmail: CheckUsernameRecoveryEmailBody
  readonly cancelUsernameRecovery: NoBody
  // Identifier First, registration, external, risk (§3.3)
  readonly submitIdentifier: SubmitIdentifierBody
  readonly clearIdentifier: { readonly identifier: string }
  readonly cancelIdentifierSubmission: NoBody
  readonly registerUser: RegisterUserBody
  readonly cancel: NoBody
  readonly sendEmailVerificationOtl: NoBody
  /** `{}` is sent when omitted, except on `EMAIL_VERIFICATION_REQUIRED` (bodiless there). */
  readonly poll: EmptyBody
  readonly checkOtp: OtpBody
  readonly resendOtp: NoBody
  readonly skipOtp: NoBody
  /** Bodiless, except on `LINK_COMPLETED` and `CREDENTIAL_VERIFICATION_COMPLETED` where `{}` is sent. */
  readonly continue: EmptyBody
  readonly restart: NoBody
  readonly submitDeviceProfile: SubmitDeviceProfileBody
  readonly submitFraudSessionInfo: SubmitFraudSessionInfoBody
  readonly checkReferenceId: { readonly referenceId: string }
  // MFA (§3.4)
  readonly authenticate: AuthenticateBody
  readonly selectDevice: DeviceRefBody
  readonly selectOneTimeDeviceMethod: DeviceRefBody
  readonly setDefaultDevice: DeviceRefBody
  readonly removeDevice: DeviceRefBody
  readonly updateDeviceNickname: { readonly id: string; readonly nickname: string }
  readonly resyncOathToken: { readonly id: string; readonly otp: string }
  readonly setupMfa: NoBody
  readonly manageDevices: NoBody
  readonly usePasswordAuthentication: NoBody
  readonly resumeAuthentication: NoBody
  readonly checkAssertion: CheckAssertionBody
  readonly continueBiometricDeviceAuthentication: { readonly origin: string }
  readonly skipMfa: NoBody
  readonly selectDevicePairingMethod: SelectDevicePairingMethodBody
  readonly cancelDevicePairing: NoBody
  readonly submitEmailTarget: { readonly email: string }
  readonly activateEmailDevice: OtpBody
  readonly submitSmsTarget: { readonly phone: string }
  readonly submitVoiceTarget: { readonly phone: string }
  readonly submitWhatsAppTarget: { readonly phone: string }
  readonly activateSmsDevice: OtpBody
  readonly activateVoiceDevice: OtpBody
  readonly activateWhatsAppDevice: OtpBody
  readonly activateTotpDevice: OtpBody
  readonly activatePlatformDevice: WebAuthnActivationBody
  readonly activateSecurityKeyDevice: WebAuthnActivationBody
  readonly activateFido2Device: WebAuthnActivationBody
  readonly submitOathTokenTarget: { readonly serialNumber: string }
  readonly activateOathTokenDevice: OtpBody
  readonly skipUpdateDeviceNickname: NoBody
  // RSA SecurID, Symantec VIP, Entrust (§3.5)
  readonly checkCredential: { readonly username?: string; readonly passcode: string }
  readonly useAlternateMethod: EmptyBody
  readonly checkTokencode: { readonly tokencode: string }
  readonly checkNextTokencode: { readonly tokencode: string }
  readonly checkPasscode: { readonly passcode: string }
  readonly resetPin: { readonly newPin: string; readonly confirmPin: string }
  readonly selectChallengeMethod: { readonly input: string }
  readonly addVIPCredential: NoBody
  readonly submitVIPCredential: { readonly vipCredentialId: string; readonly securityCode: string }
  readonly initiatePushAuthentication: NoBody
  readonly checkSecurityCode: { readonly securityCode: string }
  readonly selectVIPCredential: { readonly vipCredentialId: string }
  readonly resetVIPCredential: {
    readonly vipCredentialId: string
    readonly securityCode: string
    readonly nextSecurityCode: string
  }
  readonly checkUserId: { readonly userid: string }
  readonly selectAuthenticator: { readonly authenticator: string }
  readonly checkInput: CheckInputBody
  readonly resendAuthenticationRequest: NoBody
  readonly showAlternativeAuthentication: NoBody
  // Verification, magic link, device authorization (§3.6)
  readonly retryVerification: NoBody
  readonly optionsAuthentication: OptionsAuthenticationBody
  readonly deviceAuthentication: { readonly deviceAuthentication: 'self' | 'other' }
  readonly sameDevice: EmptyBody
  readonly submitUserCode: { readonly userCode: string }
  readonly confirmUserCode: { readonly userCode: string }
}

/** An action id of PingFederate's Authentication API. */
export type PingFederateActionId = keyof PingFederateActions

// Actions whose model is a JSON object even when nothing is in it: an omitted body goes out as `{}`
// (the widget and PF's docs show `{}` for these). The rest of the omitted bodies go out as nothing,
// as the widget sends them (contract §3.1).
const EMPTY_OBJECT_ACTIONS: ReadonlySet<string> = new Set([
  'poll',
  'authenticate',
  'useAlternateMethod',
  'sameDevice',
])
// Keyed by `status:action` in Sets, not by status in plain objects: a status or action named
// `constructor` or `__proto__` (a restored flow, a hostile server) must find nothing (invariant 12).
const EMPTY_OBJECT_IN_STATUS: ReadonlySet<string> = new Set([
  'LINK_COMPLETED:continue',
  'CREDENTIAL_VERIFICATION_COMPLETED:continue',
  'DEVICE_PROFILE_REQUIRED:continueAuthentication',
])
// Documented as bodiless in this status although the same action takes `{}` elsewhere.
const NO_BODY_IN_STATUS: ReadonlySet<string> = new Set(['EMAIL_VERIFICATION_REQUIRED:poll'])

/**
 * The JSON text to send for `action` in `status` when the caller gave no body: `'{}'` for actions
 * whose model is an (empty) object, `undefined` (no body) for the rest.
 */
export function defaultBodyText(status: string, action: string): string | undefined {
  const inStatus = `${status}:${action}`
  if (NO_BODY_IN_STATUS.has(inStatus)) return undefined
  if (EMPTY_OBJECT_ACTIONS.has(action) || EMPTY_OBJECT_IN_STATUS.has(inStatus)) return '{}'
  return undefined
}

/**
 * Statuses that only wait for the client to say "go on" (contract §6.7), and the action that does.
 * The widget posts these by itself; this client never answers for the application, so a driver
 * loop can use this table to do it explicitly.
 *
 * @example
 * ```ts
 * const next = CONTINUE_ACTIONS[flow.state.status]
 * if (next) await flow.submit(next)
 * ```
 */
export const CONTINUE_ACTIONS: {
  readonly [S in PingFederateStatus]?: 'continueAuthentication' | 'continue' | 'authenticate'
} = nullPrototype({
  MFA_COMPLETED: 'continueAuthentication',
  OTP_VERIFIED: 'continueAuthentication',
  EXTERNAL_AUTHENTICATION_COMPLETED: 'continueAuthentication',
  MOBILE_PAIRING_REQUIRED: 'continueAuthentication',
  ID_VERIFICATION_COMPLETED: 'continueAuthentication',
  SUCCESSFUL_PASSWORD_CHANGE: 'continueAuthentication',
  SUCCESSFUL_PASSWORD_RESET: 'continueAuthentication',
  LINK_COMPLETED: 'continue',
  CREDENTIAL_VERIFICATION_COMPLETED: 'continue',
  AUTHENTICATION_REQUIRED: 'authenticate',
})

// A table indexed by a status read from a server or a saved flow: with no prototype, `constructor`
// or `toString` finds nothing rather than one of Object's functions (invariant 12).
function nullPrototype<T extends object>(entries: T): Readonly<T> {
  return Object.freeze(Object.assign(Object.create(null) as T, entries))
}
