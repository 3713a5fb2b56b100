import { DEMO_PASSWORD, type PingFederateConfig } from '@redirectless/emulator'
import { expect, it, onTestFinished } from 'vitest'
import { describeInChromium, useChromium } from './support/chromium.js'
import { openWidget, type WidgetRun } from './support/widget.js'

// The HTML Form adapter's account recovery (issue 12 §2) through Ping's widget: a password reset
// by an e-mailed code, an account unlock, username recovery. The codes come from the emulator's
// outbox, as a user would read them from the e-mail. One placement: the cookie placements are
// proven by widget-password.
describeInChromium('pf-authn-js-widget: account recovery', () => {
  const browser = useChromium()
  const open = async (name: string, pingFederate: Partial<PingFederateConfig>): Promise<WidgetRun> => {
    const run = await openWidget({ browser: browser(), placement: 'cross-site', name, pingFederate })
    onTestFinished(() => run.close())
    return run
  }
  const recovery = { htmlForm: { accountRecovery: true, usernameRecovery: true } }
  const fresh = 'A-reset-passw0rd'

  it('"Forgot password": the username, the e-mailed code (a wrong one first), a new password, sign on', async () => {
    const run = await open('password-reset', recovery)
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    await run.click('[data-actionid="initiateAccountRecovery"]')
    await run.screen('ACCOUNT_RECOVERY_USERNAME_REQUIRED')
    await run.submit({ username: 'ann' })
    await run.screen('RECOVERY_CODE_REQUIRED')
    await run.submit({ recoveryCode: '000000' })
    await run.screen('RECOVERY_CODE_REQUIRED')
    const mail = run.emulator.outbox.last('ann')
    expect([mail?.channel, mail?.to]).toEqual(['EMAIL', 'ann@example.com'])
    await run.submit({ recoveryCode: mail?.otp ?? '' })
    await run.screen('PASSWORD_RESET_REQUIRED')
    await run.submit({ newPassword: fresh, verifyPassword: fresh })
    await run.screen('SUCCESSFUL_PASSWORD_RESET')
    await run.click('[data-actionid="continueAuthentication"]')
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    await run.submit({ username: 'ann', password: fresh })
    await run.screen('COMPLETED')
    expect((await run.outcome()).kind).toBe('success')
  })

  it('a locked account: the recovery code unlocks it (SUCCESSFUL_ACCOUNT_UNLOCK), then sign on', async () => {
    const run = await open('account-unlock', recovery)
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    for (let i = 1; i <= 3; i++) {
      await run.submit({ username: 'lock', password: `wrong-${i}` })
      await run.screen('USERNAME_PASSWORD_REQUIRED')
    }
    await run.click('[data-actionid="initiateAccountRecovery"]')
    await run.screen('ACCOUNT_RECOVERY_USERNAME_REQUIRED')
    await run.submit({ username: 'lock' })
    await run.screen('RECOVERY_CODE_REQUIRED')
    await run.submit({ recoveryCode: run.emulator.outbox.last('lock')?.otp ?? '' })
    await run.screen('SUCCESSFUL_ACCOUNT_UNLOCK')
    await run.click('[data-actionid="continueAuthentication"]')
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    await run.submit({ username: 'lock', password: DEMO_PASSWORD })
    await run.screen('COMPLETED')
    expect((await run.outcome()).kind).toBe('success')
  })

  it('"Forgot username" on the recovery screen: the e-mail address, the username sent there, sign on', async () => {
    const run = await open('username-recovery', recovery)
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    // With account recovery on, the widget's "Trouble Signing On?" starts it; username recovery is
    // the link on its first screen (the sign-on form shows it only without account recovery).
    await run.click('[data-actionid="initiateAccountRecovery"]')
    await run.screen('ACCOUNT_RECOVERY_USERNAME_REQUIRED')
    await run.click('[data-actionid="recoverUsername"]')
    await run.screen('USERNAME_RECOVERY_EMAIL_REQUIRED')
    await run.submit({ email: 'ann@example.com' })
    await run.screen('USERNAME_RECOVERY_EMAIL_SENT')
    expect(run.emulator.outbox.last('ann')?.text).toBe('Your username is ann.')
    await run.click('[data-actionid="continueAuthentication"]')
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    await run.submit({ username: 'ann', password: DEMO_PASSWORD })
    await run.screen('COMPLETED')
  })

  it('"Trouble Signing On?" is username recovery when only that is on', async () => {
    const run = await open('username-recovery-only', { htmlForm: { usernameRecovery: true } })
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    await run.click('[data-actionid="recoverUsername"]')
    await run.screen('USERNAME_RECOVERY_EMAIL_REQUIRED')
    await run.click('[data-actionid="cancelUsernameRecovery"]')
    await run.screen('CANCELED')
  })

  it('cancel the recovery: the widget shows CANCELED', async () => {
    const run = await open('recovery-cancel', recovery)
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    await run.click('[data-actionid="initiateAccountRecovery"]')
    await run.screen('ACCOUNT_RECOVERY_USERNAME_REQUIRED')
    await run.click('[data-actionid="cancelAccountRecovery"]')
    await run.screen('CANCELED')
    expect(await run.text()).toContain('Account Recovery')
  })
})
