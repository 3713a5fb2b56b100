/**
 * Regression (issue 11, item 1; invariant 11): a persisted snapshot of the wrong kind (a BFF's
 * session cookie sent back as its login cookie) made xstate throw while restoring it, and xstate
 * rethrew from a timer: an uncaught exception, the process gone. Anything that is not a persisted
 * hybrid login is now a coded error returned to the caller before an actor exists.
 */
import { isRedirectlessError } from '@redirectless/core'
import { createEmulator } from '@redirectless/emulator'
import {
  checkPersistedLogin,
  createHybridLoginMachine,
  restoreHybridLogin,
  runHybridLogin,
} from '@redirectless/orchestrator'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loginHintFor, p1Client, pfClient } from '../../reliability/support/clients.js'

const emu = createEmulator()
const machine = createHybridLoginMachine({
  pingFederate: pfClient(emu, emu.fetch),
  pingOne: p1Client(emu, emu.fetch),
  loginHintToken: ({ subject }) => loginHintFor(emu, subject),
})

const MALFORMED: readonly unknown[] = [
  undefined,
  null,
  'a string',
  42,
  [],
  { sub: 'joe', pingOneSub: 'x', acr: 'mfa' },
  { status: 'active', value: 'nowhere', context: { stage: 'pingFederate' } },
  { status: 'active', value: { pingOne: 'nowhere' }, context: { stage: 'pingOne' } },
  {
    status: 'active',
    value: { pingOne: 'awaitingInput', pingFederate: 'starting' },
    context: { stage: 'pingOne' },
  },
  { status: 'running', value: 'done', context: { stage: 'done' } },
  { status: 'active', value: { pingOne: 'awaitingInput' }, context: { stage: 'pingOne', actions: 'all' } },
  { status: 'active', value: { pingOne: 'awaitingInput' }, context: { stage: 'pingOne', vault: 'PF=1' } },
  {
    status: 'active',
    value: { pingOne: 'submitting' },
    context: { stage: 'pingOne' },
    children: { x: { src: 'evil', snapshot: {} } },
  },
  {
    status: 'active',
    value: { pingOne: 'awaitingInput' },
    context: { stage: 'pingOne', error: { code: 1 } },
  },
]

let uncaught: unknown[] = []
const record = (error: unknown) => uncaught.push(error)
beforeEach(() => {
  uncaught = []
  process.on('uncaughtException', record)
})
afterEach(async () => {
  await new Promise((resolve) => setTimeout(resolve, 20))
  process.off('uncaughtException', record)
  expect(uncaught).toEqual([])
})

describe('restoring anything but a persisted hybrid login', () => {
  it('is INVALID_ARGUMENT from restoreHybridLogin and runHybridLogin, before an actor exists', async () => {
    for (const value of MALFORMED) {
      expect(() => restoreHybridLogin(machine, value)).toThrowError(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      )
      // No snapshot (undefined) is a new login; anything else must be a persisted one.
      if (value === undefined) continue
      await expect(
        runHybridLogin({ machine, snapshot: value as never, onStep: () => ({ cancel: true }) }),
      ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    }
  })

  it('never throws anything but a coded error, whatever the value', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        try {
          checkPersistedLogin(value)
        } catch (error) {
          expect(isRedirectlessError(error, 'INVALID_ARGUMENT')).toBe(true)
        }
      }),
      { numRuns: 500 },
    )
  })
})
