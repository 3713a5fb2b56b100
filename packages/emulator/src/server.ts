import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import type { EmulatorOptions } from './config.js'
import { createEmulator, type Emulator, SERVE } from './emulator.js'

export interface StartEmulatorOptions extends EmulatorOptions {
  /** Interface to listen on; loopback only by default. */
  readonly host?: string
  /** Ports for the two halves; 0 (a random free port) by default. */
  readonly ports?: { readonly pingFederate?: number; readonly pingOne?: number }
}

/**
 * Starts the emulator on loopback HTTP: PingFederate and PingOne each on their own port, so they
 * are two origins as in production.
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
  let serve: ((request: Request, env?: unknown) => Promise<Response>) | undefined
  const listener = getRequestListener(
    (request, env) => (serve ? serve(request, env) : new Response('starting', { status: 503 })),
    { overrideGlobalObjects: false },
  )
  const servers = [createServer(listener), createServer(listener)] as const
  const ports = await Promise.all([
    listen(servers[0], host, options.ports?.pingFederate ?? 0),
    listen(servers[1], host, options.ports?.pingOne ?? 0),
  ])
  const hostInUrl = host.includes(':') ? `[${host}]` : host
  const emulator = createEmulator({
    ...options,
    baseUrls: { pingFederate: `http://${hostInUrl}:${ports[0]}`, pingOne: `http://${hostInUrl}:${ports[1]}` },
  })
  serve = (emulator as unknown as Record<typeof SERVE, typeof serve>)[SERVE]
  const closeInProcess = emulator.close
  return Object.assign(emulator, {
    close: async () => {
      await closeInProcess()
      await Promise.all(servers.map(close))
    },
  })
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
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
