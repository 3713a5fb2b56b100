import { describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../../src/index.js'
import { act, read, requestObject, resume, startMfa } from './helpers.js'

/** ann has TOTP and MOBILE devices and no default: she must pick one. */
async function annSelecting(emu: Emulator, params: Record<string, string> = {}) {
  const started = await startMfa(emu, 'ann', params)
  expect(started.body.status).toBe('DEVICE_SELECTION_REQUIRED')
  expect(Object.keys(started.body._links).sort()).toEqual(['device.select', 'self', 'signOnPage'])
  expect(started.body.selectedDevice).toBeUndefined()
  const devices = started.body._embedded.devices as { id: string; type: string }[]
  expect(devices.map((d) => d.type)).toEqual(['TOTP', 'MOBILE'])
  const mobile = devices.find((d) => d.type === 'MOBILE')?.id
  const totp = devices.find((d) => d.type === 'TOTP')?.id
  return { started, flow: started.body, mobile: mobile ?? '', totp: totp ?? '' }
}

describe('ann: device selection and push', () => {
  it('selects the push device, polls, and completes on approve', async () => {
    const emu = createEmulator()
    const { flow, mobile, started } = await annSelecting(emu)
    const pushing = await act(emu, flow, 'device.select', { device: { id: mobile } })
    expect(pushing.body.status).toBe('PUSH_CONFIRMATION_REQUIRED')
    expect(Object.keys(pushing.body._links).sort()).toEqual([
      'cancel.push.authentication',
      'device.select',
      'self',
      'signOnPage',
    ])
    expect(pushing.body.selectedDevice).toEqual({ id: mobile })
    expect(emu.push.pending()).toEqual(['ann'])
    expect(emu.outbox.last('ann')).toMatchObject({ channel: 'PUSH', purpose: 'push', deviceId: mobile })

    expect((await read(emu, flow)).body.status).toBe('PUSH_CONFIRMATION_REQUIRED')
    expect(emu.push.approve('ann')).toBe(true)
    expect(emu.push.pending()).toEqual([])
    expect(emu.push.approve('ann')).toBe(false)
    const polled = await read(emu, flow)
    expect(polled.body.status).toBe('COMPLETED')
    const resumed = await resume(emu, polled.body, started.cookie)
    expect(resumed.body.authorizeResponse.code).toBeTypeOf('string')
  })

  it('deny ends the flow FAILED by default', async () => {
    const emu = createEmulator()
    const { flow, mobile } = await annSelecting(emu)
    await act(emu, flow, 'device.select', { device: { id: mobile } })
    expect(emu.push.deny('ann')).toBe(true)
    const polled = await read(emu, flow)
    expect(polled.body.status).toBe('FAILED')
    expect(polled.body.error.code).toBe('PUSH_DENIED')
    expect(Object.keys(polled.body._links).sort()).toEqual(['self', 'signOnPage'])
    const again = await act(emu, flow, 'device.select', { device: { id: mobile } })
    expect(again.status).toBe(400)
    expect(again.body.code).toBe('INVALID_REQUEST')
  })

  it('deny leads back to device selection when pushDeniedOutcome says so', async () => {
    const emu = createEmulator({ pingOne: { pushDeniedOutcome: 'DEVICE_SELECTION_REQUIRED' } })
    const { flow, mobile } = await annSelecting(emu)
    await act(emu, flow, 'device.select', { device: { id: mobile } })
    emu.push.deny('ann')
    expect((await read(emu, flow)).body.status).toBe('DEVICE_SELECTION_REQUIRED')
  })

  it('times out on the emulator clock, checked on GET, and can be retried with device.select', async () => {
    const emu = createEmulator({ pingOne: { pushTimeoutSeconds: 30 } })
    const { flow, mobile } = await annSelecting(emu)
    await act(emu, flow, 'device.select', { device: { id: mobile } })
    emu.clock.advance(29_000)
    expect((await read(emu, flow)).body.status).toBe('PUSH_CONFIRMATION_REQUIRED')
    emu.clock.advance(1_000)
    const timedOut = await read(emu, flow)
    expect(timedOut.body.status).toBe('PUSH_CONFIRMATION_TIMED_OUT')
    expect(Object.keys(timedOut.body._links).sort()).toEqual(['device.select', 'self', 'signOnPage'])
    expect(emu.push.approve('ann')).toBe(false)

    const retried = await act(emu, flow, 'device.select', { device: { id: mobile } })
    expect(retried.body.status).toBe('PUSH_CONFIRMATION_REQUIRED')
    expect(emu.push.timeout('ann')).toBe(true)
    expect((await read(emu, flow)).body.status).toBe('PUSH_CONFIRMATION_TIMED_OUT')
  })

  it('cancel.push.authentication {CHANGE_DEVICE} returns to device selection; then TOTP completes', async () => {
    const emu = createEmulator()
    const { flow, mobile, totp } = await annSelecting(emu)
    await act(emu, flow, 'device.select', { device: { id: mobile } })
    const bad = await act(emu, flow, 'cancel.push.authentication', { reason: 'BORED' })
    expect(bad.status).toBe(400)
    expect(bad.body.details[0].target).toBe('reason')
    const cancelled = await act(emu, flow, 'cancel.push.authentication', { reason: 'CHANGE_DEVICE' })
    expect(cancelled.body.status).toBe('DEVICE_SELECTION_REQUIRED')
    expect(emu.push.pending()).toEqual([])

    const otp = await act(emu, flow, 'device.select', { device: { id: totp } })
    expect(otp.body.status).toBe('OTP_REQUIRED')
    const shown = emu.outbox.last('ann')
    expect(shown).toMatchObject({ channel: 'TOTP', deviceId: totp })
    const done = await act(emu, flow, 'otp.check', { otp: shown?.otp })
    expect(done.body.status).toBe('COMPLETED')
  })

  it('puts pi.clientContext and the transaction text on the push message', async () => {
    const emu = createEmulator()
    const request = await requestObject(emu, {
      'pi.template': {
        name: 'transaction',
        variables: { sum: '1,250.00', currency: 'EUR', recipient: 'ACME Corp' },
      },
      'pi.clientContext': { 'alert.color': 'red' },
    })
    const { flow, mobile } = await annSelecting(emu, { request })
    await act(emu, flow, 'device.select', { device: { id: mobile } })
    const push = emu.outbox.last('ann')
    expect(push?.text).toBe('Approve the payment of 1,250.00 EUR to ACME Corp?')
    expect(push?.clientContext).toEqual({ 'alert.color': 'red' })
    expect(push?.template?.name).toBe('transaction')
  })

  it('paces polling with Retry-After when pushPollRetryAfterSeconds is set', async () => {
    const emu = createEmulator({ pingOne: { pushPollRetryAfterSeconds: 2 } })
    const { flow, mobile } = await annSelecting(emu)
    const pushing = await act(emu, flow, 'device.select', { device: { id: mobile } })
    expect(pushing.response.headers.get('retry-after')).toBe('2')
    expect((await read(emu, flow)).response.headers.get('retry-after')).toBe('2')
  })

  it('an unknown device id is refused with a target', async () => {
    const emu = createEmulator()
    const { flow } = await annSelecting(emu)
    const bad = await act(emu, flow, 'device.select', { device: { id: 'nope' } })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ code: 'INVALID_DATA', details: [{ target: 'device.id' }] })
    const missing = await act(emu, flow, 'device.select', {})
    expect(missing.body.details[0]).toMatchObject({ code: 'REQUIRED_VALUE', target: 'device.id' })
  })
})
