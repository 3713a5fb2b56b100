import { toughCookieJar } from '@redirectless/core/cookies'
import { createEmulator, type Emulator, type EmulatorOptions, startEmulator } from '@redirectless/emulator'
import { afterAll, beforeAll } from 'vitest'
import { createLoginHintToken, type LoginHintTokenOptions } from '../../src/jwt/index.js'
import { createPingOneClient, type PingOneClient, type PingOneClientOptions } from '../../src/node.js'

/** The two ways every integration test runs: real HTTP on loopback, and the emulator's in-process fetch. */
export const MODES = ['http', 'in-process'] as const
export type Mode = (typeof MODES)[number]

export interface Harness {
  readonly emu: Emulator
  readonly mode: Mode
  /** A client for the emulator's default confidential app, any option overridable. */
  client(overrides?: Partial<PingOneClientOptions>): PingOneClient
  /** A login_hint_token for `username`, signed by the emulator's issuer app. */
  loginHintToken(username: string, overrides?: Partial<LoginHintTokenOptions>): Promise<string>
  /** The PingOne user id of `username`. */
  userId(username: string): string
}

/** Starts one emulator for the surrounding `describe` and stops it after. */
export function useEmulator(mode: Mode, options: EmulatorOptions = {}): Harness {
  let emu: Emulator | undefined
  beforeAll(async () => {
    emu = mode === 'http' ? await startEmulator(options) : createEmulator(options)
  })
  afterAll(async () => {
    await emu?.close()
  })
  const get = () => {
    if (!emu) throw new Error('the emulator is not running yet')
    return emu
  }
  return {
    get emu() {
      return get()
    },
    mode,
    client(overrides = {}) {
      const e = get()
      return createPingOneClient({
        authBaseUrl: e.pingOne.authBaseUrl,
        environmentId: e.pingOne.environmentId,
        clientId: e.pingOne.clientId,
        clientSecret: e.pingOne.clientSecret,
        // Tests move the emulator's clock; the client judges tokens by the same clock.
        now: () => e.clock.now(),
        // In-process, requests go through the emulator's fetch with a tough-cookie jar per flow;
        // over HTTP, through the global fetch (the Node entry's default jar is tough-cookie too).
        ...(mode === 'in-process' && { fetch: e.fetch, cookies: toughCookieJar }),
        ...overrides,
      })
    },
    loginHintToken(username, overrides = {}) {
      const e = get()
      return createLoginHintToken({
        issuer: e.pingOne.loginHintIssuer.clientId,
        secret: e.pingOne.loginHintIssuer.secret,
        subject: username,
        authBaseUrl: e.pingOne.authBaseUrl,
        environmentId: e.pingOne.environmentId,
        now: () => e.clock.now(),
        ...overrides,
      } as LoginHintTokenOptions)
    },
    userId(username) {
      const user = get().pingOne.users.find((u) => u.username === username)
      if (!user) throw new Error(`no emulator user ${username}`)
      return user.id
    },
  }
}

/** The rejection of `promise`, failing the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error,
  )
}

/** The origin the emulator's FIDO2 relying party (`localhost`) accepts. */
export const FIDO_ORIGIN = 'http://localhost:3000'
