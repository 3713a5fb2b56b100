import { describe, expect, it } from 'vitest'
import type { PfMfaAdapterConfig, PfUserConfig } from '../../src/pingfederate/index.js'
import { defaultPingFederateConfig } from '../../src/pingfederate/index.js'
import { browser, DEMO, demoParams, emulator, type Json, self } from './helpers.js'

const links = (body: Json) => Object.keys(body._links).sort()

/** Signs `username` in with the password, with the MFA adapter configured. */
async function toMfa(mfa: PfMfaAdapterConfig, username = 'joe', users?: readonly PfUserConfig[]) {
  const emu = emulator({ mfa, ...(users && { users }) })
  const b = browser(emu)
  const start = await b.authorize((await demoParams()).params)
  const href = self(start)
  const first = await b.act(href, 'checkUsernamePassword', { username, password: DEMO.password })
  return { emu, b, href, first }
}

const otpOf = (emu: ReturnType<typeof emulator>, username: string) => emu.outbox.last(username)?.otp ?? ''

describe('PingOne MFA adapter (contract §3.4, D-P1MFA flows)', () => {
  it('AUTHENTICATION_REQUIRED → authenticate → DEVICE_SELECTION_REQUIRED → selectDevice → OTP_REQUIRED → checkOtp → MFA_COMPLETED → continueAuthentication → COMPLETED', async () => {
    const { emu, b, href, first } = await toMfa({ type: 'pingone-mfa' })
    expect(first.body).toMatchObject({
      status: 'AUTHENTICATION_REQUIRED',
      pluginTypeId: 'PingOneMfaEmulatorAdapter',
      user: { username: 'joe' },
    })
    expect(links(first.body)).toEqual(['authenticate', 'cancelAuthentication', 'self'])

    const selection = await b.act(href, 'authenticate', {})
    expect(selection.body).toMatchObject({
      status: 'DEVICE_SELECTION_REQUIRED',
      devices: [
        {
          id: 'joe-email',
          type: 'EMAIL',
          target: 'jo****@example.com',
          defaultDevice: true,
          otpEnabled: true,
        },
        { id: 'joe-sms', type: 'SMS', target: '*********01', defaultDevice: false },
      ],
      userSelectedDefault: false,
      changeDevicePermitted: true,
      manageDevicesAllowed: true,
    })
    // The management actions sit on the device list too (contract §3.4; the widget's tiles post them).
    expect(links(selection.body)).toEqual([
      'cancelAuthentication',
      'manageDevices',
      'removeDevice',
      'selectDevice',
      'self',
      'setDefaultDevice',
      'updateDeviceNickname',
    ])

    const otp = await b.act(href, 'selectDevice', { deviceRef: { id: 'joe-sms' } })
    expect(otp.body).toMatchObject({
      status: 'OTP_REQUIRED',
      selectedDeviceRef: { id: 'joe-sms' },
      otpLength: 6,
    })
    expect(links(otp.body)).toEqual(['cancelAuthentication', 'checkOtp', 'resendOtp', 'selectDevice', 'self'])
    const sms = emu.outbox.last('joe')
    expect(sms).toMatchObject({ channel: 'SMS', to: '+15555550101', purpose: 'otp', deviceId: 'joe-sms' })
    expect(sms?.text).toContain(sms?.otp)

    const done = await b.act(href, 'checkOtp', { otp: sms?.otp })
    expect(done.body.status).toBe('MFA_COMPLETED')
    expect(links(done.body)).toEqual(['continueAuthentication', 'self'])
    const completed = await b.act(href, 'continueAuthentication')
    expect(completed.body).toMatchObject({
      status: 'COMPLETED',
      authorizeResponse: { code: expect.any(String) },
    })
  })

  it('a wrong code is INVALID_OTP with attemptsRemaining; the last one is MFA_FAILED, whose cancel is FAILED', async () => {
    const { b, href } = await toMfa({ type: 'pingone-mfa', deviceSelection: 'default', maxOtpAttempts: 2 })
    expect((await b.act(href, 'authenticate')).body.status).toBe('OTP_REQUIRED')
    const wrong = await b.act(href, 'checkOtp', { otp: '000000x' })
    expect(wrong.res.status).toBe(400)
    expect(wrong.body).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ code: 'INVALID_OTP', target: 'otp', attemptsRemaining: 1 }],
    })
    const failed = await b.act(href, 'checkOtp', { otp: '000000x' })
    expect(failed.body).toMatchObject({
      status: 'MFA_FAILED',
      code: 'OTP_ATTEMPTS_LIMIT',
      userMessage: expect.any(String),
    })
    expect(links(failed.body)).toEqual(['cancelAuthentication', 'self'])
    expect((await b.act(href, 'cancelAuthentication')).body).toMatchObject({
      status: 'FAILED',
      code: 'OTP_ATTEMPTS_LIMIT',
    })
  })

  it('resendOtp sends a new code (the old one stops working) up to the limit: then REQUEST_FAILED / OTP_RESEND_LIMIT', async () => {
    const { emu, b, href } = await toMfa({
      type: 'pingone-mfa',
      deviceSelection: 'default',
      maxOtpResends: 1,
    })
    await b.act(href, 'authenticate')
    const firstCode = otpOf(emu, 'joe')
    expect((await b.act(href, 'resendOtp')).body.status).toBe('OTP_REQUIRED')
    const secondCode = otpOf(emu, 'joe')
    expect(emu.outbox.all('joe')).toHaveLength(2)
    const limit = await b.act(href, 'resendOtp')
    expect(limit.body).toMatchObject({ code: 'REQUEST_FAILED', details: [{ code: 'OTP_RESEND_LIMIT' }] })
    if (firstCode !== secondCode)
      expect((await b.act(href, 'checkOtp', { otp: firstCode })).res.status).toBe(400)
    expect((await b.act(href, 'checkOtp', { otp: secondCode })).body.status).toBe('MFA_COMPLETED')
  })

  it('an expired code is REQUEST_FAILED / OTP_EXPIRED, and a resend fixes it', async () => {
    const { emu, b, href } = await toMfa({
      type: 'pingone-mfa',
      deviceSelection: 'default',
      otpLifetimeSeconds: 60,
    })
    await b.act(href, 'authenticate')
    const code = otpOf(emu, 'joe')
    emu.clock.advance(61_000)
    expect((await b.act(href, 'checkOtp', { otp: code })).body.details[0].code).toBe('OTP_EXPIRED')
    await b.act(href, 'resendOtp')
    expect((await b.act(href, 'checkOtp', { otp: otpOf(emu, 'joe') })).body.status).toBe('MFA_COMPLETED')
  })

  it('changes device from a challenge, and refuses an unknown device with INVALID_DEVICE', async () => {
    const { emu, b, href } = await toMfa({ type: 'pingone-mfa', deviceSelection: 'default' })
    const email = await b.act(href, 'authenticate')
    expect(email.body).toMatchObject({ status: 'OTP_REQUIRED', selectedDeviceRef: { id: 'joe-email' } })
    expect(emu.outbox.last('joe')).toMatchObject({ channel: 'EMAIL', to: 'joe@example.com' })
    const wrong = await b.act(href, 'selectDevice', { deviceRef: { id: 'nope' } })
    expect(wrong.body.details[0]).toMatchObject({ code: 'INVALID_DEVICE', target: 'deviceRef.id' })
    const sms = await b.act(href, 'selectDevice', { deviceRef: { id: 'joe-sms' } })
    expect(sms.body.selectedDeviceRef.id).toBe('joe-sms')
    expect(emu.outbox.last('joe')?.channel).toBe('SMS')
  })

  it('push: PUSH_CONFIRMATION_WAITING moves after N reads, by GET or by the poll action', async () => {
    const { emu, b, href } = await toMfa({ type: 'pingone-mfa', approveAfterPolls: 3 }, 'ann')
    await b.act(href, 'authenticate')
    const waiting = await b.act(href, 'selectDevice', { deviceRef: { id: 'ann-mobile' } })
    expect(waiting.body).toMatchObject({
      status: 'PUSH_CONFIRMATION_WAITING',
      devices: [
        { id: 'ann-mobile', type: 'MOBILE', pushEnabled: true, otpEnabled: true },
        { id: 'ann-totp' },
      ],
    })
    expect(links(waiting.body)).toEqual(['cancelAuthentication', 'checkOtp', 'poll', 'selectDevice', 'self'])
    expect(emu.outbox.all('ann').map((m) => m.channel)).toEqual(['PUSH', 'TOTP'])
    expect((await b.read(href)).body.status).toBe('PUSH_CONFIRMATION_WAITING')
    expect((await b.act(href, 'poll')).body.status).toBe('PUSH_CONFIRMATION_WAITING')
    expect((await b.read(href)).body.status).toBe('MFA_COMPLETED')
  })

  it('push: the app passcode (otpEnabled) is accepted while the push waits', async () => {
    const { emu, b, href } = await toMfa({ type: 'pingid', pushOutcome: 'never' }, 'ann')
    await b.act(href, 'selectDevice', { deviceRef: { id: 'ann-mobile' } })
    const code = emu.outbox.all('ann').find((m) => m.channel === 'TOTP')?.otp
    expect((await b.act(href, 'checkOtp', { otp: code })).body.status).toBe('MFA_COMPLETED')
  })

  it('push: rejected → PUSH_CONFIRMATION_REJECTED (cancel only); timed out → selectDevice retries', async () => {
    const rejected = await toMfa({ type: 'pingone-mfa', approveAfterPolls: 1, pushOutcome: 'reject' }, 'ann')
    await rejected.b.act(rejected.href, 'authenticate')
    await rejected.b.act(rejected.href, 'selectDevice', { deviceRef: { id: 'ann-mobile' } })
    const no = await rejected.b.read(rejected.href)
    expect(no.body.status).toBe('PUSH_CONFIRMATION_REJECTED')
    expect(links(no.body)).toEqual(['cancelAuthentication', 'self'])
    expect((await rejected.b.act(rejected.href, 'cancelAuthentication')).body.status).toBe('FAILED')

    const late = await toMfa({ type: 'pingone-mfa', approveAfterPolls: 1, pushOutcome: 'timeout' }, 'ann')
    await late.b.act(late.href, 'authenticate')
    await late.b.act(late.href, 'selectDevice', { deviceRef: { id: 'ann-mobile' } })
    const timedOut = await late.b.read(late.href)
    expect(timedOut.body).toMatchObject({
      status: 'PUSH_CONFIRMATION_TIMED_OUT',
      selectedDeviceRef: { id: 'ann-mobile' },
    })
    expect(links(timedOut.body)).toEqual(['cancelAuthentication', 'checkOtp', 'selectDevice', 'self'])
    const again = await late.b.act(late.href, 'selectDevice', { deviceRef: { id: 'ann-totp' } })
    expect(again.body.status).toBe('OTP_REQUIRED')
    expect(late.emu.outbox.last('ann')).toMatchObject({ channel: 'TOTP', deviceId: 'ann-totp' })
  })

  it('FIDO2: ASSERTION_REQUIRED → checkAssertion with the software key → MFA_COMPLETED; a replay or a wrong origin is refused', async () => {
    const { emu, b, href } = await toMfa({ type: 'pingone-mfa' }, 'fido')
    const assertion = await b.act(href, 'authenticate')
    expect(assertion.body).toMatchObject({
      status: 'ASSERTION_REQUIRED',
      selectedDeviceRef: { id: 'fido-key' },
      publicKeyCredentialRequestOptions: {
        challenge: expect.any(Array),
        rpId: 'localhost',
        allowCredentials: [{ type: 'public-key', id: expect.any(Array) }],
      },
    })
    const options = assertion.body.publicKeyCredentialRequestOptions
    const wrongOrigin = emu.fido.getAssertion(options, 'https://evil.example')
    const refused = await b.act(href, 'checkAssertion', {
      assertion: wrongOrigin,
      origin: 'https://evil.example',
      compatibility: 'FULL',
    })
    expect(refused.body.details[0]).toMatchObject({ code: 'INVALID_FIELD_VALUE', target: 'assertion' })
    const good = emu.fido.getAssertion(options, 'https://localhost')
    const done = await b.act(href, 'checkAssertion', {
      assertion: good,
      origin: 'https://localhost',
      compatibility: 'FULL',
    })
    expect(done.body.status).toBe('MFA_COMPLETED')
  })

  it('device management from the device list: set the default and remove, still DEVICE_SELECTION_REQUIRED', async () => {
    const { b, href } = await toMfa({ type: 'pingone-mfa' })
    await b.act(href, 'authenticate')
    const defaulted = await b.act(href, 'setDefaultDevice', { deviceRef: { id: 'joe-sms' } })
    expect(defaulted.body).toMatchObject({
      status: 'DEVICE_SELECTION_REQUIRED',
      devices: [
        { id: 'joe-email', defaultDevice: false },
        { id: 'joe-sms', defaultDevice: true },
      ],
    })
    const removed = await b.act(href, 'removeDevice', { deviceRef: { id: 'joe-email' } })
    expect(removed.body.status).toBe('DEVICE_SELECTION_REQUIRED')
    expect(removed.body.devices.map((d: Json) => d.id)).toEqual(['joe-sms'])
    const chosen = await b.act(href, 'selectDevice', { deviceRef: { id: 'joe-sms' } })
    expect(chosen.body.status).toBe('OTP_REQUIRED')
    const noManaging = await toMfa({ type: 'pingone-mfa', manageDevicesAllowed: false })
    const list = await noManaging.b.act(noManaging.href, 'authenticate')
    expect(links(list.body)).toEqual(['cancelAuthentication', 'selectDevice', 'self'])
  })

  it('device management: set the default, rename, remove, then resumeAuthentication', async () => {
    const { b, href } = await toMfa({ type: 'pingone-mfa' })
    await b.act(href, 'authenticate')
    const managing = await b.act(href, 'manageDevices')
    expect(managing.body.status).toBe('DEVICE_MANAGEMENT')
    expect(links(managing.body)).toEqual([
      'cancelAuthentication',
      'removeDevice',
      'resumeAuthentication',
      'self',
      'setDefaultDevice',
      'updateDeviceNickname',
    ])
    await b.act(href, 'setDefaultDevice', { deviceRef: { id: 'joe-sms' } })
    const renamed = await b.act(href, 'updateDeviceNickname', { id: 'joe-sms', nickname: 'Work phone' })
    expect(renamed.body.devices).toMatchObject([
      { id: 'joe-email', defaultDevice: false },
      { id: 'joe-sms', defaultDevice: true, nickname: 'Work phone' },
    ])
    const removed = await b.act(href, 'removeDevice', { deviceRef: { id: 'joe-email' } })
    expect(removed.body.devices.map((d: Json) => d.id)).toEqual(['joe-sms'])
    // One device left: straight to its challenge.
    const resumed = await b.act(href, 'resumeAuthentication')
    expect(resumed.body).toMatchObject({ status: 'OTP_REQUIRED', selectedDeviceRef: { id: 'joe-sms' } })
  })

  it('a user without devices: bypass (default), MFA_FAILED, or pairing an e-mail device', async () => {
    const bypass = await toMfa({ type: 'pingone-mfa' }, 'nodevice')
    expect((await bypass.b.act(bypass.href, 'authenticate')).body.status).toBe('MFA_COMPLETED')

    const fail = await toMfa({ type: 'pingone-mfa', noDevice: 'fail' }, 'nodevice')
    expect((await fail.b.act(fail.href, 'authenticate')).body).toMatchObject({
      status: 'MFA_FAILED',
      code: 'NO_DEVICES',
    })

    const { emu, b, href } = await toMfa({ type: 'pingone-mfa', noDevice: 'setup' }, 'nodevice')
    expect((await b.act(href, 'authenticate')).body).toMatchObject({
      status: 'MFA_SETUP_REQUIRED',
      allowSkipMfa: false,
    })
    expect((await b.act(href, 'setupMfa')).body).toMatchObject({
      status: 'DEVICE_PAIRING_METHOD_REQUIRED',
      devicePairingMethods: [{ deviceType: 'EMAIL' }],
    })
    const sms = await b.act(href, 'selectDevicePairingMethod', { devicePairingMethod: { deviceType: 'SMS' } })
    expect(sms.res.status).toBe(400)
    await b.act(href, 'selectDevicePairingMethod', { devicePairingMethod: { deviceType: 'EMAIL' } })
    const bad = await b.act(href, 'submitEmailTarget', { email: 'not-an-address' })
    expect(bad.body).toMatchObject({ code: 'INVALID_DEVICE_TARGET', message: expect.any(String) })
    const activation = await b.act(href, 'submitEmailTarget', { email: 'ned@example.com' })
    expect(activation.body).toMatchObject({
      status: 'EMAIL_ACTIVATION_REQUIRED',
      email: 'ned@example.com',
      otpLength: 6,
    })
    expect(emu.outbox.last('nodevice')).toMatchObject({ channel: 'EMAIL', to: 'ned@example.com' })
    const paired = await b.act(href, 'activateEmailDevice', { otp: otpOf(emu, 'nodevice') })
    expect(paired.body.status).toBe('MFA_COMPLETED')
    expect((await b.act(href, 'continueAuthentication')).body.status).toBe('COMPLETED')

    // The device now exists: the next sign-on challenges it.
    const b2 = browser(emu)
    const again = await b2.authorize((await demoParams()).params)
    await b2.act(self(again), 'checkUsernamePassword', { username: 'nodevice', password: DEMO.password })
    expect((await b2.act(self(again), 'authenticate')).body).toMatchObject({
      status: 'OTP_REQUIRED',
      devices: [{ type: 'EMAIL', target: 'ne****@example.com' }],
    })
  })

  it('applies only to the listed users', async () => {
    const { first } = await toMfa({ type: 'pingone-mfa', users: ['ann'] })
    expect(first.body.status).toBe('COMPLETED')
  })

  it('cancelAuthentication at any MFA step ends in FAILED (access_denied)', async () => {
    const { b, href } = await toMfa({ type: 'pingone-mfa' })
    expect((await b.act(href, 'cancelAuthentication')).body).toMatchObject({
      status: 'FAILED',
      code: 'access_denied',
    })
  })
})

describe('PingID adapter (UNCONFIRMED details, contract §3.4)', () => {
  it('goes straight to device selection (no AUTHENTICATION_REQUIRED), with its own pluginTypeId', async () => {
    const { emu, b, href, first } = await toMfa({ type: 'pingid' })
    expect(first.body).toMatchObject({
      status: 'DEVICE_SELECTION_REQUIRED',
      pluginTypeId: 'PingIdEmulatorAdapter',
    })
    await b.act(href, 'selectDevice', { deviceRef: { id: 'joe-email' } })
    expect((await b.act(href, 'checkOtp', { otp: otpOf(emu, 'joe') })).body.status).toBe('MFA_COMPLETED')
  })

  it('with one device (or deviceSelection default), straight to its challenge', async () => {
    const users = defaultPingFederateConfig.users.map((u) =>
      u.username === 'ann' ? { ...u, devices: u.devices?.slice(0, 1) } : u,
    )
    const { first } = await toMfa({ type: 'pingid' }, 'ann', users)
    expect(first.body).toMatchObject({
      status: 'PUSH_CONFIRMATION_WAITING',
      selectedDeviceRef: { id: 'ann-mobile' },
    })
  })
})
