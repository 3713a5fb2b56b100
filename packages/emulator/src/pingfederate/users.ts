import type { EmulatorClock } from '../shared/clock.js'
import type { PfMfaDeviceConfig, PfUserConfig, ResolvedLockout } from './config.js'

/** An MFA device as the running emulator holds it: renamed, made default or removed at run time. */
export interface DeviceRecord extends Omit<PfMfaDeviceConfig, 'nickname' | 'defaultDevice'> {
  nickname: string | undefined
  defaultDevice: boolean
}

/** A user as the running emulator holds it: the configured data plus what changed since. */
export interface UserRecord {
  readonly username: string
  password: string
  mustChangePassword: boolean
  readonly lockable: boolean
  readonly claims: Readonly<Record<string, unknown>>
  failedAttempts: number
  lockedUntil: number
  /** `NEW_PASSWORD_RECOMMENDED` after sign-on while set; cleared by a password change. */
  passwordExpiresInDays: number | undefined
  /** The MFA adapters' devices, in order; at most one is the default. */
  devices: DeviceRecord[]
}

/** What registration (`registerUser`) creates. */
export interface NewUser {
  readonly username: string
  readonly password: string
  readonly claims: Readonly<Record<string, unknown>>
}

/** Outcome of a password check; `locked` also covers the failure that just locked the account. */
export type PasswordCheck = { ok: true; user: UserRecord } | { ok: false; reason: 'invalid' | 'locked' }

/** A rule a new password is checked against, reported like PF's password policy validators. */
interface PasswordRule {
  readonly userMessage: string
  test(candidate: string, current: string): boolean
}

/** Result of checking a new password: which rules failed and which held. */
export interface PasswordPolicyResult {
  readonly ok: boolean
  readonly failed: readonly { readonly userMessage: string }[]
  readonly satisfied: readonly { readonly userMessage: string }[]
}

/** The emulated user store behind the HTML Form Adapter, with lockout and password policy. */
export interface UserDirectory {
  find(username: string): UserRecord | undefined
  checkPassword(username: string, password: string): PasswordCheck
  checkNewPassword(user: UserRecord, candidate: string): PasswordPolicyResult
  changePassword(user: UserRecord, newPassword: string): void
  /** Whether a lockable user is locked out right now. */
  isLocked(user: UserRecord): boolean
  /** Ends a lockout (account recovery unlocks the account). */
  unlock(user: UserRecord): void
  /** The users whose `email` claim is this address (case-insensitive). */
  findByEmail(email: string): readonly UserRecord[]
  /** Adds a registered user; undefined when the username is taken. */
  register(user: NewUser): UserRecord | undefined
  /** The claims `scope` releases for this user (OpenID Connect §5.4 scope-to-claims mapping). */
  claimsFor(user: UserRecord, scope: readonly string[]): Record<string, unknown>
}

const SCOPE_CLAIMS: Readonly<Record<string, readonly string[]>> = {
  profile: [
    'name',
    'family_name',
    'given_name',
    'middle_name',
    'nickname',
    'preferred_username',
    'profile',
    'picture',
    'website',
    'gender',
    'birthdate',
    'zoneinfo',
    'locale',
    'updated_at',
  ],
  email: ['email', 'email_verified'],
  address: ['address'],
  phone: ['phone_number', 'phone_number_verified'],
}
const SCOPED_CLAIMS = new Set(Object.values(SCOPE_CLAIMS).flat())

/** Copies the configured users into mutable records (passwords change, lockouts happen). */
export function createUserDirectory(
  users: readonly PfUserConfig[],
  lockout: ResolvedLockout,
  clock: EmulatorClock,
  minPasswordLength: number,
): UserDirectory {
  // Usernames match case-insensitively, as they do against PF's usual LDAP-backed validators.
  const byName = new Map<string, UserRecord>()
  for (const user of users) {
    const devices = (user.devices ?? []).map(
      (d): DeviceRecord => ({ ...d, nickname: d.nickname, defaultDevice: d.defaultDevice ?? false }),
    )
    // PF shows exactly one default: the configured one, or else the first device.
    const first = devices[0]
    if (first && !devices.some((d) => d.defaultDevice)) first.defaultDevice = true
    byName.set(user.username.toLowerCase(), {
      username: user.username,
      password: user.password,
      mustChangePassword: user.mustChangePassword ?? false,
      lockable: user.lockable ?? false,
      claims: user.claims ?? {},
      failedAttempts: 0,
      lockedUntil: 0,
      passwordExpiresInDays: user.passwordExpiresInDays,
      devices,
    })
  }
  const rules: readonly PasswordRule[] = [
    {
      userMessage: `Must be at least ${minPasswordLength} characters long.`,
      test: (candidate) => candidate.length >= minPasswordLength,
    },
    { userMessage: 'Must not be the current password.', test: (candidate, current) => candidate !== current },
  ]

  return {
    find: (username) => byName.get(username.toLowerCase()),
    checkPassword(username, password) {
      const user = byName.get(username.toLowerCase())
      if (!user) return { ok: false, reason: 'invalid' }
      const now = clock.now()
      if (user.lockable && user.lockedUntil > now) return { ok: false, reason: 'locked' }
      if (!constantTimeEqual(user.password, password)) {
        if (!user.lockable) return { ok: false, reason: 'invalid' }
        user.failedAttempts += 1
        if (user.failedAttempts >= lockout.maxFailedAttempts) {
          user.failedAttempts = 0
          user.lockedUntil = now + lockout.periodSeconds * 1000
          return { ok: false, reason: 'locked' }
        }
        return { ok: false, reason: 'invalid' }
      }
      user.failedAttempts = 0
      return { ok: true, user }
    },
    checkNewPassword(user, candidate) {
      const failed: { userMessage: string }[] = []
      const satisfied: { userMessage: string }[] = []
      for (const rule of rules) {
        ;(rule.test(candidate, user.password) ? satisfied : failed).push({ userMessage: rule.userMessage })
      }
      return { ok: failed.length === 0, failed, satisfied }
    },
    changePassword(user, newPassword) {
      user.password = newPassword
      user.mustChangePassword = false
      user.passwordExpiresInDays = undefined
    },
    isLocked: (user) => user.lockable && user.lockedUntil > clock.now(),
    unlock(user) {
      user.lockedUntil = 0
      user.failedAttempts = 0
    },
    findByEmail(email) {
      const wanted = email.toLowerCase()
      return [...byName.values()].filter(
        (u) => typeof u.claims.email === 'string' && u.claims.email.toLowerCase() === wanted,
      )
    },
    register(user) {
      const key = user.username.toLowerCase()
      if (byName.has(key)) return undefined
      const record: UserRecord = {
        username: user.username,
        password: user.password,
        mustChangePassword: false,
        lockable: false,
        claims: user.claims,
        failedAttempts: 0,
        lockedUntil: 0,
        passwordExpiresInDays: undefined,
        devices: [],
      }
      byName.set(key, record)
      return record
    },
    claimsFor(user, scope) {
      const released = new Set(scope.flatMap((s) => SCOPE_CLAIMS[s] ?? []))
      const out: Record<string, unknown> = {}
      for (const [name, value] of Object.entries(user.claims)) {
        if (released.has(name) || !SCOPED_CLAIMS.has(name)) out[name] = value
      }
      return out
    },
  }
}

/** Compares secrets without an early exit, so timing does not reveal how much of a guess was right. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a)
  const right = new TextEncoder().encode(b)
  let diff = left.length ^ right.length
  for (let i = 0; i < Math.max(left.length, right.length); i++) diff |= (left[i] ?? 0) ^ (right[i] ?? 0)
  return diff === 0
}
