import type { P1UserConfig } from './config.js'
import type { P1Context } from './context.js'
import { invalidData, type PlatformError } from './errors.js'
import { userState } from './users.js'

/** A few passwords every breach list has; enough to show `excludesCommonlyUsed` refusing one. */
const COMMON = [
  'password',
  'passw0rd',
  'p@ssw0rd',
  '12345678',
  '123456789',
  'qwerty123',
  'letmein1',
  'welcome1',
]

/**
 * The rules of the password policy `password` breaks, by PingOne's names (Ping's sample maps each
 * to a message): `length`, `minCharacters`, `maxRepeatedCharacters`, `minUniqueCharacters`,
 * `excludesCommonlyUsed`, `excludesProfileData`, `notSimilarToCurrent`, `history`.
 */
export function unsatisfiedRequirements(
  ctx: P1Context,
  password: string,
  user: P1UserConfig | undefined,
  profile: { readonly username?: string; readonly email?: string } = {},
): string[] {
  const policy = ctx.config.passwordPolicy
  const out: string[] = []
  if (password.length < policy.length.min || password.length > policy.length.max) out.push('length')
  const sets = Object.entries(policy.minCharacters)
  if (sets.some(([set, min]) => [...password].filter((c) => set.includes(c)).length < min))
    out.push('minCharacters')
  if (longestRun(password) > policy.maxRepeatedCharacters) out.push('maxRepeatedCharacters')
  if (new Set(password).size < policy.minUniqueCharacters) out.push('minUniqueCharacters')
  const lower = password.toLowerCase()
  if (policy.excludesCommonlyUsed && COMMON.includes(lower)) out.push('excludesCommonlyUsed')
  const facts = [
    user?.username ?? profile.username,
    (user?.email ?? profile.email)?.split('@')[0],
    user?.givenName,
    user?.familyName,
  ]
  if (
    policy.excludesProfileData &&
    facts.some((f) => f !== undefined && f.length >= 3 && lower.includes(f.toLowerCase()))
  ) {
    out.push('excludesProfileData')
  }
  const state = user ? userState(ctx, user) : undefined
  if (policy.notSimilarToCurrent && state?.password === password) out.push('notSimilarToCurrent')
  if (state?.history.slice(0, policy.history.count).includes(password)) out.push('history')
  return out
}

/**
 * 400 `INVALID_DATA`, detail `INVALID_VALUE` on `target` with `innerError.unsatisfiedRequirements`
 * (contract §4.1, as Ping's sample reads it), or undefined for a password the policy accepts.
 */
export function weakPassword(
  ctx: P1Context,
  target: string,
  password: string,
  user: P1UserConfig | undefined,
  profile: { readonly username?: string; readonly email?: string } = {},
): PlatformError | undefined {
  const unsatisfied = unsatisfiedRequirements(ctx, password, user, profile)
  if (unsatisfied.length === 0) return undefined
  return invalidData(target, 'The new password does not meet the password policy.', 'INVALID_VALUE', {
    innerError: { unsatisfiedRequirements: unsatisfied },
  })
}

/** `_embedded.passwordPolicy`: the policy as PingOne shows it to a sign-on UI. */
export function renderPasswordPolicy(ctx: P1Context): Record<string, unknown> {
  return { ...ctx.config.passwordPolicy }
}

function longestRun(text: string): number {
  let longest = 0
  let run = 0
  let previous: string | undefined
  for (const char of text) {
    run = char === previous ? run + 1 : 1
    previous = char
    longest = Math.max(longest, run)
  }
  return longest
}
