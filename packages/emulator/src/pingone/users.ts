import type { P1DeviceConfig, P1UserConfig } from './config.js'
import type { P1Context } from './context.js'

/** A user by PingOne id or by username (both are valid `login_hint_token` subjects, contract §2.1). */
export function findUser(ctx: P1Context, idOrUsername: string): P1UserConfig | undefined {
  return ctx.config.users.find((u) => u.id === idOrUsername) ?? findUserByUsername(ctx, idOrUsername)
}

/** A user by exact username. */
export function findUserByUsername(ctx: P1Context, username: string): P1UserConfig | undefined {
  return ctx.config.users.find((u) => u.username === username)
}

/** Users are enabled unless configured `enabled: false`. */
export function isEnabled(user: P1UserConfig): boolean {
  return user.enabled !== false
}

/** Checks the current password (a recovered one replaces the configured one). */
export function passwordMatches(ctx: P1Context, user: P1UserConfig, password: string): boolean {
  const current = ctx.store.passwords.get(user.id) ?? user.password
  return current !== undefined && constantTimeEqual(current, password)
}

/** Records a new password for the emulator's lifetime. */
export function setPassword(ctx: P1Context, user: P1UserConfig, password: string): void {
  ctx.store.passwords.set(user.id, password)
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
