/**
 * Regression (issue 11, item 6; invariant 13): an `onStep` that kept answering an action the state
 * does not offer looped on microtasks alone: the signal's timeout never fired and the process
 * burned a core. A refused answer now leaves the machine where it was, every question waits for a
 * turn of the event loop, and an abort takes effect.
 */
import { createEmulator } from '@redirectless/emulator'
import {
  createHybridLoginMachine,
  hybridLoginPhase,
  runHybridLogin,
  untypedSubmitEvent,
} from '@redirectless/orchestrator'
import { describe, expect, it } from 'vitest'
import { createActor, waitFor } from 'xstate'
import { loginHintFor, p1Client, pfClient } from '../../reliability/support/clients.js'

function machineOn() {
  const emu = createEmulator()
  return createHybridLoginMachine({
    pingFederate: pfClient(emu, emu.fetch),
    pingOne: p1Client(emu, emu.fetch),
    loginHintToken: ({ subject }) => loginHintFor(emu, subject),
  })
}

describe('runHybridLogin never spins', () => {
  it('an answer the state keeps refusing lets timers run: the signal aborts the login', async () => {
    let asked = 0
    let ticks = 0
    const ticker = setInterval(() => ticks++, 5)
    const started = Date.now()
    try {
      const error = await runHybridLogin({
        machine: machineOn(),
        signal: AbortSignal.timeout(300),
        onStep: () => {
          asked++
          // No state offers it; the types refuse it too, so it is sent as a JavaScript caller could.
          return { action: 'constructor', body: { password: 'x' } } as never
        },
      }).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'ABORTED' })
    } finally {
      clearInterval(ticker)
    }
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(asked).toBeGreaterThan(1)
    // The event loop kept turning while onStep was asked again and again.
    expect(ticks).toBeGreaterThan(5)
  })

  it('a refused action leaves the machine in its state, with the error shown and nothing sent', async () => {
    const actor = createActor(machineOn())
    actor.start()
    const first = await waitFor(actor, (s) => hybridLoginPhase(s) === 'input')
    for (const action of ['constructor', '__proto__', 'toString', 'otp.check', 'self']) {
      actor.send(untypedSubmitEvent(action, { password: 'x' }))
      const after = actor.getSnapshot()
      expect(hybridLoginPhase(after)).toBe('input')
      expect(after.value).toEqual(first.value)
      expect(after.context.status).toBe('USERNAME_PASSWORD_REQUIRED')
      expect(after.context.error).toMatchObject({ code: 'ACTION_NOT_AVAILABLE', stage: 'pingFederate' })
    }
    actor.stop()
  })
})
