import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Emulator } from '@redirectless/emulator'
import { createSpaBackend } from './backend.js'

/** The page and its backend on loopback HTTP, wired to an emulator. */
export interface SpaServer {
  /** `http://localhost:{port}`: WebAuthn needs a host name for its relying party, not an IP. */
  readonly origin: string
  readonly emulator: Emulator
  /** Stops the page's server and the emulator. */
  close(): Promise<void>
}

/**
 * Serves the built page (`staticDir`) and its backend on `localhost`, against the emulator that
 * `connect` starts for the page's origin (listening comes first: the emulator's PingFederate CORS
 * list must name that origin, which is only known once the port is).
 */
export async function serveSpa(options: {
  readonly staticDir: string
  readonly connect: (origin: string) => Promise<Emulator>
  readonly port?: number
}): Promise<SpaServer> {
  let app: ReturnType<typeof createSpaBackend> | undefined
  const server = serve({
    fetch: (request) => (app ? app.fetch(request) : new Response('starting', { status: 503 })),
    hostname: '127.0.0.1',
    port: options.port ?? 0,
  })
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve()
    server.once('listening', () => resolve())
    server.once('error', reject)
  })
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      if ('closeAllConnections' in server) server.closeAllConnections()
    })
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`
  const emu = await options.connect(origin).catch(async (error: unknown) => {
    await closeServer()
    throw error
  })
  // The public PingOne application: no secret, PKCE; a page can hold nothing else.
  const spaApp = emu.pingOne.applications.find(
    (a) => a.tokenEndpointAuthMethod === 'NONE' && a.name.includes('SPA'),
  )
  app = createSpaBackend({
    staticDir: options.staticDir,
    origins: [origin],
    config: {
      pingFederate: { baseUrl: emu.pingFederate.baseUrl, clientId: emu.pingFederate.clientId },
      pingOne: {
        authBaseUrl: emu.pingOne.authBaseUrl,
        environmentId: emu.pingOne.environmentId,
        clientId: spaApp?.clientId ?? emu.pingOne.clientId,
        acrValues: emu.pingOne.mfaOnlyAcrValues,
      },
    },
    loginHintIssuer: emu.pingOne.loginHintIssuer,
    pingOneIssuer: emu.pingOne.issuer,
  })
  return {
    origin,
    emulator: emu,
    close: async () => {
      await closeServer()
      await emu.close()
    },
  }
}
