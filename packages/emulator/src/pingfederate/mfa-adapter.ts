import { digits } from '../shared/ids.js'
import { assertionProblem } from '../shared/webauthn-assertion.js'
import type { ActionBody, ActionId } from './actions.js'
import type { PfMfaAdapterConfig, PingFederateConfig } from './config.js'
import { PfApiError, type PfErrorDetail, validationError } from './errors.js'
import { FIDO_TYPES, type FidoPolicy, requestOptions } from './fido.js'
import type { Flow, InteractiveStatus, MfaProgress } from './flows.js'
import { FAILURES, type Outcome, STAY } from './outcomes.js'
import type { PfRuntime } from './runtime.js'
import type { DeviceRecord } from './users.js'

/**
 * The PingOne MFA IdP Adapter and the PingID adapter after the first factor (contract §3.4), over
 * each user's devices: device choice, a passcode sent to the outbox (e-mail, SMS, voice) or shown
 * by an authenticator (TOTP, the mobile app), a push whose outcome lands after N reads, a WebAuthn
 * assertion checked against the emulator's software keys, device management, and pairing an
 * e-mail device for a user who has none.
 */

/** The adapter settings with every default filled in. */
export interface MfaSettings {
  readonly type: 'pingone-mfa' | 'pingid'
  readonly deviceSelection: 'prompt' | 'default'
  readonly changeDevicePermitted: boolean
  readonly manageDevicesAllowed: boolean
  readonly otpLength: number
  readonly otpLifetimeMs: number
  readonly maxOtpAttempts: number
  readonly maxOtpResends: number
  readonly approveAfterPolls: number
  readonly pushOutcome: 'approve' | 'reject' | 'timeout' | 'never'
  readonly noDevice: 'bypass' | 'fail' | 'setup'
  readonly fido: FidoPolicy
}

/** Whether the configured MFA step is one of the adapters (rather than the plain push step). */
export function isMfaAdapter(mfa: PingFederateConfig['mfa']): mfa is PfMfaAdapterConfig {
  return mfa !== false && (mfa.type === 'pingone-mfa' || mfa.type === 'pingid')
}

/** The adapter's settings, defaults filled in (undefined when no adapter is configured). */
export function mfaSettings(config: PingFederateConfig): MfaSettings | undefined {
  const mfa = config.mfa
  if (!isMfaAdapter(mfa)) return undefined
  return {
    type: mfa.type,
    deviceSelection: mfa.deviceSelection ?? 'prompt',
    changeDevicePermitted: mfa.changeDevicePermitted ?? true,
    manageDevicesAllowed: mfa.manageDevicesAllowed ?? true,
    otpLength: mfa.otpLength ?? 6,
    otpLifetimeMs: (mfa.otpLifetimeSeconds ?? 300) * 1000,
    maxOtpAttempts: mfa.maxOtpAttempts ?? 3,
    maxOtpResends: mfa.maxOtpResends ?? 3,
    approveAfterPolls: mfa.approveAfterPolls ?? 2,
    pushOutcome: mfa.pushOutcome ?? 'approve',
    noDevice: mfa.noDevice ?? 'bypass',
    fido: { rpId: mfa.fidoRpId ?? 'localhost', allowedOrigins: mfa.fidoAllowedOrigins ?? [] },
  }
}

const OTP_TYPES: ReadonlySet<string> = new Set(['EMAIL', 'SMS', 'VOICE'])
const CHALLENGE_STATUSES: ReadonlySet<InteractiveStatus> = new Set([
  'OTP_REQUIRED',
  'PUSH_CONFIRMATION_WAITING',
  'PUSH_CONFIRMATION_TIMED_OUT',
  'PUSH_CONFIRMATION_REJECTED',
  'ASSERTION_REQUIRED',
])

/** The statuses this module answers for (when an adapter is configured). */
export const MFA_ADAPTER_STATUSES: ReadonlySet<InteractiveStatus> = new Set([
  'AUTHENTICATION_REQUIRED',
  'DEVICE_SELECTION_REQUIRED',
  'DEVICE_MANAGEMENT',
  'OTP_REQUIRED',
  'PUSH_CONFIRMATION_WAITING',
  'PUSH_CONFIRMATION_REJECTED',
  'PUSH_CONFIRMATION_TIMED_OUT',
  'ASSERTION_REQUIRED',
  'MFA_COMPLETED',
  'MFA_FAILED',
  'MFA_SETUP_REQUIRED',
  'DEVICE_PAIRING_METHOD_REQUIRED',
  'EMAIL_PAIRING_TARGET_REQUIRED',
  'EMAIL_ACTIVATION_REQUIRED',
])

