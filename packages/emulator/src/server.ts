import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { getRequestListener, RequestError } from '@hono/node-server'
import type { EmulatorOptions } from './config.js'
import { createEmulator, type Emulator, SERVE } from './emulator.js'
import { edgeError as pfEdgeError } from './pingfederate/errors.js'
import { edgeError as p1EdgeError } from './pingone/errors.js'
import { declaredLength } from './shared/admit.js'
import { type EdgeError, type EdgeFailure, edgeResponse, isNetworkFailure } from './shared/edge.js'
import type { Product } from './shared/half.js'
import { resolveLimits, serverTimeouts } from './shared/limits.js'

export interface StartEmulatorOptions extends EmulatorOptions {
  /** Interface to listen on; loopback only by default. */
  readonly host?: string
  /** Ports for the two halves; 0 (a random free port) by default. */
  readonly ports?: { readonly pingFederate?: number; readonly pingOne?: number }
}

type Serve = (request: Request, env: unknown, product: Product) => Promise<Response>

/** Each product's envelope for failures outside any route. */
const EDGE: Readonly<Record<Product, (failure: EdgeFailure) => EdgeError>> = {
  pingfederate: pfEdgeError,
  pingone: p1EdgeError,
}

/**
 * Starts the emulator on loopback HTTP: PingFederate and PingOne each on their own port, so they
 * are two origins as in production.
 *
 * Each port serves its product whatever `Host` the request names (links are always built from the
 * configured base URL, as PingFederate does), and answers every request it cannot take with a JSON
 * error in that product's envelope: a body over `limits.maxBodyBytes` (413) or slower than
 * `limits.bodyTimeoutMs` (408), headers slower than `limits.headersTimeoutMs` (408) or larger than
 * Node's 16 KiB (431), a request Node cannot parse (400).
 *
 * @example
 * ```ts
 * const emu = await startEmulator()
 * console.log(emu.pingFederate.baseUrl, emu.pingOne.authBaseUrl)
 * await emu.close()
 * ```
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1'
  const hostInUrl = host.includes(':') ? `[${host}]` : host
  // Checked before a port is bound, so a bad value leaves nothing listening.
  const limits = resolveLimits(options.limits)
  let serve: Serve | undefined
  const start = (product: Product) => {
    let listener: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined
    const handle = (req: IncomingMessage, res: ServerResponse) => {
      // A request arriving between `listen` and the emulator's creation is told to come back.
      if (listener) void listener(req, res)
      else answer(res, { ...EDGE[product]('unexpected'), status: 503 })
    }
    const server = createServer({ ...serverTimeouts(limits), requireHostHeader: false }, handle)
    server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
      // As Node does: answer only if no response to this socket is under way (it may be a
      // kept-alive socket that answered earlier requests).
      if (error.code === 'ECONNRESET' || !socket.writable || responseUnderWay(socket)) socket.destroy()
      else answerRaw(socket, EDGE[product](clientFailure(error.code)))
    })
    // `Expect: 100-continue`: refuse a declared body over the limit before inviting it.
    server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
      const declared = declaredLength(req.headers['content-length'] ?? null)
      if (declared !== undefined && declared > limits.maxBodyBytes) {
        answer(res, EDGE[product]('body-too-large'))
        return
      }
      res.writeContinue()
      handle(req, res)
    })
    server.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) =>
      answer(res, EDGE[product]('expectation-failed')),
    )
    server.on('connect', (_req: IncomingMessage, socket: Duplex) =>
      answerRaw(socket, EDGE[product]('bad-request')),
    )
    return {
      server,
      ready: (port: number) => {
        listener = requestListener(product, `${hostInUrl}:${port}`, () => serve)
      },
    }
  }
  const halves = [start('pingfederate'), start('pingone')] as const
  const ports = await Promise.all([
    listen(halves[0].server, host, options.ports?.pingFederate ?? 0),
    listen(halves[1].server, host, options.ports?.pingOne ?? 0),
  ]).catch(async (error: unknown) => {
    await Promise.all(halves.map((h) => close(h.server)))
    throw error
  })
  halves[0].ready(ports[0])
  halves[1].ready(ports[1])
  const emulator = createEmulator({
    ...options,
    baseUrls: { pingFederate: `http://${hostInUrl}:${ports[0]}`, pingOne: `http://${hostInUrl}:${ports[1]}` },
  })
  serve = (emulator as unknown as Record<typeof SERVE, Serve>)[SERVE]
  const closeInProcess = emulator.close
  return Object.assign(emulator, {
    close: async () => {
      await closeInProcess()
      await Promise.all(halves.map((h) => close(h.server)))
    },
  })
}

/**
 * The Hono adapter for one port. A request without `Host` is taken as addressed to `hostname`; one
 * the adapter cannot turn into a `Request` (an unparseable `Host` or target) is 400, anything else
 * thrown 500, both in the product's envelope; what the emulator refuses like a network (a closed
 * emulator, an injected reset) drops the connection without an answer.
 */
function requestListener(product: Product, hostname: string, serve: () => Serve | undefined) {
  return getRequestListener(
    async (request, env) => {
      const run = serve()
      if (!run) return edgeResponse({ ...EDGE[product]('unexpected'), status: 503 })
      try {
        return await run(request, env, product)
      } catch (error) {
        if (isNetworkFailure(error)) socketOf(env)?.destroy()
        throw error
      }
    },
    {
      overrideGlobalObjects: false,
      hostname,
      errorHandler: (error) => {
        if (isNetworkFailure(error)) return undefined
        return edgeResponse(EDGE[product](error instanceof RequestError ? 'bad-request' : 'unexpected'))
      },
    },
  )
}

/**
 * The failure behind Node's `clientError`: headers over its size limit (431), headers or a request
 * slower than the server's deadlines (408), anything else it could not parse (400).
 */
function clientFailure(code: string | undefined): EdgeFailure {
  if (code === 'HPE_HEADER_OVERFLOW') return 'headers-too-large'
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'request-timeout'
  return 'bad-request'
}

/**
 * Answers on the bare socket, where Node has no response object (a request it could not parse, a
 * `CONNECT`), with the product's JSON envelope as the body, then closes the connection.
 */
function answerRaw(socket: Duplex, edge: EdgeError): void {
  const body = JSON.stringify(edge.body)
  socket.end(
    `HTTP/1.1 ${edge.status} ${STATUS_CODES[edge.status] ?? ''}\r\n` +
      'Content-Type: application/json\r\n' +
      'Cache-Control: no-store\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
    () => socket.destroy(),
  )
  // A client that never reads cannot keep the socket: it goes a second later at the latest.
  setTimeout(() => socket.destroy(), 1000).unref()
}

function responseUnderWay(socket: Duplex): boolean {
  return (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true
}

function socketOf(env: unknown): { destroy(): void } | undefined {
  return (env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming?.socket
}

/** Answers through Node's response object, closing the connection as {@link edgeResponse} does. */
function answer(res: ServerResponse, edge: EdgeError): void {
  const body = JSON.stringify(edge.body)
  res.writeHead(edge.status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
    ...(edge.status < 500 ? { connection: 'close' } : {}),
  })
  res.end(body)
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve()
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
