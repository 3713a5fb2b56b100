/**
 * Heap per live suspended flow and bytes per persisted snapshot. Runs in its own process with
 * `--expose-gc` (see memory.ts), its emulator in yet another one over loopback, so the heap measured
 * here holds only client state. Prints one JSON line with the result.
 *
 * Usage: node --expose-gc --conditions=@redirectless/source --import tsx bench/sections/memory-process.ts <actors> <flows>
 */

import { submitEvent } from '@redirectless/orchestrator'
import { createLoginHintToken, type PingOneFlow } from '@redirectless/pingone'
import { type AnyActorRef, createActor, waitFor } from 'xstate'
import { spawnEmulator } from '../emulator/remote.js'
import type { Target } from '../emulator/target.js'
import { loadUser } from '../emulator/users.js'
import { runPool } from '../lib/pool.js'
import { totpDeviceId } from '../login/login.js'
import { ourClients, ourMachine } from '../login/ours.js'

const FLOWS = Number(process.argv[2] ?? 10_000)
// The PingOne-only figure is a breakdown of the hybrid one; fewer flows keep `pnpm bench` short.
const P1_FLOWS = Number(process.argv[3] ?? FLOWS)
const CONCURRENCY = 50
const USERS = Math.min(Math.max(FLOWS, P1_FLOWS), 1000)
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with --expose-gc')

/** heapUsed once garbage collection has settled (several passes: weak refs and finalizers). */
async function settledHeap(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc?.()
    await new Promise((resolve) => setImmediate(resolve))
  }
  return process.memoryUsage().heapUsed
}

async function parkPingOneFlows(target: Target, count: number): Promise<PingOneFlow[]> {
  const { pingOne } = ourClients(target)
  const flows: PingOneFlow[] = new Array(count)
  const errors = await runPool(count, CONCURRENCY, async (i) => {
    const loginHintToken = await createLoginHintToken({
      issuer: target.pingOne.loginHintIssuer.clientId,
      secret: target.pingOne.loginHintIssuer.secret,
      audience: target.pingOne.issuer,
      subject: loadUser(i % USERS).username,
    })
    const flow = await pingOne.startFlow({
      scope: 'openid',
      acrValues: target.pingOne.mfaOnlyAcrValues,
      loginHintToken,
    })
    await flow.submit('device.select', { device: { id: totpDeviceId(flow.state) } })
    if (flow.state.status !== 'OTP_REQUIRED') throw new Error(`PingOne flow at ${flow.state.status}`)
    flows[i] = flow
  })
  if (errors.length > 0) throw errors[0]
  return flows
}

async function parkHybridActors(target: Target, count: number): Promise<AnyActorRef[]> {
  const machine = ourMachine(target)
  const actors: AnyActorRef[] = new Array(count)
  const errors = await runPool(count, CONCURRENCY, async (i) => {
    const user = loadUser(i % USERS)
    const actor = createActor(machine).start()
    const at = (status: string) =>
      waitFor(
        actor,
        (s) =>
          s.context.status === status &&
          s.value &&
          typeof s.value === 'object' &&
          Object.values(s.value)[0] === 'awaitingInput',
        { timeout: 30_000 },
      )
    await at('USERNAME_PASSWORD_REQUIRED')
    actor.send(submitEvent('checkUsernamePassword', { username: user.username, password: user.password }))
    const selecting = await at('DEVICE_SELECTION_REQUIRED')
    actor.send(submitEvent('device.select', { device: { id: totpDeviceId(selecting.context.state) } }))
    await at('OTP_REQUIRED')
    actors[i] = actor
  })
  if (errors.length > 0) throw errors[0]
  return actors
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '')

/** What one persisted snapshot is made of, in bytes, largest first (the report explains the parts). */
function partsOf(snapshot: unknown): { part: string; bytes: number }[] {
  const s = snapshot as { context?: Record<string, unknown> }
  const context = s?.context ?? {}
  const vault = (context.vault ?? {}) as Record<string, { cookies?: unknown } | undefined>
  const parts = [
    { part: 'context.state: the PingOne flow state as the server sent it', bytes: bytes(context.state) },
    { part: 'vault.pingFederateTokens', bytes: bytes(vault.pingFederateTokens) },
    {
      part: 'vault.pingFederate: the finished PingFederate flow (PKCE, nonce, state, cookie jar)',
      bytes: bytes(vault.pingFederate),
    },
    { part: 'vault.pingOne: the PingOne flow (PKCE, nonce, cookie jar)', bytes: bytes(vault.pingOne) },
    {
      part: '…of which the cookie jars (tough-cookie `serializeSync()`)',
      bytes: bytes(vault.pingFederate?.cookies) + bytes(vault.pingOne?.cookies),
    },
    { part: 'context.pingFederateClaims', bytes: bytes(context.pingFederateClaims) },
  ]
  const counted = parts.filter((p) => !p.part.startsWith('…')).reduce((t, p) => t + p.bytes, 0)
  return [
    ...parts,
    { part: 'everything else (status, actions, machine state, JSON keys)', bytes: bytes(snapshot) - counted },
  ]
}

const remote = await spawnEmulator({ users: USERS })
try {
  // Warm up both paths first, so what is lazily made once (JWKS, sockets, JIT code) is in the base line.
  await parkPingOneFlows(remote.target, Math.min(200, P1_FLOWS))
  await parkHybridActors(remote.target, Math.min(200, FLOWS))

  const base = await settledHeap()
  let started = performance.now()
  let flows: PingOneFlow[] | undefined = await parkPingOneFlows(remote.target, P1_FLOWS)
  const pingOneSeconds = (performance.now() - started) / 1000
  const withFlows = await settledHeap()
  const flowJsonBytes = flows.reduce((total, flow) => total + bytes(flow.toJSON()), 0) / P1_FLOWS
  flows = undefined

  const base2 = await settledHeap()
  started = performance.now()
  let actors: AnyActorRef[] | undefined = await parkHybridActors(remote.target, FLOWS)
  const hybridSeconds = (performance.now() - started) / 1000
  const withActors = await settledHeap()
  const snapshotBytes =
    actors.reduce((total, actor) => total + bytes(actor.getPersistedSnapshot()), 0) / FLOWS
  const snapshotParts = partsOf(actors[0]?.getPersistedSnapshot())
  for (const actor of actors) actor.stop()
  actors = undefined

  process.stdout.write(
    `${JSON.stringify({
      flows: FLOWS,
      pingOne: {
        flows: P1_FLOWS,
        heapPerFlow: (withFlows - base) / P1_FLOWS,
        jsonBytes: flowJsonBytes,
        seconds: pingOneSeconds,
      },
      hybrid: {
        heapPerFlow: (withActors - base2) / FLOWS,
        snapshotBytes,
        snapshotParts,
        seconds: hybridSeconds,
      },
    })}\n`,
  )
} finally {
  await remote.close()
}