function progress(flow: Flow): MfaProgress {
  flow.mfa ??= {
    deviceId: undefined,
    otp: undefined,
    challenge: undefined,
    failure: undefined,
    managedFrom: undefined,
    pairingEmail: undefined,
  }
  return flow.mfa
}

function devicesOf(flow: Flow): DeviceRecord[] {
  return flow.user?.devices ?? []
}

function selected(flow: Flow): DeviceRecord | undefined {
  const id = flow.mfa?.deviceId
  return id === undefined ? undefined : devicesOf(flow).find((d) => d.id === id)
}

/**
 * Enters the adapter after the first factor: the PingOne MFA adapter answers
 * `AUTHENTICATION_REQUIRED` first (the client posts `authenticate`); PingID goes straight on.
 */
export function startMfa(rt: PfRuntime, flow: Flow, settings: MfaSettings): Outcome {
  progress(flow)
  if (settings.type === 'pingone-mfa') {
    flow.status = 'AUTHENTICATION_REQUIRED'
    return STAY
  }
  return beginChallenge(rt, flow, settings)
}

/** Device choice, or the default device's challenge, or the no-device policy. */
function beginChallenge(rt: PfRuntime, flow: Flow, settings: MfaSettings): Outcome {
  const devices = devicesOf(flow)
  const mfa = progress(flow)
  mfa.deviceId = undefined
  mfa.otp = undefined
  mfa.challenge = undefined
  if (devices.length === 0) {
    switch (settings.noDevice) {
      case 'bypass':
        flow.status = 'MFA_COMPLETED'
        return STAY
      case 'fail':
        return mfaFailed(flow, {
          code: 'NO_DEVICES',
          message: 'The user has no MFA device and pairing is not allowed.',
          userMessage: 'You have no device to verify your identity with.',
        })
      case 'setup':
        flow.status = 'MFA_SETUP_REQUIRED'
        return STAY
    }
  }
  if (settings.deviceSelection === 'prompt' && devices.length > 1) {
    flow.status = 'DEVICE_SELECTION_REQUIRED'
    return STAY
  }
  const device = devices.find((d) => d.defaultDevice) ?? (devices[0] as DeviceRecord)
  return challenge(rt, flow, settings, device)
}

/** Starts the selected device's challenge: a passcode, a push or a WebAuthn assertion. */
function challenge(rt: PfRuntime, flow: Flow, settings: MfaSettings, device: DeviceRecord): Outcome {
  const mfa = progress(flow)
  mfa.deviceId = device.id
  mfa.otp = undefined
  mfa.challenge = undefined
  flow.pushReads = 0
  if (device.type === 'MOBILE') {
    rt.outbox.send({
      username: flow.username ?? '',
      channel: 'PUSH',
      deviceId: device.id,
      text: 'Sign-in request from PingFederate: approve to continue.',
      flowId: flow.id,
      purpose: 'push',
    })
    // The app also shows a passcode, for a user who prefers typing it (`otpEnabled`).
    if (device.otpEnabled) issueOtp(rt, flow, settings, device)
    flow.status = 'PUSH_CONFIRMATION_WAITING'
    return STAY
  }
  if (FIDO_TYPES.has(device.type)) {
    mfa.challenge = crypto.getRandomValues(new Uint8Array(32))
    // Make the key pair now, so the software authenticator holds it before anyone asks.
    if (device.credentialId) rt.fido.publicKeyJwk(device.credentialId)
    flow.status = 'ASSERTION_REQUIRED'
    return STAY
  }
  issueOtp(rt, flow, settings, device)
  flow.status = 'OTP_REQUIRED'
  return STAY
}

