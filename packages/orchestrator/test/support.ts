import { toughCookieJar } from '@redirectless/core/cookies'
import { createEmulator, type Emulator, type EmulatorOptions } from '@redirectless/emulator'
import { createPingFederateClient } from '@redirectless/pingfederate'
import { createPingOneClient } from '@redirectless/pingone'
import { createHybridLoginMachine, type HybridLoginOptions, loginHintTokenFromSecret } from '../src/index.js'

export const PASSWORD = '2FederateM0re'

/** The emulator options the hybrid tests use (the defaults: every PingOne user also exists at PingFederate). */
export function hybridEmulatorOptions(options: EmulatorOptions = {}): EmulatorOptions {
  return options
}

export function clientsFor(emu: Emulator, fetch: typeof globalThis.fetch | null = emu.fetch) {
  const pingFederate = createPingFederateClient({
    baseUrl: emu.pingFederate.baseUrl,
    clientId: emu.pingFederate.clientId,
    cookies: toughCookieJar,
    ...(fetch !== null && { fetch }),
  })
  const pingOne = createPingOneClient({
    authBaseUrl: emu.pingOne.authBaseUrl,
    environmentId: emu.pingOne.environmentId,
    clientId: emu.pingOne.clientId,
    clientSecret: emu.pingOne.clientSecret,
    cookies: toughCookieJar,
    ...(fetch !== null && { fetch }),
  })
  return { pingFederate, pingOne }
}

export function hybridOptions(
  emu: Emulator,
  extra: Partial<HybridLoginOptions> = {},
  fetch: typeof globalThis.fetch | null = emu.fetch,
): HybridLoginOptions {
  return {
    ...clientsFor(emu, fetch),
    loginHintToken: loginHintTokenFromSecret({
      issuer: emu.pingOne.loginHintIssuer.clientId,
      secret: emu.pingOne.loginHintIssuer.secret,
      audience: emu.pingOne.issuer,
    }),
    pingOneParams: { acrValues: emu.pingOne.mfaOnlyAcrValues },
    // The emulator answers at once; no need to wait PingOne's real pace in tests.
    pollInterval: 50,
    ...extra,
  }
}

export function setup(options: EmulatorOptions = {}, extra: Partial<HybridLoginOptions> = {}) {
  const emu = createEmulator(hybridEmulatorOptions(options))
  return { emu, machine: createHybridLoginMachine(hybridOptions(emu, extra)) }
}

export function pingOneId(emu: Emulator, username: string): string {
  const user = emu.pingOne.users.find((u) => u.username === username)
  if (!user) throw new Error(`no PingOne user ${username}`)
  return user.id
}
