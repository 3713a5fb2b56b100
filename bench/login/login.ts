import type { BenchUser } from '../emulator/users.js'

/** One complete hybrid login for `user`; resolves with both stages' validated `sub`. */
export type Login = (user: BenchUser) => Promise<LoginOutcome>

export interface LoginOutcome {
  readonly pingFederateSub: string
  readonly pingOneSub: string
}

/** The id of the user's TOTP device in a DEVICE_SELECTION_REQUIRED state (`_embedded.devices`). */
export function totpDeviceId(state: unknown): string {
  const devices = (state as { _embedded?: { devices?: { id: string; type: string }[] } })._embedded?.devices
  const device = devices?.find((d) => d.type === 'TOTP')
  if (!device) throw new Error('no TOTP device offered')
  return device.id
}