/** A fresh passcode: "sent" (e-mail, SMS, voice) or shown by the authenticator (TOTP, the app). */
function issueOtp(rt: PfRuntime, flow: Flow, settings: MfaSettings, device: DeviceRecord, resends = 0): void {
  const code = digits(settings.otpLength)
  progress(flow).otp = {
    code,
    expiresAt: rt.ctx.clock.now() + settings.otpLifetimeMs,
    attempts: 0,
    resends,
  }
  const sent = OTP_TYPES.has(device.type)
  rt.outbox.send({
    username: flow.username ?? '',
    channel: sent ? (device.type as 'EMAIL' | 'SMS' | 'VOICE') : 'TOTP',
    deviceId: device.id,
    otp: code,
    text: sent ? `Your one-time passcode is ${code}.` : `The authenticator shows ${code}.`,
    flowId: flow.id,
    purpose: 'otp',
    ...(sent && device.target !== undefined && { to: device.target }),
  })
}

function mfaFailed(flow: Flow, failure: NonNullable<MfaProgress['failure']>): Outcome {
  progress(flow).failure = failure
  flow.status = 'MFA_FAILED'
  return STAY
}

/** A read (GET or `poll`) of a waiting push: each one counts towards the configured outcome. */
export function readMfa(flow: Flow, settings: MfaSettings): void {
  if (flow.status !== 'PUSH_CONFIRMATION_WAITING') return
  flow.pushReads += 1
  if (settings.pushOutcome === 'never' || flow.pushReads < settings.approveAfterPolls) return
  flow.status =
    settings.pushOutcome === 'approve'
      ? 'MFA_COMPLETED'
      : settings.pushOutcome === 'reject'
        ? 'PUSH_CONFIRMATION_REJECTED'
        : 'PUSH_CONFIRMATION_TIMED_OUT'
}

/** The device management actions (`manageDevicesAllowed`); they leave the status as it is. */
const MANAGING: readonly ActionId[] = [
  'manageDevices',
  'setDefaultDevice',
  'removeDevice',
  'updateDeviceNickname',
]

/** The actions a status of the adapter offers. */
export function mfaActions(flow: Flow, settings: MfaSettings): readonly ActionId[] {
  const devices = devicesOf(flow)
  const device = selected(flow)
  const canSwitch = settings.changeDevicePermitted && devices.length > 1
  const switching: ActionId[] = canSwitch ? ['selectDevice'] : []
  switch (flow.status) {
    case 'AUTHENTICATION_REQUIRED':
      return ['authenticate', 'cancelAuthentication']
    case 'DEVICE_SELECTION_REQUIRED':
      // The contract (§3.4) offers the management actions on the device list too, and Ping's
      // widget posts them there: its device tiles carry "set default" and "remove".
      return ['selectDevice', ...(settings.manageDevicesAllowed ? MANAGING : []), 'cancelAuthentication']
    case 'DEVICE_MANAGEMENT':
      return [
        'setDefaultDevice',
        'removeDevice',
        'updateDeviceNickname',
        'resumeAuthentication',
        'cancelAuthentication',
      ]
    case 'OTP_REQUIRED':
      return [
        'checkOtp',
        ...(device && OTP_TYPES.has(device.type) ? (['resendOtp'] as const) : []),
        ...switching,
        'cancelAuthentication',
      ]
    case 'PUSH_CONFIRMATION_WAITING':
      return [
        'poll',
        ...(device?.otpEnabled ? (['checkOtp'] as const) : []),
        ...(devices.length > 1 || settings.changeDevicePermitted ? (['selectDevice'] as const) : []),
        'cancelAuthentication',
      ]
    case 'PUSH_CONFIRMATION_TIMED_OUT':
      // selectDevice retries the push on the same device, or switches.
      return [...(device?.otpEnabled ? (['checkOtp'] as const) : []), 'selectDevice', 'cancelAuthentication']
    case 'PUSH_CONFIRMATION_REJECTED':
      return ['cancelAuthentication']
    case 'ASSERTION_REQUIRED':
      return [
        'checkAssertion',
        ...switching,
        ...(settings.manageDevicesAllowed ? (['manageDevices'] as const) : []),
        'cancelAuthentication',
      ]
    case 'MFA_COMPLETED':
      return ['continueAuthentication']
    case 'MFA_FAILED':
      return ['cancelAuthentication']
    case 'MFA_SETUP_REQUIRED':
      return ['setupMfa', 'cancelAuthentication']
    case 'DEVICE_PAIRING_METHOD_REQUIRED':
      return ['selectDevicePairingMethod', 'cancelDevicePairing']
    case 'EMAIL_PAIRING_TARGET_REQUIRED':
      return ['submitEmailTarget', 'cancelDevicePairing']
    case 'EMAIL_ACTIVATION_REQUIRED':
      return ['activateEmailDevice', 'resendOtp', 'cancelDevicePairing']
    default:
      return []
  }
}

