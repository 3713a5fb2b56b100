import { maskTarget } from '../render/mask.js'

/** The device types a user may ask for with `--device`. */
export const DEVICE_TYPES = ['SMS', 'EMAIL', 'TOTP', 'MOBILE', 'FIDO2'] as const
export type DeviceType = (typeof DEVICE_TYPES)[number]

/** A device as PingOne lists it in `_embedded.devices`. */
export interface FlowDevice {
  readonly id: string
  readonly type: string
  readonly phone?: string
  readonly email?: string
  readonly nickname?: string
}

/** The shape of a flow state the answers read: PingOne's MFA model plus PingFederate's fields. */
export interface StepState {
  readonly id?: string
  readonly status?: string
  readonly username?: string
  readonly selectedDevice?: { readonly id: string }
  readonly publicKeyCredentialRequestOptions?: string | object
  readonly error?: { readonly code?: string; readonly message?: string }
  readonly code?: string
  readonly userMessage?: string
  readonly _embedded?: {
    readonly devices?: readonly FlowDevice[]
    readonly user?: { readonly id?: string; readonly username?: string }
  }
}

/** The devices a flow state offers. */
export function devicesOf(state: StepState | undefined): readonly FlowDevice[] {
  return state?._embedded?.devices ?? []
}

/** The device the OTP went to, or the push or assertion waits on. */
export function selectedDevice(state: StepState | undefined): FlowDevice | undefined {
  const id = state?.selectedDevice?.id
  return id === undefined ? undefined : devicesOf(state).find((d) => d.id === id)
}

/** How a device reads in a menu: "SMS to •••01", "Push to the mobile app", … */
export function deviceLabel(device: FlowDevice): string {
  switch (device.type) {
    case 'SMS':
      return `SMS to ${maskTarget(device.phone)}`
    case 'VOICE':
      return `Voice call to ${maskTarget(device.phone)}`
    case 'EMAIL':
      return `E-mail to ${maskTarget(device.email)}`
    case 'TOTP':
      return 'Authenticator app (TOTP)'
    case 'MOBILE':
      return 'Push to the mobile app'
    case 'FIDO2':
      return 'Security key (FIDO2)'
    default:
      return device.type
  }
}

/** How the user got a code, without the code: "by SMS to •••01". */
export function codeChannel(channel: string | undefined, target: string | undefined): string {
  switch (channel) {
    case 'SMS':
      return `by SMS to ${maskTarget(target)}`
    case 'VOICE':
      return `by voice call to ${maskTarget(target)}`
    case 'EMAIL':
      return `by e-mail to ${maskTarget(target)}`
    case 'TOTP':
      return 'from the authenticator app'
    default:
      return 'from the user'
  }
}
