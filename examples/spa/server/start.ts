/**
 * Builds the page and serves it on http://localhost:5173 against a local emulator:
 *   node --conditions=@redirectless/source --import tsx examples/spa/server/start.ts
 * The emulator prints what it "sends" (the SMS codes); approve a push by typing `approve ann`.
 */
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { startEmulator } from '@redirectless/emulator'
import { buildSpa } from './build.js'
import { serveSpa } from './serve.js'

const staticDir = fileURLToPath(new URL('../dist', import.meta.url))
await buildSpa(staticDir)
const spa = await serveSpa({
  staticDir,
  port: Number(process.env.PORT ?? 5173),
  connect: (origin) => startEmulator({ pingFederate: { allowedOrigins: [origin] } }),
})
const emu = spa.emulator
emu.outbox.subscribe((message) =>
  console.log(`[emulator] ${message.channel} to ${message.username}: ${message.text}`),
)
console.log(`Open ${spa.origin} and sign in as joe, ann or fido (password 2FederateM0re).`)
console.log('Type "approve <user>" or "deny <user>" to answer a push; Ctrl-C to stop.')
const input = createInterface({ input: process.stdin })
input.on('line', (line) => {
  const [verb, user] = line.trim().split(/\s+/)
  if (user && verb === 'approve') emu.push.approve(user)
  else if (user && verb === 'deny') emu.push.deny(user)
})
process.on('SIGINT', () => {
  input.close()
  void spa.close()
})
