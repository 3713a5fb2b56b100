import {
  defaultPingFederateConfig,
  defaultPingOneConfig,
  type EmulatorOptions,
  type P1UserConfig,
  type PingFederateConfig,
} from '@redirectless/emulator'
import { RFC6238_SECRET } from '../lib/totp.js'

/** The password of every default and generated user. */
export const PASSWORD = '2FederateM0re'

/** What a benchmark login needs to know about its user. */
export interface BenchUser {
  readonly username: string
  readonly password: string
  /** The base32 secret of the TOTP device the login selects. */
  readonly totpSecret: string
}

/** `ann`: two devices and PROMPT_TO_SELECT_DEVICE, so her login goes through device.select and otp.check. */
export const ANN: BenchUser = { username: 'ann', password: PASSWORD, totpSecret: RFC6238_SECRET }

/** The nth generated user, shaped like `ann`, so concurrent logins are different users with their own flows. */
export function loadUser(n: number): BenchUser {
  return { username: `load${String(n).padStart(4, '0')}`, password: PASSWORD, totpSecret: RFC6238_SECRET }
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0')

/**
 * Emulator options with `count` extra users in both halves (PingFederate first factor, PingOne MFA
 * with a TOTP and an SMS device and a device prompt), next to the documented default users.
 */
export function loadUserOptions(count: number): EmulatorOptions {
  const pf: PingFederateConfig['users'][number][] = []
  const p1: P1UserConfig[] = []
  for (let n = 0; n < count; n++) {
    const { username } = loadUser(n)
    pf.push({ username, password: PASSWORD, claims: { name: `Load ${n}`, email: `${username}@example.com` } })
    p1.push({
      id: `10ad0000-0000-4000-8000-${hex(n, 12)}`,
      username,
      password: PASSWORD,
      email: `${username}@example.com`,
      deviceSelection: 'PROMPT_TO_SELECT_DEVICE',
      devices: [
        { id: `de71ce00-1000-4000-8000-${hex(n, 12)}`, type: 'TOTP', secret: RFC6238_SECRET },
        { id: `de71ce00-2000-4000-8000-${hex(n, 12)}`, type: 'SMS', phone: `+1555${hex(n, 7)}` },
      ],
    })
  }
  return {
    pingFederate: { users: [...defaultPingFederateConfig.users, ...pf] },
    pingOne: { users: [...defaultPingOneConfig.users, ...p1] },
  }
}
