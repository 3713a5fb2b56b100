import { toughCookieJar } from '@redirectless/core/cookies'
import type { Emulator } from '@redirectless/emulator'
import {
  createPingFederateClient,
  type PingFederateClient,
  type PingFederateClientOptions,
} from '@redirectless/pingfederate'
import {
  createLoginHintToken,
  createPingOneClient,
  type PingOneClient,
  type PingOneClientOptions,
} from '@redirectless/pingone'

type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

/** The default password of the emulator's users. */
export const PASSWORD = '2FederateM0re'

/** Short enough that a fault matrix of hundreds of cells stays fast, long enough for loopback HTTP. */
export const FAST_TIMEOUT = 300
/** Two retries of a GET, with a back-off cap that keeps retried cells in the tens of milliseconds. */
export const FAST_RETRY = { limit: 2, backoffLimit: 20 } as const

/**
 * A PingFederate client on the emulator. The cookie jar is named explicitly rather than left to the
 * package's `node` export condition, so the tests do not depend on how the runner resolves it.
 */
export function pfClient(
  emu: Emulator,
  fetch: FetchLike,
  options: Partial<PingFederateClientOptions> = {},
): PingFederateClient {
  return createPingFederateClient({
    baseUrl: emu.pingFederate.baseUrl,
    clientId: emu.pingFederate.clientId,
    cookies: toughCookieJar,
    fetch,
    ...options,
  })
}

/** A PingOne client for the emulator's confidential web app. */
export function p1Client(
  emu: Emulator,
  fetch: FetchLike,
  options: Partial<PingOneClientOptions> = {},
): PingOneClient {
  return createPingOneClient({
    authBaseUrl: emu.pingOne.authBaseUrl,
    environmentId: emu.pingOne.environmentId,
    clientId: emu.pingOne.clientId,
    clientSecret: emu.pingOne.clientSecret,
    cookies: toughCookieJar,
    fetch,
    ...options,
  })
}

/** A login_hint_token for `subject`, signed by the emulator's issuer app, as a BFF would mint it. */
export function loginHintFor(emu: Emulator, subject: string): Promise<string> {
  return createLoginHintToken({
    issuer: emu.pingOne.loginHintIssuer.clientId,
    secret: emu.pingOne.loginHintIssuer.secret,
    audience: emu.pingOne.issuer,
    subject,
  })
}

/** The PingOne user id (the id_token `sub`) of a username. */
export function pingOneId(emu: Emulator, username: string): string {
  const user = emu.pingOne.users.find((u) => u.username === username)
  if (!user) throw new Error(`the emulator has no PingOne user ${username}`)
  return user.id
}

/** The OTP the emulator "sent" for one particular flow (several flows of a user may be open). */
export function otpFor(emu: Emulator, username: string, flowId: string | undefined): string {
  const message = emu.outbox.all(username).findLast((m) => m.flowId === flowId && m.otp !== undefined)
  if (!message?.otp) throw new Error(`no OTP was sent to ${username} for flow ${flowId}`)
  return message.otp
}
