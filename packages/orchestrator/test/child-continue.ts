// Run by persistence.test.ts in a separate process: restores a persisted hybrid login from stdin,
// answers the OTP and prints both subjects.
import { toughCookieJar } from '@redirectless/core/cookies'
import { createPingFederateClient } from '@redirectless/pingfederate'
import { createPingOneClient } from '@redirectless/pingone'
import { createActor, waitFor } from 'xstate'
import {
  createHybridLoginMachine,
  hybridLoginResult,
  loginHintTokenFromSecret,
  submitEvent,
} from '../src/index.js'

const chunks: Buffer[] = []
for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
const input = JSON.parse(Buffer.concat(chunks).toString())
const machine = createHybridLoginMachine({
  pingFederate: createPingFederateClient({
    baseUrl: input.pingFederate.baseUrl,
    clientId: input.pingFederate.clientId,
    cookies: toughCookieJar,
  }),
  pingOne: createPingOneClient({
    authBaseUrl: input.pingOne.authBaseUrl,
    environmentId: input.pingOne.environmentId,
    clientId: input.pingOne.clientId,
    clientSecret: input.pingOne.clientSecret,
    cookies: toughCookieJar,
  }),
  loginHintToken: loginHintTokenFromSecret({
    issuer: input.pingOne.loginHintIssuer.clientId,
    secret: input.pingOne.loginHintIssuer.secret,
    audience: input.pingOne.issuer,
  }),
})
const actor = createActor(machine, { snapshot: JSON.parse(input.snapshot) })
actor.start()
actor.send(submitEvent('otp.check', { otp: input.otp }))
const done = await waitFor(actor, (s) => s.status === 'done' || s.value === 'failed', { timeout: 10_000 })
if (done.status !== 'done') {
  process.stderr.write(`not done: ${JSON.stringify(done.context.error)}\n`)
  process.exit(1)
}
const result = hybridLoginResult(done)
process.stdout.write(
  JSON.stringify({ pingFederate: result.pingFederate.claims?.sub, pingOne: result.pingOne?.claims?.sub }),
)
