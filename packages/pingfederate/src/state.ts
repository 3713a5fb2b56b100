/**
 * `PingFederateState`: every flow state, discriminated on `status`.
 * @module
 */

import type {
  ExternalAuthenticationCompletedState,
  ExternalAuthenticationFailedState,
  ExternalAuthenticationRequiredState,
} from './states/external.js'
import type { GenericState } from './states/generic.js'
import type {
  AccountRecoveryOtlVerificationRequiredState,
  AccountRecoveryUsernameRequiredState,
  ChallengeResponseRequiredState,
  ChangePasswordExternalState,
  CurrentCredentialsRequiredState,
  MustChangePasswordState,
  NewPasswordRecommendedState,
  NewPasswordRequiredState,
  PasswordResetRequiredState,
  RecoveryCodeRequiredState,
  SuccessfulAccountUnlockState,
  SuccessfulPasswordChangeState,
  SuccessfulPasswordResetState,
  UsernamePasswordRequiredState,
  UsernameRecoveryEmailRequiredState,
  UsernameRecoveryEmailSentState,
} from './states/html-form.js'
import type { IdentifierRequiredState } from './states/identifier-first.js'
import type {
  AssertionRequiredState,
  AuthenticationCodeResponseRequiredState,
  AuthenticationRequiredState,
  BiometricDeviceAuthenticationInfoRequiredState,
  DeviceManagementState,
  DevicePairingMethodRequiredState,
  DeviceSelectionRequiredState,
  EmailActivationRequiredState,
  EmailPairingTargetRequiredState,
  Fido2ActivationRequiredState,
  MfaCompletedState,
  MfaDevicePairingMethodFailedState,
  MfaFailedState,
  MfaSetupRequiredState,
  MobileActivationRequiredState,
  MobilePairingRequiredState,
  OathTokenActivationRequiredState,
  OathTokenPairingTargetRequiredState,
  OneTimeDeviceOtpInputRequiredState,
  OneTimeDeviceOtpMethodTypeInputRequiredState,
  OneTimeDeviceOtpRequiredState,
  OtpRequiredState,
  OtpVerifiedState,
  PlatformActivationRequiredState,
  PushConfirmationRejectedState,
  PushConfirmationTimedOutState,
  PushConfirmationWaitingState,
  SecurityKeyActivationRequiredState,
  SmsActivationRequiredState,
  SmsPairingTargetRequiredState,
  TotpActivationRequiredState,
  UpdateNicknameState,
  VoiceActivationRequiredState,
  VoicePairingTargetRequiredState,
  WhatsAppActivationRequiredState,
  WhatsAppPairingTargetRequiredState,
} from './states/mfa.js'
import type {
  AccountLinkingFailedState,
  EmailVerificationOtpRequiredState,
  EmailVerificationRequiredState,
  RegistrationRequiredState,
} from './states/registration.js'
import type { CanceledState, CompletedState, FailedState, ResumeState } from './states/terminal.js'
import type { PingFederateStatus } from './statuses.js'

/** The states with a field-by-field model. */
export type TypedPingFederateState =
  | UsernamePasswordRequiredState
  | MustChangePasswordState
  | NewPasswordRequiredState
  | NewPasswordRecommendedState
  | CurrentCredentialsRequiredState
  | ChangePasswordExternalState
  | SuccessfulPasswordChangeState
  | AccountRecoveryUsernameRequiredState
  | AccountRecoveryOtlVerificationRequiredState
  | RecoveryCodeRequiredState
  | PasswordResetRequiredState
  | SuccessfulPasswordResetState
  | SuccessfulAccountUnlockState
  | ChallengeResponseRequiredState
  | UsernameRecoveryEmailRequiredState
  | UsernameRecoveryEmailSentState
  | IdentifierRequiredState
  | RegistrationRequiredState
  | EmailVerificationRequiredState
  | EmailVerificationOtpRequiredState
  | AccountLinkingFailedState
  | ExternalAuthenticationRequiredState
  | ExternalAuthenticationCompletedState
  | ExternalAuthenticationFailedState
  | AuthenticationRequiredState
  | DeviceSelectionRequiredState
  | DeviceManagementState
  | OtpRequiredState
  | OtpVerifiedState
  | PushConfirmationWaitingState
  | PushConfirmationTimedOutState
  | PushConfirmationRejectedState
  | AssertionRequiredState
  | BiometricDeviceAuthenticationInfoRequiredState
  | AuthenticationCodeResponseRequiredState
  | MfaCompletedState
  | MfaFailedState
  | MfaSetupRequiredState
  | DevicePairingMethodRequiredState
  | EmailPairingTargetRequiredState
  | EmailActivationRequiredState
  | SmsPairingTargetRequiredState
  | VoicePairingTargetRequiredState
  | WhatsAppPairingTargetRequiredState
  | SmsActivationRequiredState
  | VoiceActivationRequiredState
  | WhatsAppActivationRequiredState
  | TotpActivationRequiredState
  | PlatformActivationRequiredState
  | SecurityKeyActivationRequiredState
  | Fido2ActivationRequiredState
  | MobileActivationRequiredState
  | MobilePairingRequiredState
  | MfaDevicePairingMethodFailedState
  | OathTokenPairingTargetRequiredState
  | OathTokenActivationRequiredState
  | UpdateNicknameState
  | OneTimeDeviceOtpMethodTypeInputRequiredState
  | OneTimeDeviceOtpInputRequiredState
  | OneTimeDeviceOtpRequiredState
  | CompletedState
  | ResumeState
  | FailedState
  | CanceledState

/** Statuses that have no field-by-field model and come as a {@link GenericState}. */
export type GenericStatus = Exclude<PingFederateStatus, TypedPingFederateState['status']>

/**
 * A PingFederate flow state: a frozen snapshot, discriminated on `status`, covering every status
 * in {@link PING_FEDERATE_STATUSES}. Switch on `status` to get the state's model fields.
 *
 * @example
 * ```ts
 * if (flow.state.status === 'USERNAME_PASSWORD_REQUIRED') console.log(flow.state.showCaptcha)
 * ```
 */
export type PingFederateState =
  | TypedPingFederateState
  | { [S in GenericStatus]: GenericState<S> }[GenericStatus]

/** The state whose `status` is `S`. */
export type PingFederateStateOf<S extends PingFederateStatus> = Extract<
  PingFederateState,
  { readonly status: S }
>
