/**
 * Reads what the screens show from a flow state. The machine's `state` is the server's own model;
 * these readers take it as it comes and keep only well-formed members, so a screen never trips on
 * a field a tenant left out.
 */

/** A PingOne MFA device as the device list shows it. */
export interface DeviceChoice {
  readonly id: string
  readonly type: string
  /** What the button says: the masked phone or e-mail, or the nickname. */
  readonly label: string
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined

const DEVICE_NAMES: Readonly<Record<string, string>> = {
  SMS: 'Text message',
  VOICE: 'Voice call',
  EMAIL: 'Email',
  TOTP: 'Authenticator app',
  MOBILE: 'Push notification',
  FIDO2: 'Security key',
}

/** `_embedded.devices[]` of a PingOne MFA state. */
export function devicesOf(state: unknown): DeviceChoice[] {
  const devices = record(record(state)?._embedded)?.devices
  if (!Array.isArray(devices)) return []
  return devices.flatMap((entry: unknown) => {
    const device = record(entry)
    if (typeof device?.id !== 'string' || typeof device.type !== 'string') return []
    const name = DEVICE_NAMES[device.type] ?? device.type
    const detail = [device.nickname, device.phone, device.email].find(
      (v): v is string => typeof v === 'string',
    )
    return [{ id: device.id, type: device.type, label: detail ? `${name}: ${detail}` : name }]
  })
}

/** The device an OTP went to, or a push or assertion waits on. */
export function selectedDeviceId(state: unknown): string | undefined {
  const id = record(record(state)?.selectedDevice)?.id
  return typeof id === 'string' ? id : undefined
}

/** `publicKeyCredentialRequestOptions` of `ASSERTION_REQUIRED`, as PingOne sent it. */
export function requestOptionsOf(state: unknown): string | object | undefined {
  const options = record(state)?.publicKeyCredentialRequestOptions
  return typeof options === 'string' || record(options) ? (options as string | object) : undefined
}
