/**
 * Runs the BFF on http://127.0.0.1:8787 against the local emulator:
 *   node --conditions=@redirectless/source --import tsx examples/bff/server.ts
 * then open it in a browser (its sign-in page, page.html) or drive it with curl (see docs/hybrid-login.md).
 */
import { serve } from '@hono/node-server'
import { startEmulator } from '@redirectless/emulator'
import { type FlowStore, loginHintTokenFromSecret } from '@redirectless/orchestrator'
import { createPingFederateClient } from '@redirectless/pingfederate'
import { createPingOneClient } from '@redirectless/pingone'
import { createBffApp } from './app.js'

const emu = await startEmulator()
emu.outbox.subscribe((message) =>
  console.log(`[emulator] ${message.channel} to ${message.username}: ${message.text}`),
)
const port = Number(process.env.PORT ?? 8787)
// Logins in Redis when REDIS_URL is set (what instances behind one load balancer share), in memory otherwise.
let store: FlowStore | undefined
if (process.env.REDIS_URL) {
  const { createClient } = await import('redis')
  const { createRedisFlowStore } = await import('@redirectless/store-redis')
  store = createRedisFlowStore({ client: await createClient({ url: process.env.REDIS_URL }).connect() })
}
const app = createBffApp({
  // In production: 32 random bytes from the secret store, e.g. base64url-decoded from the environment.
  sealingKey: process.env.BFF_SEALING_KEY ?? 'dev-only sealing passphrase, 32+ characters long',
  origins: [`http://127.0.0.1:${port}`, `http://localhost:${port}`],
  ...(store && { store }),
  secureCookies: false, // plain HTTP on loopback, for the demo only
  login: {
    pingFederate: createPingFederateClient({
      baseUrl: emu.pingFederate.baseUrl,
      clientId: emu.pingFederate.clientId,
    }),
    pingOne: createPingOneClient({
      authBaseUrl: emu.pingOne.authBaseUrl,
      environmentId: emu.pingOne.environmentId,
      clientId: emu.pingOne.clientId,
      clientSecret: emu.pingOne.clientSecret,
    }),
    // On the server the issuer secret may live; it never reaches the browser.
    loginHintToken: loginHintTokenFromSecret({
      issuer: emu.pingOne.loginHintIssuer.clientId,
      secret: emu.pingOne.loginHintIssuer.secret,
      audience: emu.pingOne.issuer,
    }),
    pingOneParams: { acrValues: emu.pingOne.mfaOnlyAcrValues },
  },
})
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port })
// A slow client cannot hold a socket: headers within 10 s, the whole request (a push long-poll
// included) within 30 s.
Object.assign(server, { headersTimeout: 10_000, requestTimeout: 30_000 })
console.log(`BFF on http://127.0.0.1:${port} — open it in a browser to sign in, or POST /login/start`)
process.on('SIGINT', () => {
  server.close()
  void emu.close()
})