/** The model fields of a status of the adapter (contract §3.4). */
export function mfaModel(flow: Flow, settings: MfaSettings): Record<string, unknown> {
  const mfa = progress(flow)
  const devices = devicesOf(flow).map((d) => renderDevice(d, settings))
  const user = { id: flow.username, username: flow.username }
  const device = selected(flow)
  const chosen = device ? { selectedDeviceRef: { id: device.id } } : {}
  const common = { devices, ...chosen, changeDevicePermitted: settings.changeDevicePermitted, user }
  switch (flow.status) {
    case 'AUTHENTICATION_REQUIRED':
      return { user }
    case 'DEVICE_SELECTION_REQUIRED':
    case 'DEVICE_MANAGEMENT':
      return {
        devices,
        user,
        manualPairing: false,
        userSelectedDefault: settings.deviceSelection === 'default',
        changeDevicePermitted: settings.changeDevicePermitted,
        manageDevicesAllowed: settings.manageDevicesAllowed,
        manualPairingPermitted: false,
        usePasswordAuthenticationEnabled: false,
        newPairingAuthRequired: false,
      }
    case 'OTP_REQUIRED':
      return { ...common, otpLength: settings.otpLength }
    case 'PUSH_CONFIRMATION_WAITING':
    case 'PUSH_CONFIRMATION_TIMED_OUT':
      return common
    case 'ASSERTION_REQUIRED':
      return {
        ...common,
        publicKeyCredentialRequestOptions:
          device && mfa.challenge ? requestOptions(device, mfa.challenge, settings.fido) : {},
        manageDevicesAllowed: settings.manageDevicesAllowed,
        manualPairingPermitted: false,
      }
    case 'MFA_FAILED':
      return { ...mfa.failure }
    case 'MFA_SETUP_REQUIRED':
      return { allowSkipMfa: false }
    case 'DEVICE_PAIRING_METHOD_REQUIRED':
      return { devicePairingMethods: [{ deviceType: 'EMAIL' }] }
    case 'EMAIL_ACTIVATION_REQUIRED':
      return { email: mfa.pairingEmail, otpLength: settings.otpLength }
    default:
      return {}
  }
}

/**
 * Runs an adapter action (the caller checked `_links` and the body model). Returns undefined for
 * `continueAuthentication` on `MFA_COMPLETED`, which the policy answers (the next step).
 */
