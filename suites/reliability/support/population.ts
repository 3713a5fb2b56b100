import {
  defaultPingFederateConfig,
  defaultPingOneConfig,
  type EmulatorOptions,
  type P1UserConfig,
  type PingFederateConfig,
} from '@redirectless/emulator'

type PfUser = PingFederateConfig['users'][number]

/** A user present at both halves, as the hybrid login needs. */
export interface TestUser {
  readonly username: string
  readonly password: string
  /** The PingOne id: the second stage's id_token `sub`. */
  readonly pingOneId: string
}

// Ids in the UUID shape PingOne uses, numbered so a failing login names its user at a glance.
const uuid = (kind: number, n: number) =>
  `00000000-0000-4000-8${kind.toString(16).padStart(3, '0')}-${n.toString(16).padStart(12, '0')}`

/**
 * `count` users `${prefix}-0000`… with one SMS device each at PingOne (so an MFA-only start goes
 * straight to `OTP_REQUIRED`), and each its own password.
 */
export function population(
  prefix: string,
  count: number,
  password = (n: number) => `${prefix}-pw-${n}-2FederateM0re`,
) {
  const users: TestUser[] = []
  const pingFederate: PfUser[] = []
  const pingOne: P1UserConfig[] = []
  for (let n = 0; n < count; n++) {
    const username = `${prefix}-${String(n).padStart(4, '0')}`
    const user = { username, password: password(n), pingOneId: uuid(1, n) }
    users.push(user)
    pingFederate.push({ username, password: user.password, claims: { name: `User ${n}` } })
    pingOne.push({
      id: user.pingOneId,
      username,
      devices: [{ id: uuid(2, n), type: 'SMS', phone: `+1555${String(n).padStart(7, '0')}` }],
    })
  }
  /** Emulator options with these users added to the defaults (the config's user lists replace, not merge). */
  const options = (extra: EmulatorOptions = {}): EmulatorOptions => ({
    ...extra,
    pingFederate: {
      ...extra.pingFederate,
      users: [...(extra.pingFederate?.users ?? defaultPingFederateConfig.users), ...pingFederate],
    },
    pingOne: {
      ...extra.pingOne,
      users: [...(extra.pingOne?.users ?? defaultPingOneConfig.users), ...pingOne],
    },
  })
  return { users, options }
}
