import { toughCookieJar } from '@redirectless/core/cookies'
import { createEmulator, type Emulator, type EmulatorOptions, startEmulator } from '@redirectless/emulator'
import { createPingFederateClient, type PingFederateClientOptions } from '../src/index.js'
import { createPingFederateClient as createServerClient } from '../src/node.js'

/** Every default user's password (docs/emulator-pingfederate.md). */
export const PASSWORD = '2FederateM0re'
export const DEMO_CLIENT = 'redirectless-demo'
export const BFF_CLIENT = 'redirectless-bff'
export const LEGACY_CLIENT = 'redirectless-legacy'
export const COOKIELESS_CLIENT = 'redirectless-cookieless'

/** How a test reaches the emulator: its `fetch` in-process, or real HTTP on loopback. */
export type Mode = 'in-process' | 'http'
export const MODES: readonly Mode[] = ['in-process', 'http']

/** Starts an emulator in `mode`; `close()` it when done. */
export async function emulator(mode: Mode, options: EmulatorOptions = {}): Promise<Emulator> {
  return mode === 'http' ? startEmulator(options) : createEmulator(options)
}

/** One request as the client sent it. */
export interface SeenRequest {
  readonly method: string
  readonly url: string
  readonly headers: Headers
  readonly body: string | undefined
}

/**
 * A fetch that records every request before handing it on: in-process to the emulator, over HTTP
 * to the platform fetch.
 */
export function recordingFetch(emu: Emulator, mode: Mode) {
  const seen: SeenRequest[] = []
  const target: typeof fetch = mode === 'http' ? globalThis.fetch : abortable(emu.fetch)
  const fetchImpl: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const body = request.method === 'GET' ? undefined : await request.clone().text()
    seen.push({ method: request.method, url: request.url, headers: request.headers, body: body || undefined })
    return target(request)
  }
  return { fetch: fetchImpl, seen }
}

/** A client on the emulator with a tough-cookie jar per flow; `options` override the defaults. */
export function pfClient(emu: Emulator, mode: Mode, options: Partial<PingFederateClientOptions> = {}) {
  return createPingFederateClient({
    baseUrl: emu.pingFederate.baseUrl,
    clientId: DEMO_CLIENT,
    cookies: toughCookieJar,
    ...(mode === 'in-process' && { fetch: emu.fetch }),
    ...options,
  })
}

/** Like {@link pfClient}, from the Node entry: it also signs client assertions and follows `resumeUrl`. */
export function pfServerClient(emu: Emulator, mode: Mode, options: Partial<PingFederateClientOptions> = {}) {
  return createServerClient({
    baseUrl: emu.pingFederate.baseUrl,
    clientId: DEMO_CLIENT,
    ...(mode === 'in-process' && { fetch: emu.fetch }),
    ...options,
  })
}

/**
 * The emulator's in-process `fetch` lets a request run to the end even when its signal fires; the
 * platform's rejects at once with an `AbortError`. Tests that abort mid-call need the latter.
 */
export function abortable(fetchImpl: typeof fetch): typeof fetch {
  return (input, init) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined)
    if (!signal) return fetchImpl(input, init)
    return new Promise((resolve, reject) => {
      const onAbort = () =>
        reject(signal.reason ?? new DOMException('The operation was aborted.', 'AbortError'))
      if (signal.aborted) return onAbort()
      signal.addEventListener('abort', onAbort, { once: true })
      fetchImpl(input, init)
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', onAbort))
    })
  }
}