export function runMfaAction(
  rt: PfRuntime,
  flow: Flow,
  settings: MfaSettings,
  action: ActionId,
  body: ActionBody,
): Outcome | undefined {
  const mfa = progress(flow)
  switch (action) {
    case 'authenticate':
      // A native app's `mobilePayload` (PingOne MFA SDK) is accepted and not checked.
      return beginChallenge(rt, flow, settings)
    case 'selectDevice':
      return challenge(rt, flow, settings, deviceNamed(flow, refId(body)))
    case 'checkOtp':
      return flow.status === 'EMAIL_ACTIVATION_REQUIRED'
        ? activateEmail(rt, flow, settings, String(body.otp))
        : checkOtp(rt, flow, settings, String(body.otp))
    case 'activateEmailDevice':
      return activateEmail(rt, flow, settings, String(body.otp))
    case 'resendOtp': {
      const pending = mfa.otp
      const resends = (pending?.resends ?? 0) + 1
      if (resends > settings.maxOtpResends) {
        throw new PfApiError(400, {
          code: 'REQUEST_FAILED',
          message: 'The request could not be completed.',
          details: [
            {
              code: 'OTP_RESEND_LIMIT',
              message: 'The passcode was resent too many times.',
              userMessage: 'You have requested too many passcodes. Please try again later.',
            },
          ],
        })
      }
      if (flow.status === 'EMAIL_ACTIVATION_REQUIRED') {
        sendPairingOtp(rt, flow, settings, resends)
        return STAY
      }
      const device = selected(flow)
      if (device) issueOtp(rt, flow, settings, device, resends)
      return STAY
    }
    case 'checkAssertion': {
      const device = selected(flow)
      const problem =
        device && mfa.challenge
          ? assertionProblem(
              rt.fido,
              device.credentialId,
              mfa.challenge,
              String(body.origin),
              String(body.assertion),
              settings.fido,
            )
          : 'no assertion is pending'
      if (problem) {
        throw validationError([
          {
            code: 'INVALID_FIELD_VALUE',
            message: `The assertion was refused: ${problem}.`,
            userMessage: 'Your security key could not be verified.',
            target: 'assertion',
          },
        ])
      }
      mfa.challenge = undefined
      flow.status = 'MFA_COMPLETED'
      return STAY
    }
    case 'manageDevices':
      mfa.managedFrom = flow.status
      flow.status = 'DEVICE_MANAGEMENT'
      return STAY
    case 'setDefaultDevice': {
      const device = deviceNamed(flow, refId(body))
      for (const d of devicesOf(flow)) d.defaultDevice = d === device
      return STAY
    }
    case 'removeDevice': {
      const device = deviceNamed(flow, refId(body))
      const devices = devicesOf(flow)
      devices.splice(devices.indexOf(device), 1)
      const first = devices[0]
      if (device.defaultDevice && first) first.defaultDevice = true
      return STAY
    }
    case 'updateDeviceNickname':
      deviceNamed(flow, String(body.id), 'id').nickname = String(body.nickname)
      return STAY
    case 'resumeAuthentication':
      return beginChallenge(rt, flow, settings)
    case 'setupMfa':
      flow.status = 'DEVICE_PAIRING_METHOD_REQUIRED'
      return STAY
    case 'selectDevicePairingMethod': {
      const method = body.devicePairingMethod as { deviceType?: unknown }
      if (method.deviceType !== 'EMAIL') {
        throw validationError([
          {
            code: 'INVALID_FIELD_VALUE',
            message: 'Only EMAIL devices can be paired here.',
            userMessage: 'This kind of device cannot be added.',
            target: 'devicePairingMethod.deviceType',
          },
        ])
      }
      flow.status = 'EMAIL_PAIRING_TARGET_REQUIRED'
      return STAY
    }
    case 'submitEmailTarget': {
      const email = String(body.email)
      // The widget shows this error's message as is (contract §4.2).
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
        throw new PfApiError(400, {
          code: 'INVALID_DEVICE_TARGET',
          message: 'The e-mail address is not valid.',
          userMessage: 'Enter a valid e-mail address.',
        })
      }
      mfa.pairingEmail = email
      sendPairingOtp(rt, flow, settings, 0)
      flow.status = 'EMAIL_ACTIVATION_REQUIRED'
      return STAY
    }
    case 'cancelDevicePairing':
    case 'cancelAuthentication':
      return {
        kind: 'failed',
        failure:
          flow.status === 'MFA_FAILED' && mfa.failure
            ? { ...mfa.failure, oauthError: 'access_denied' }
            : flow.status === 'PUSH_CONFIRMATION_REJECTED'
              ? FAILURES.pushRejected
              : FAILURES.canceled,
      }
    default:
      return undefined
  }
}

/** Whether `status` is one the adapter's challenge runs in (the device list applies). */
export function isChallengeStatus(status: InteractiveStatus): boolean {
  return CHALLENGE_STATUSES.has(status)
}

function checkOtp(rt: PfRuntime, flow: Flow, settings: MfaSettings, otp: string): Outcome {
  const pending = progress(flow).otp
  if (!pending) throw invalidOtp(0)
  if (rt.ctx.clock.now() >= pending.expiresAt) {
    throw new PfApiError(400, {
      code: 'REQUEST_FAILED',
      message: 'The request could not be completed.',
      details: [
        {
          code: 'OTP_EXPIRED',
          message: 'The passcode has expired.',
          userMessage: 'The passcode has expired. Request a new one.',
        },
      ],
    })
  }
  if (otp !== pending.code) {
    pending.attempts += 1
    if (pending.attempts >= settings.maxOtpAttempts) {
      progress(flow).otp = undefined
      return mfaFailed(flow, {
        code: 'OTP_ATTEMPTS_LIMIT',
        message: 'Too many invalid passcodes.',
        userMessage: 'You entered too many wrong passcodes.',
      })
    }
    throw invalidOtp(settings.maxOtpAttempts - pending.attempts)
  }
  progress(flow).otp = undefined
  flow.status = 'MFA_COMPLETED'
  return STAY
}

