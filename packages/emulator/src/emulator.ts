import { type EmulatorConfig, type EmulatorOptions, resolveConfig } from './config.js'
import {
  createPingFederateHalf,
  type ExternalAuthController,
  type PingFederateInfo,
} from './pingfederate/index.js'
import {
  createPingOneHalf,
  type FidoTestAuthenticator,
  type Outbox,
  type PingOneBrowser,
  type PingOneInfo,
  type PushController,
} from './pingone/index.js'
import { admit } from './shared/admit.js'
import { afterRoute, beforeRoute } from './shared/apply-fault.js'
import { createClock, type EmulatorClock } from './shared/clock.js'
import { combineAuthenticators, combineOutboxes } from './shared/combine.js'
import { type EdgeFailure, edgeResponse, isNetworkFailure, networkFailure } from './shared/edge.js'
import { createFaultRegistry, type FaultController } from './shared/faults.js'
import type { EmulatorHalf, Product } from './shared/half.js'
import { lazySigningKey } from './shared/keys.js'

/** An emulator of both products, answering through a web-standard `fetch`. */
export interface Emulator {
  /**
   * Serves a request for either half, chosen by the URL's origin; any other origin rejects like an
   * unreachable host. Pass it as the clients' `fetch` to run without sockets. A body over
   * `config.limits.maxBodyBytes` is answered 413 and one slower than `bodyTimeoutMs` 408, before
   * any route runs; an exception no route caught is a 500 JSON error, in the product's envelope.
   */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>
  readonly pingFederate: PingFederateInfo
  readonly pingOne: PingOneInfo
  /**
   * Messages both halves "sent": PingOne's OTPs and transaction texts, PingFederate's MFA
   * passcodes, recovery codes and recovered usernames, in the order they went out.
   */
  readonly outbox: Outbox
  /** Approve, deny or time out a pending PingOne push. */
  readonly push: PushController
  /** A software FIDO2 authenticator for both halves' FIDO devices (`ASSERTION_REQUIRED`). */
  readonly fido: FidoTestAuthenticator
  /** What the user does in a PingFederate external (social) authentication's pop-up. */
  readonly pingFederateExternal: ExternalAuthController
  /** The browser steps of PingOne sign-ons: an external identity provider's sign-on, a Kerberos ticket. */
  readonly pingOneBrowser: PingOneBrowser
  /** Faults to inject into the next requests. */
  readonly faults: FaultController
  readonly clock: EmulatorClock
  readonly config: EmulatorConfig
  /** Stops listening (over HTTP); in-process it only makes later calls fail. */
  close(): Promise<void>
}

/**
 * Creates an emulator that answers in-process through its `fetch`: the same behaviour as
 * {@link startEmulator}, with no socket.
 *
 * @example
 * ```ts
 * const emu = createEmulator()
 * const pf = createPingFederateClient({ baseUrl: emu.pingFederate.baseUrl, clientId: emu.pingFederate.clientId, fetch: emu.fetch })
 * ```
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const config = resolveConfig(options)
  const clock = createClock(config.now)
  const faults = createFaultRegistry(config.faults)
  const pf = createPingFederateHalf(
    {
      baseUrl: trimSlash(config.baseUrls.pingFederate),
      clock,
      // PingFederate's JWKS publishes each key's certificate chain (`x5c`, `x5t#S256`).
      signingKey: lazySigningKey('pf', { certificateSubject: 'PingFederate Emulator' }),
    },
    config.pingFederate,
  )
  const p1 = createPingOneHalf(
    { baseUrl: trimSlash(config.baseUrls.pingOne), clock, signingKey: lazySigningKey('p1') },
    config.pingOne,
  )
  const origins = {
    pingfederate: new URL(config.baseUrls.pingFederate).origin,
    pingone: new URL(config.baseUrls.pingOne).origin,
  } as const
  const halves = new Map<string, EmulatorHalf>([
    [origins.pingfederate, pf],
    [origins.pingone, p1],
  ])
  const byProduct: Readonly<Record<Product, EmulatorHalf>> = { pingfederate: pf, pingone: p1 }
  let closed = false

  /**
   * Serves one request. In-process the half is the one whose origin the URL names; over HTTP the
   * server names it (`product`), so a request is served whatever `Host` it carries. Every answer is
   * the half's, in its envelope: a body over the limits is 413/408 before any route runs, and an
   * exception nothing caught is a 500 JSON error (never its message). Only what a network would do
   * (an unknown origin, a closed emulator, an injected reset) rejects.
   */
  const serve = async (request: Request, env?: unknown, product?: Product): Promise<Response> => {
    const half = product ? byProduct[product] : halves.get(new URL(request.url).origin)
    if (closed || !half) throw networkFailure('ECONNREFUSED', 'connect ECONNREFUSED')
    try {
      const admitted = await admit(request, origins[half.product], config.limits)
      if (isFailure(admitted)) return edgeResponse(half.edgeError(admitted))
      const url = new URL(admitted.url)
      const fault = faults.take(half.product, half.route(url, admitted.method), admitted.method)
      if (fault) {
        const early = await beforeRoute(fault, admitted, env)
        if (early) return early
      }
      const response = await half.fetch(admitted, env)
      return fault ? await afterRoute(fault, response) : response
    } catch (error) {
      if (isNetworkFailure(error)) throw error
      return edgeResponse(half.edgeError('unexpected'))
    }
  }

  return {
    fetch: (input, init) => {
      const request = new Request(input, init)
      return abortable(serve(request), request.signal)
    },
    pingFederate: pf.info,
    pingOne: p1.info,
    outbox: combineOutboxes(p1.outbox, pf.outbox),
    push: p1.push,
    fido: combineAuthenticators(p1.fido, pf.fido),
    pingFederateExternal: pf.external,
    pingOneBrowser: p1.browser,
    faults,
    clock,
    config,
    close: async () => {
      closed = true
    },
    // Internal: the HTTP server hands over node's request objects (for connection resets) and
    // names the half its port serves.
    ...{ [SERVE]: serve },
  } as Emulator
}

/** @internal The socket-aware entry the HTTP server uses. */
export const SERVE: unique symbol = Symbol('redirectless.emulator.serve')

/** Like the platform's fetch, the in-process one rejects as soon as the request's signal aborts. */
function abortable(response: Promise<Response>, signal: AbortSignal): Promise<Response> {
  if (signal.aborted) {
    response.catch(() => {})
    return Promise.reject(signal.reason)
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    response.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

function isFailure(value: Request | EdgeFailure): value is EdgeFailure {
  return typeof value === 'string'
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}
