import { describe, expect, it } from 'vitest'
import { createActor, waitFor } from 'xstate'
import { createHybridLoginMachine, hybridLoginPhase, submitEvent } from '../src/index.js'
import { hybridOptions, PASSWORD, setup } from './support.js'

const settled = ['input', 'error', 'done', 'failed', 'canceled']

function start(machine: ReturnType<typeof createHybridLoginMachine>) {
  const actor = createActor(machine)
  actor.start()
  const settle = () => waitFor(actor, (s) => settled.includes(hybridLoginPhase(s)), { timeout: 10_000 })
  return { actor, settle }
}

describe('createHybridLoginMachine', () => {
  it('tells the app the stage, status, offered actions and model without inspecting internals', async () => {
    const { machine } = setup()
    const { settle } = start(machine)
    const snapshot = await settle()
    expect(hybridLoginPhase(snapshot)).toBe('input')
    expect(snapshot.context).toMatchObject({
      stage: 'pingFederate',
      status: 'USERNAME_PASSWORD_REQUIRED',
      actions: expect.arrayContaining(['checkUsernamePassword']),
      error: undefined,
      canRetry: false,
      waiting: false,
    })
    expect(snapshot.context.state?.status).toBe('USERNAME_PASSWORD_REQUIRED')
  })

  it('offers RETRY after a retryable failure and finishes after it', async () => {
    const { emu, machine } = setup()
    const { actor, settle } = start(machine)
    await settle()
    // One reset: an authorize is never retried automatically (it would send a second OTP).
    emu.faults.add({ product: 'pingone', route: 'authorize', fault: { kind: 'reset' }, times: 1 })
    actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password: PASSWORD }))
    const failed = await settle()
    expect(hybridLoginPhase(failed)).toBe('error')
    expect(failed.context).toMatchObject({
      stage: 'pingOne',
      canRetry: true,
      error: { code: 'NETWORK_ERROR', stage: 'pingOne' },
    })
    actor.send({ type: 'RETRY' })
    const retried = await settle()
    expect(retried.context).toMatchObject({ stage: 'pingOne', status: 'OTP_REQUIRED', error: undefined })
    actor.send(submitEvent('otp.check', { otp: emu.outbox.last('joe')?.otp ?? '' }))
    expect(hybridLoginPhase(await settle())).toBe('done')
  })

  it('fails with FLOW_EXPIRED when the flow expired, and RESTART starts a new login', async () => {
    const { emu, machine } = setup()
    const { actor, settle } = start(machine)
    await settle()
    emu.clock.advance(31 * 60_000)
    actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password: PASSWORD }))
    const expired = await settle()
    expect(hybridLoginPhase(expired)).toBe('failed')
    expect(expired.context.error).toMatchObject({
      code: 'FLOW_EXPIRED',
      stage: 'pingFederate',
      retryable: false,
    })
    actor.send({ type: 'RESTART' })
    const again = await settle()
    expect(again.context).toMatchObject({
      stage: 'pingFederate',
      status: 'USERNAME_PASSWORD_REQUIRED',
      error: undefined,
    })
  })

  it('CANCEL ends the login and cancels a pending push at PingOne', async () => {
    const { emu, machine } = setup()
    const { actor, settle } = start(machine)
    await settle()
    actor.send(submitEvent('checkUsernamePassword', { username: 'ann', password: PASSWORD }))
    const selecting = await settle()
    const devices = (
      selecting.context.state as unknown as { _embedded: { devices: { id: string; type: string }[] } }
    )._embedded.devices
    actor.send(
      submitEvent('device.select', { device: { id: devices.find((d) => d.type === 'MOBILE')?.id ?? '' } }),
    )
    await waitFor(actor, (s) => hybridLoginPhase(s) === 'waiting')
    expect(emu.push.pending()).toContain('ann')
    actor.send({ type: 'CANCEL' })
    const canceled = await settle()
    expect(hybridLoginPhase(canceled)).toBe('canceled')
    expect(canceled.context.stage).toBe('canceled')
    expect(emu.push.pending()).not.toContain('ann')
  })

  it('ignores SUBMIT while busy and refuses an action the state does not offer', async () => {
    const { machine } = setup()
    const { actor, settle } = start(machine)
    await settle()
    actor.send(submitEvent('otp.check', { otp: '123456' }))
    const refused = await settle()
    expect(refused.context.error).toMatchObject({ code: 'ACTION_NOT_AVAILABLE' })
    expect(refused.context.status).toBe('USERNAME_PASSWORD_REQUIRED')
  })

  it('refuses options without clients or a loginHintToken function', () => {
    const { emu } = setup()
    const options = hybridOptions(emu)
    expect(() => createHybridLoginMachine({ ...options, loginHintToken: 'token' as never })).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
    expect(() => createHybridLoginMachine({ ...options, pingOne: undefined as never })).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })
})
