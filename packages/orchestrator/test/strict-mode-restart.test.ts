import { describe, expect, it } from 'vitest'
import { type AnyActorRef, createActor, waitFor } from 'xstate'
import { hybridLoginPhase, submitEvent } from '../src/index.js'
import { PASSWORD, setup } from './support.js'

/**
 * What `useActorRef` (@xstate/react 6) does when React's StrictMode runs an effect twice: stop the
 * actor with every child's snapshot kept, mark them not started, and start the same actors again.
 */
function stopAndRehydrate(root: AnyActorRef): void {
  const kept: [AnyActorRef, unknown][] = []
  const visit = (ref: AnyActorRef) => {
    kept.push([ref, ref.getSnapshot()])
    for (const child of Object.values((ref.getSnapshot() as { children?: object }).children ?? {}))
      visit(child as AnyActorRef)
  }
  visit(root)
  const system = root.system as unknown as { getSnapshot?: () => unknown; _snapshot?: unknown }
  const systemSnapshot = system.getSnapshot?.()
  root.stop()
  system._snapshot = systemSnapshot
  for (const [ref, snapshot] of kept) Object.assign(ref, { _processingStatus: 0, _snapshot: snapshot })
}

const settled = ['input', 'error', 'done', 'failed', 'canceled']

describe('a login restarted as React StrictMode restarts it (stop, rehydrate, start)', () => {
  it("is not ended by the first run's aborted step", async () => {
    // PingFederate answers slowly, so the first start is still in flight when the actor stops.
    const { emu, machine } = setup({
      faults: [
        { fault: { kind: 'latency', ms: 100 }, product: 'pingfederate', route: 'authorize', times: 1 },
      ],
    })
    const actor = createActor(machine)
    actor.start()
    stopAndRehydrate(actor)
    actor.start()
    const first = await waitFor(actor, (s) => settled.includes(hybridLoginPhase(s)), { timeout: 10_000 })
    expect(first.context.error).toBeUndefined()
    expect(first.context.status).toBe('USERNAME_PASSWORD_REQUIRED')
    actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password: PASSWORD }))
    const otp = await waitFor(actor, (s) => s.context.status === 'OTP_REQUIRED', { timeout: 10_000 })
    expect(otp.context.error).toBeUndefined()
    actor.send(submitEvent('otp.check', { otp: emu.outbox.last('joe')?.otp ?? '' }))
    const done = await waitFor(
      actor,
      (s) => settled.includes(hybridLoginPhase(s)) && s.context.stage !== 'pingOne',
      {
        timeout: 10_000,
      },
    )
    expect(hybridLoginPhase(done)).toBe('done')
    actor.stop()
  })
})
