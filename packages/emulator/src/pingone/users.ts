import type { P1DeviceConfig, P1UserConfig } from './config.js'
import type { P1Context } from './context.js'
import type { UserState } from './store.js'

/** Every user: the configured ones, then those registered while the emulator runs. */
export function allUsers(ctx: P1Context): readonly P1UserConfig[] {
  return ctx.store.registered.length === 0 ? ctx.config.users : [...ctx.config.users, ...ctx.store.registered]
}

/** A user by PingOne id or by username (both are valid `login_hint_token` subjects, contract §2.1). */
export function findUser(ctx: P1Context, idOrUsername: string): P1UserConfig | undefined {
  return allUsers(ctx).find((u) => u.id === idOrUsername) ?? findUserByUsername(ctx, idOrUsername)
}

/** A user by exact username. */
export function findUserByUsername(ctx: P1Context, username: string): P1UserConfig | undefined {
  return allUsers(ctx).find((u) => u.username === username)
}

/** Users are enabled unless configured `enabled: false`. */
export function isEnabled(user: P1UserConfig): boolean {
  return user.enabled !== false
}

/** The user's changeable state, made from the config on first use. */
export function userState(ctx: P1Context, user: P1UserConfig): UserState {
  let state = ctx.store.users.get(user.id)
  if (!state) {
    state = {
      password: user.password,
      history: [],
      passwordStatus: user.password === undefined ? 'NO_PASSWORD' : (user.passwordStatus ?? 'OK'),
      verified: user.verified ?? true,
      agreements: new Set(user.agreements ?? []),
      attributes: { ...user.attributes },
      profiledAt: undefined,
      externalIdentities: [...(user.externalIdentities ?? [])],
      inviteCode: user.inviteCode,
      failedPasswords: 0,
      lockedUntil: undefined,
    }
    ctx.store.users.set(user.id, state)
  }
  return state
}

/** Checks the current password (a recovered or reset one replaces the configured one). */
export function passwordMatches(ctx: P1Context, user: P1UserConfig, password: string): boolean {
  const current = userState(ctx, user).password
  return current !== undefined && constantTimeEqual(current, password)
}

/** Records a new password for the emulator's lifetime; the old one goes into the history. */
export function setPassword(ctx: P1Context, user: P1UserConfig, password: string): void {
  const state = userState(ctx, user)
  if (state.password !== undefined) state.history.unshift(state.password)
  state.password = password
  state.passwordStatus = 'OK'
}

/** The user's active devices, in device order (the first is the default). */
export function usableDevices(user: P1UserConfig): readonly P1DeviceConfig[] {
  return user.devices.filter((d) => (d.status ?? 'ACTIVE') === 'ACTIVE')
}

/** Compares secrets without an early exit on the first difference. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a)
  const y = new TextEncoder().encode(b)
  let diff = x.length ^ y.length
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0)
  return diff === 0
}
