import { DEMO_PASSWORD, defaultPingFederateConfig, type PingFederateConfig } from '@redirectless/emulator'
import { describe, expect, it, onTestFinished } from 'vitest'
import { describeInChromium, useChromium } from './support/chromium.js'
import { addSecurityKey } from './support/security-key.js'
import { openWidget, type WidgetRun } from './support/widget.js'

// The PingOne MFA adapter and the PingID adapter (issue 12 §2) through Ping's widget. The widget
// posts `authenticate` on AUTHENTICATION_REQUIRED and `continueAuthentication` on MFA_COMPLETED by
// itself. One placement: the cookie placements are proven by widget-password and widget-push, and
// the adapters' screens do not depend on them.
describeInChromium('pf-authn-js-widget: the PingOne MFA and PingID adapters', () => {
  const browser = useChromium()
  const open = async (name: string, pingFederate: Partial<PingFederateConfig>): Promise<WidgetRun> => {
    const run = await openWidget({ browser: browser(), placement: 'cross-site', name, pingFederate })
    onTestFinished(() => run.close())
    return run
  }
  const signOn = async (run: WidgetRun, username: string) => {
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    await run.submit({ username, password: DEMO_PASSWORD })
  }
  /** The newest code sent to `username`, once the page has no request in flight. */
  const code = async (run: WidgetRun, username: string) => {
    await run.page.waitForLoadState('networkidle')
    return run.emulator.outbox.last(username)?.otp ?? ''
  }

  /**
   * A security key in the browser holding the `fido` user's credential (Chromium's virtual
   * authenticator, with the emulator's key for it), so the widget's own `navigator.credentials.get`
   * signs the challenge.
   */
  const touchableKey = async (run: WidgetRun) => {
    const device = defaultPingFederateConfig.users
      .find((u) => u.username === 'fido')
      ?.devices?.find((d) => d.type === 'FIDO2')
    const credentialId = device?.credentialId ?? ''
    const pkcs8 = run.emulator.fido.privateKeyPkcs8(credentialId)
    if (!pkcs8) throw new Error('the emulator holds no key for the fido user')
    await addSecurityKey(run.page, credentialId, pkcs8)
  }

  describe('PingOne MFA adapter', () => {
    it('device selection, a wrong then the right e-mailed code, then COMPLETED', async () => {
      const run = await open('p1mfa-email', { mfa: { type: 'pingone-mfa' } })
      await signOn(run, 'joe')
      await run.screen('AUTHENTICATION_REQUIRED')
      await run.screen('DEVICE_SELECTION_REQUIRED')
      expect(await run.text()).toContain('jo****@example.com')
      await run.click('[data-mfa-selection="joe-email"] .tile-button__title')
      await run.screen('OTP_REQUIRED')
      await run.submit({ otp: '000000' })
      await run.screen('OTP_REQUIRED')
      await run.submit({ otp: await code(run, 'joe') })
      await run.screen('MFA_COMPLETED')
      await run.screen('COMPLETED')
      const outcome = await run.outcome()
      expect(outcome.kind).toBe('success')
      if (outcome.kind === 'success') expect((await run.redeem(outcome.response.code ?? '')).status).toBe(200)
    })

    it('the device list’s menu: set the default, remove a device (confirmed), then the code', async () => {
      const run = await open('p1mfa-manage-devices', { mfa: { type: 'pingone-mfa' } })
      const posted: string[] = []
      run.page.on('response', (r) => {
        const action = /vnd\.pingidentity\.(\w+)\+json/.exec(r.request().headers()['content-type'] ?? '')?.[1]
        if (action) posted.push(`${action} ${r.status()}`)
      })
      await signOn(run, 'joe')
      await run.screen('DEVICE_SELECTION_REQUIRED')
      // The items sit in each tile's kebab pop-over; a click on them is what the widget handles.
      await run.page.locator('#authnwidget [id="set-default-device-joe-sms"]').dispatchEvent('click')
      await run.screen('DEVICE_SELECTION_REQUIRED')
      await run.page.locator('#authnwidget [id="remove-device-joe-email"]').dispatchEvent('click')
      await run.click('#confirmation_button')
      await run.screen('DEVICE_SELECTION_REQUIRED')
      expect(await run.text()).not.toContain('jo****@example.com')
      await run.click('[data-mfa-selection="joe-sms"] .tile-button__title')
      await run.screen('OTP_REQUIRED')
      await run.submit({ otp: await code(run, 'joe') })
      await run.screen('COMPLETED')
      expect(posted.filter((p) => /Device /.test(p) && !p.startsWith('select'))).toEqual([
        'setDefaultDevice 200',
        'removeDevice 200',
      ])
    })

    it('change device: from the e-mail code to the SMS one', async () => {
      const run = await open('p1mfa-change-device', {
        mfa: { type: 'pingone-mfa', deviceSelection: 'default' },
      })
      await signOn(run, 'joe')
      // The default device (e-mail) is challenged at once; the widget offers the others.
      await run.screen('OTP_REQUIRED')
      await run.click('#changeDevice')
      await run.screen('DEVICE_SELECTION_REQUIRED')
      await run.click('[data-mfa-selection="joe-sms"] .tile-button__title')
      await run.screen('OTP_REQUIRED')
      const sms = await run.page.waitForLoadState('networkidle').then(() => run.emulator.outbox.last('joe'))
      expect(sms?.channel).toBe('SMS')
      await run.submit({ otp: sms?.otp ?? '' })
      await run.screen('COMPLETED')
      expect((await run.outcome()).kind).toBe('success')
    })

    it('push to the phone: the widget waits, the phone approves, COMPLETED', async () => {
      const run = await open('p1mfa-push', { mfa: { type: 'pingone-mfa', approveAfterPolls: 2 } })
      await signOn(run, 'ann')
      await run.screen('DEVICE_SELECTION_REQUIRED')
      await run.click('[data-mfa-selection="ann-mobile"] .tile-button__title')
      await run.screen('PUSH_CONFIRMATION_WAITING')
      await run.screen('MFA_COMPLETED')
      await run.screen('COMPLETED')
      expect((await run.outcome()).kind).toBe('success')
    })

    it('a FIDO2 security key: the widget’s WebAuthn assertion is checked (ASSERTION_REQUIRED), COMPLETED', async () => {
      const run = await open('p1mfa-fido', { mfa: { type: 'pingone-mfa' } })
      await touchableKey(run)
      await signOn(run, 'fido')
      await run.screen('ASSERTION_REQUIRED')
      await run.screen('COMPLETED')
      expect((await run.outcome()).kind).toBe('success')
    })

    it('no device yet: pair an e-mail address (MFA_SETUP_REQUIRED), a new code (resendOtp), COMPLETED', async () => {
      const run = await open('p1mfa-pairing', { mfa: { type: 'pingone-mfa', noDevice: 'setup' } })
      await signOn(run, 'nodevice')
      await run.screen('MFA_SETUP_REQUIRED')
      await run.click('[data-actionid="setupMfa"]')
      await run.screen('DEVICE_PAIRING_METHOD_REQUIRED')
      await run.click('[data-mfa-device-pairing-selection^="EMAIL"]')
      await run.screen('EMAIL_PAIRING_TARGET_REQUIRED')
      await run.submit({ email: 'ned@example.com' })
      await run.screen('EMAIL_ACTIVATION_REQUIRED')
      const first = await code(run, 'nodevice')
      await run.click('[data-actionid="resendOtp"]')
      await run.screen('EMAIL_ACTIVATION_REQUIRED')
      const second = await code(run, 'nodevice')
      expect([second !== first, run.emulator.outbox.last('nodevice')?.to]).toEqual([true, 'ned@example.com'])
      await run.submit({ otp: second })
      await run.screen('MFA_COMPLETED')
      await run.screen('COMPLETED')
      expect((await run.outcome()).kind).toBe('success')
    })

    it('too many wrong codes: MFA_FAILED, then cancel ends in FAILED', async () => {
      const run = await open('p1mfa-failed', {
        mfa: { type: 'pingone-mfa', deviceSelection: 'default', maxOtpAttempts: 2 },
      })
      await signOn(run, 'joe')
      await run.screen('OTP_REQUIRED')
      await run.submit({ otp: '000000' })
      await run.screen('OTP_REQUIRED')
      await run.submit({ otp: '000001' })
      await run.screen('MFA_FAILED')
      await run.click('[data-actionid="cancelAuthentication"]')
      await run.screen('FAILED')
      expect(await run.outcome()).toMatchObject({ kind: 'failed', state: { code: 'OTP_ATTEMPTS_LIMIT' } })
    })
  })

  describe('PingID adapter', () => {
    it('device selection, then the SMS code', async () => {
      const run = await open('pingid-sms', { mfa: { type: 'pingid' } })
      await signOn(run, 'joe')
      await run.screen('DEVICE_SELECTION_REQUIRED')
      await run.click('[data-mfa-selection="joe-sms"] .tile-button__title')
      await run.screen('OTP_REQUIRED')
      await run.submit({ otp: await code(run, 'joe') })
      await run.screen('COMPLETED')
      expect((await run.outcome()).kind).toBe('success')
    })

    it('a push that never comes: the app passcode instead ("use passcode")', async () => {
      const run = await open('pingid-passcode', { mfa: { type: 'pingid', pushOutcome: 'never' } })
      await signOn(run, 'ann')
      await run.screen('DEVICE_SELECTION_REQUIRED')
      await run.click('[data-mfa-selection="ann-mobile"] .tile-button__title')
      await run.screen('PUSH_CONFIRMATION_WAITING')
      await run.click('#usePasscode')
      await run.screen('OTP_REQUIRED')
      // The tile posts selectDevice more than once; the newest push's passcode is the one that counts.
      await run.page.waitForLoadState('networkidle')
      const app = run.emulator.outbox.all('ann').findLast((m) => m.channel === 'TOTP')?.otp ?? ''
      await run.submit({ otp: app })
      await run.screen('COMPLETED')
      expect((await run.outcome()).kind).toBe('success')
    })
  })
})
