import {
  DEMO_PASSWORD,
  defaultPingFederateConfig,
  type Emulator,
  type EmulatorOptions,
} from '@redirectless/emulator'
import type { PingOneParams } from '@redirectless/orchestrator'

/**
 * The PingOne demo users whose step-up meets a sign-on status beyond MFA, and the sign-on policy
 * that shows it. PingFederate knows them too (added by {@link demoEmulatorOptions}).
 */
export const PINGONE_DEMO_USERS: Readonly<
  Record<string, { readonly policy: string; readonly about: string }>
> = {
  pat: { policy: 'Multi_Factor', about: 'PingOne asks the password, then a new one (MUST_CHANGE_PASSWORD)' },
  eve: { policy: 'Multi_Factor', about: 'PingOne asks the password; it has expired (PASSWORD_EXPIRED)' },
  vic: {
    policy: 'Multi_Factor',
    about: 'PingOne asks the password, then an e-mailed code (VERIFICATION_CODE_REQUIRED)',
  },
}

/** The PingOne sign-on policies `--p1-acr-values` may name in the demo, and what each shows. */
export const PINGONE_DEMO_POLICIES: Readonly<Record<string, string>> = {
  'MFA-Only': 'MFA only (the default)',
  Multi_Factor: 'the password again, then MFA',
  Step_Up: 'an agreement to accept and a profile to complete, then MFA',
  External_IdP: 'sign-on at an external identity provider in a (emulated) browser',
  Identifier_First: 'the password (identifier first), then MFA',
}

/** The `redirectless demo --help` lines about them. */
export const PINGONE_DEMO_HELP = [
  ...Object.entries(PINGONE_DEMO_USERS).map(([name, u]) => `  ${name.padEnd(9)} ${u.about}`),
  '',
  'PingOne sign-on policies (--p1-acr-values; default per user, MFA-Only otherwise):',
  ...Object.entries(PINGONE_DEMO_POLICIES).map(([name, about]) => `  ${name.padEnd(17)} ${about}`),
].join('\n')

/**
 * The demo emulator: the defaults, plus a PingFederate account for each PingOne-only demo user
 * (same username and demo password), so the two-stage login can reach their PingOne statuses.
 */
export function demoEmulatorOptions(): EmulatorOptions {
  const known = new Set(defaultPingFederateConfig.users.map((u) => u.username))
  const extra = Object.keys(PINGONE_DEMO_USERS)
    .filter((username) => !known.has(username))
    .map((username) => ({ username, password: DEMO_PASSWORD, claims: { email: `${username}@example.com` } }))
  return { pingFederate: { users: [...defaultPingFederateConfig.users, ...extra] } }
}

/** PingOne's authorize parameters in the demo: `--p1-acr-values`, else the user's own policy, else MFA-only. */
export function demoPingOneParams(
  emulator: Emulator,
  acrValues: string | undefined,
): (input: { readonly subject: string }) => PingOneParams {
  return ({ subject }) => ({
    acrValues: acrValues ?? PINGONE_DEMO_USERS[subject]?.policy ?? emulator.pingOne.mfaOnlyAcrValues,
  })
}
