import { describe, expect, it } from 'vitest'
import { createEmulator } from '../../src/index.js'
import { act, read, requestObject, startMfa } from './helpers.js'

describe('otp.check', () => {
  it('a wrong OTP is 400 INVALID_OTP, leaves the status, bumps userRetries; the third fails the flow', async () => {
    const emu = createEmulator()
    const flow = (await startMfa(emu, 'joe')).body
    const right = emu.outbox.last('joe')?.otp ?? ''
    const wrong = right === '000000' ? '111111' : '000000'

    const first = await act(emu, flow, 'otp.check', { otp: wrong })
    expect(first.status).toBe(400)
    expect(first.body).toMatchObject({
      id: expect.any(String),
      code: 'INVALID_DATA',
      message: expect.any(String),
      details: [{ code: 'INVALID_OTP', target: 'otp', innerError: { remainingAttempts: 2 } }],
    })
    expect(JSON.stringify(first.body)).not.toContain(wrong)
    const after = (await read(emu, flow)).body
    expect(after.status).toBe('OTP_REQUIRED')
    expect(after._embedded.devices[0].userRetries).toBe(1)
    expect(after._embedded.devices[1].userRetries).toBe(0)

    expect(
      (await act(emu, flow, 'otp.check', { otp: wrong })).body.details[0].innerError.remainingAttempts,
    ).toBe(1)
    const last = await act(emu, flow, 'otp.check', { otp: wrong })
    expect(last.status).toBe(400)
    expect(last.body.details[0].innerError.remainingAttempts).toBe(0)
    const failed = (await read(emu, flow)).body
    expect(failed.status).toBe('FAILED')
    expect(failed.error.code).toBe('OTP_LOCKED')
    const late = await act(emu, flow, 'otp.check', { otp: right })
    expect(late.status).toBe(400)
    expect(late.body.code).toBe('INVALID_REQUEST')
  })

  it("otpLockout 'lock-device' locks the device for the cool-down instead", async () => {
    const emu = createEmulator({
      pingOne: { otpLockout: 'lock-device', otpFailureCount: 2, otpCoolDownSeconds: 60 },
    })
    const flow = (await startMfa(emu, 'joe')).body
    const right = emu.outbox.last('joe')?.otp ?? ''
    const wrong = right === '000000' ? '111111' : '000000'
    await act(emu, flow, 'otp.check', { otp: wrong })
    const locking = await act(emu, flow, 'otp.check', { otp: wrong })
    expect(locking.body.details[0].innerError).toEqual({ remainingAttempts: 0, coolDownSeconds: 60 })
    expect((await read(emu, flow)).body.status).toBe('OTP_REQUIRED')

    const locked = await act(emu, flow, 'otp.check', { otp: right })
    expect(locked.status).toBe(400)
    expect(locked.body).toMatchObject({ code: 'REQUEST_FAILED', details: [{ code: 'DEVICE_LOCKED' }] })
    expect(locked.body.details[0].innerError.secondsUntilUnlock).toBe(60)

    emu.clock.advance(60_000)
    const done = await act(emu, flow, 'otp.check', { otp: right })
    expect(done.body.status).toBe('COMPLETED')
  })

  it('device.select re-sends a new OTP; the old one no longer works', async () => {
    const emu = createEmulator()
    const flow = (await startMfa(emu, 'joe')).body
    const old = emu.outbox.last('joe')
    const email = flow._embedded.devices[1].id
    const switched = await act(emu, flow, 'device.select', { device: { id: email } })
    expect(switched.body.status).toBe('OTP_REQUIRED')
    expect(switched.body.selectedDevice).toEqual({ id: email })
    const sent = emu.outbox.last('joe')
    expect(sent).toMatchObject({ channel: 'EMAIL', deviceId: email, to: 'joe@example.com' })
    expect(emu.outbox.all('joe')).toHaveLength(2)
    if (old?.otp !== sent?.otp) {
      expect((await act(emu, flow, 'otp.check', { otp: old?.otp })).status).toBe(400)
    }
    expect((await act(emu, flow, 'otp.check', { otp: sent?.otp })).body.status).toBe('COMPLETED')
  })

  it('renders the transaction template variables into the SMS text', async () => {
    const emu = createEmulator()
    const request = await requestObject(emu, {
      'pi.template': {
        name: 'transaction',
        variant: 'short',
        variables: { sum: '42.00', currency: 'USD', recipient: 'Bob' },
      },
    })
    await startMfa(emu, 'joe', { request })
    const sent = emu.outbox.last('joe')
    expect(sent?.text).toBe(`42.00 USD to Bob: ${sent?.otp}`)
    expect(sent?.template).toEqual({
      name: 'transaction',
      variant: 'short',
      variables: { sum: '42.00', currency: 'USD', recipient: 'Bob' },
    })
  })

  it('uses per-device-type OTP lengths and lets OTPs expire', async () => {
    const emu = createEmulator({
      pingOne: { otpLength: { SMS: 8, EMAIL: 6, VOICE: 6, TOTP: 6 }, otpLifetimeSeconds: 60 },
    })
    const flow = (await startMfa(emu, 'joe')).body
    const sent = emu.outbox.last('joe')
    expect(sent?.otp).toMatch(/^\d{8}$/)
    emu.clock.advance(61_000)
    const expired = await act(emu, flow, 'otp.check', { otp: sent?.otp })
    expect(expired.status).toBe(400)
    expect(expired.body.details[0].code).toBe('INVALID_OTP')
  })

  it('session.reset restarts the flow and sends a new OTP, retries kept', async () => {
    const emu = createEmulator()
    const flow = (await startMfa(emu, 'joe')).body
    await act(emu, flow, 'otp.check', { otp: 'nope' })
    const reset = await act(emu, flow, 'session.reset')
    expect(reset.status).toBe(200)
    expect(reset.body.status).toBe('OTP_REQUIRED')
    expect(reset.body._embedded.devices[0].userRetries).toBe(1)
    expect(emu.outbox.all('joe')).toHaveLength(2)
  })

  it('a user without devices FAILs unless bypass is allowed', async () => {
    const failing = createEmulator()
    const failed = await startMfa(failing, 'nodevice')
    expect(failed.body.status).toBe('FAILED')
    expect(failed.body.error.code).toBe('NO_USABLE_DEVICES')

    const erroring = createEmulator({ pingOne: { noDeviceOutcome: 'error' } })
    const error = await startMfa(erroring, 'nodevice')
    expect(error.status).toBe(400)
    expect(error.body).toMatchObject({ code: 'REQUEST_FAILED', details: [{ code: 'NO_USABLE_DEVICES' }] })

    const bypassing = createEmulator({ pingOne: { mfaBypassAllowed: true } })
    expect((await startMfa(bypassing, 'nodevice')).body.status).toBe('COMPLETED')
    expect((await startMfa(bypassing, 'joe')).body.bypassAllowed).toBe(true)
  })
})