function invalidOtp(attemptsRemaining: number): PfApiError {
  return validationError([
    {
      code: 'INVALID_OTP',
      message: 'An invalid or expired OTP code was provided.',
      userMessage: 'The passcode you entered is incorrect.',
      target: 'otp',
      attemptsRemaining,
    },
  ])
}

function sendPairingOtp(rt: PfRuntime, flow: Flow, settings: MfaSettings, resends: number): void {
  const email = progress(flow).pairingEmail ?? ''
  const code = digits(settings.otpLength)
  progress(flow).otp = { code, expiresAt: rt.ctx.clock.now() + settings.otpLifetimeMs, attempts: 0, resends }
  rt.outbox.send({
    username: flow.username ?? '',
    channel: 'EMAIL',
    deviceId: 'pairing',
    otp: code,
    text: `Your one-time passcode is ${code}.`,
    flowId: flow.id,
    purpose: 'otp',
    to: email,
  })
}

function activateEmail(rt: PfRuntime, flow: Flow, settings: MfaSettings, otp: string): Outcome {
  const mfa = progress(flow)
  const outcome = checkOtp(rt, flow, settings, otp)
  if (flow.status !== 'MFA_COMPLETED') return outcome
  const devices = devicesOf(flow)
  devices.push({
    id: `${flow.username ?? 'user'}-email-${devices.length + 1}`,
    type: 'EMAIL',
    target: mfa.pairingEmail ?? '',
    nickname: undefined,
    defaultDevice: devices.length === 0,
  })
  return outcome
}

function refId(body: ActionBody): string {
  return String((body.deviceRef as { id: unknown }).id)
}

function deviceNamed(flow: Flow, id: string, target = 'deviceRef.id'): DeviceRecord {
  const device = devicesOf(flow).find((d) => d.id === id)
  if (!device) {
    const detail: PfErrorDetail = {
      code: 'INVALID_DEVICE',
      message: `No usable device with id '${id.slice(0, 64)}'.`,
      userMessage: 'The selected device is not available.',
      target,
    }
    throw validationError([detail])
  }
  return device
}

function renderDevice(device: DeviceRecord, settings: MfaSettings): Record<string, unknown> {
  const fido = FIDO_TYPES.has(device.type)
  return {
    id: device.id,
    type: device.type,
    name: device.name ?? defaultName(device.type),
    ...(device.nickname !== undefined && { nickname: device.nickname }),
    ...(device.target !== undefined && { target: mask(device) }),
    usable: true,
    isOneTimeDevice: false,
    pushEnabled: device.type === 'MOBILE',
    otpEnabled: OTP_TYPES.has(device.type) || device.type === 'TOTP' || device.otpEnabled === true,
    defaultDevice: device.defaultDevice,
    ...(fido && { rpId: settings.fido.rpId }),
  }
}

function defaultName(type: string): string {
  switch (type) {
    case 'EMAIL':
      return 'Email'
    case 'SMS':
      return 'Text message'
    case 'VOICE':
      return 'Voice'
    case 'TOTP':
      return 'Authenticator app'
    case 'MOBILE':
      return 'Mobile app'
    default:
      return 'Security key'
  }
}

/** `joe@example.com` → `jo****@example.com`; `+15555550101` → `*********01`. */
function mask(device: DeviceRecord): string {
  const target = device.target ?? ''
  if (device.type === 'EMAIL') {
    const at = target.lastIndexOf('@')
    return at < 0 ? '****' : `${target.slice(0, Math.min(2, at))}****${target.slice(at)}`
  }
  const digitsOnly = target.replace(/\D/g, '')
  return '*'.repeat(Math.max(0, digitsOnly.length - 2)) + digitsOnly.slice(-2)
}
