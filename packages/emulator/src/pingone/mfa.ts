import type { P1DeviceConfig } from './config.js'
import type { P1Context } from './context.js'
import { invalidData, requestFailed } from './errors.js'
import { startAssertion } from './fido.js'
import type { Flow } from './flow.js'
import { sendOtp, showTotp } from './otp.js'
import { clearPending, complete, fail } from './progress.js'
import { startPush } from './push.js'
import { usableDevices } from './users.js'

/** The MFA step: straight to the default device, or `DEVICE_SELECTION_REQUIRED` (contract §3.3 diagram). */
export function startMfa(ctx: P1Context, flow: Flow): void {
  const user = flow.user
  const devices = user ? usableDevices(user) : []
  const first = devices[0]
  if (!user || !first) {
    if (ctx.config.mfaBypassAllowed) {
      flow.mfaSatisfied = true
      complete(ctx, flow)
      return
    }
    const message = 'The user has no device that can be used for MFA.'
    if (ctx.config.noDeviceOutcome === 'error') throw requestFailed('NO_USABLE_DEVICES', message)
    fail(flow, { code: 'NO_USABLE_DEVICES', message })
    return
  }
  const selection = user.deviceSelection ?? ctx.config.deviceSelection
  if (devices.length === 1 || selection === 'DEFAULT_TO_FIRST') {
    selectDevice(ctx, flow, first)
    return
  }
  clearPending(flow)
  flow.selectedDeviceId = undefined
  flow.status = 'DEVICE_SELECTION_REQUIRED'
}

/** Starts authentication with one device: sends an OTP, starts a push, or issues a FIDO2 challenge. */
export function selectDevice(ctx: P1Context, flow: Flow, device: P1DeviceConfig): void {
  assertNotLocked(ctx, flow, device.id)
  clearPending(flow)
  flow.selectedDeviceId = device.id
  switch (device.type) {
    case 'SMS':
    case 'EMAIL':
    case 'VOICE':
      sendOtp(ctx, flow, device)
      flow.status = 'OTP_REQUIRED'
      return
    case 'TOTP':
      showTotp(ctx, flow, device)
      flow.status = 'OTP_REQUIRED'
      return
    case 'MOBILE':
      startPush(ctx, flow, device)
      flow.status = 'PUSH_CONFIRMATION_REQUIRED'
      return
    case 'FIDO2':
      startAssertion(ctx, flow, device)
      flow.status = 'ASSERTION_REQUIRED'
      return
  }
}

/** `device.select {device: {id}, compatibility?}`: (re)starts that device; an OTP is sent again. */
export function deviceSelectAction(
  ctx: P1Context,
  flow: Flow,
  body: Readonly<Record<string, unknown>>,
): void {
  const device = body.device
  const id = device && typeof device === 'object' ? (device as { id?: unknown }).id : undefined
  if (typeof id !== 'string' || id === '') {
    throw invalidData('device.id', 'A device id is required.', 'REQUIRED_VALUE')
  }
  const chosen = flow.user ? usableDevices(flow.user).find((d) => d.id === id) : undefined
  if (!chosen) throw invalidData('device.id', 'The device is not one of the devices of this flow.')
  selectDevice(ctx, flow, chosen)
}

/** The selected device of the flow, or undefined. */
export function selectedDevice(flow: Flow): P1DeviceConfig | undefined {
  return flow.user?.devices.find((d) => d.id === flow.selectedDeviceId)
}

/** Refuses a device in its cool-down (`otpLockout: 'lock-device'`); a lock that ran out resets its retries. */
export function assertNotLocked(ctx: P1Context, flow: Flow, deviceId: string): void {
  const until = flow.lockedUntil.get(deviceId)
  if (until === undefined) return
  const now = ctx.clock.now()
  if (now >= until) {
    flow.lockedUntil.delete(deviceId)
    flow.retries.delete(deviceId)
    return
  }
  throw requestFailed('DEVICE_LOCKED', 'The device is locked after too many failed attempts.', {
    secondsUntilUnlock: Math.ceil((until - now) / 1000),
  })
}
