import type { DeviceType, P1DeviceConfig } from './config.js'
import type { Flow } from './flow.js'

/** `+15555550101` → `**********01`: every digit but the last two hidden, as in contract §1.3's example. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  return '*'.repeat(Math.max(0, digits.length - 2)) + digits.slice(-2)
}

/** `joe@example.com` → `jo****@example.com` (contract §1.3). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at < 0) return '****'
  return `${email.slice(0, Math.min(2, at))}****${email.slice(at)}`
}

/** One entry of `_embedded.devices[]`: masked target and this flow's `userRetries`. */
export function renderDevice(device: P1DeviceConfig, flow: Flow): Record<string, unknown> {
  const out: Record<string, unknown> = { id: device.id, type: device.type, status: device.status ?? 'ACTIVE' }
  if (device.phone !== undefined) out.phone = maskPhone(device.phone)
  if (device.email !== undefined) out.email = maskEmail(device.email)
  if (device.nickname !== undefined) out.nickname = device.nickname
  out.userRetries = flow.retries.get(device.id) ?? 0
  return out
}

/** The RFC 8176 `amr` value of a device type. */
export function amrOf(type: DeviceType): string {
  switch (type) {
    case 'SMS':
      return 'sms'
    case 'VOICE':
      return 'tel'
    case 'EMAIL':
    case 'TOTP':
      return 'otp'
    case 'MOBILE':
      return 'swk'
    case 'FIDO2':
      return 'hwk'
  }
}
