import { DEMO_PASSWORD, defaultPingFederateConfig, type PingFederateConfig } from '@redirectless/emulator'
import { expect, it, onTestFinished } from 'vitest'
import { describeInChromium, useChromium } from './support/chromium.js'
import { openWidget, type WidgetRun } from './support/widget.js'

// The HTML Form adapter's password management (issue 12 §2) through Ping's widget: a change the
// user asks for, and a password about to expire. One placement: the cookie placements are proven
// by widget-password.
describeInChromium('pf-authn-js-widget: password management', () => {
  const browser = useChromium()
  const open = async (name: string, pingFederate: Partial<PingFederateConfig>): Promise<WidgetRun> => {
    const run = await openWidget({ browser: browser(), placement: 'cross-site', name, pingFederate })
    onTestFinished(() => run.close())
    return run
  }
  const fresh = 'A-new-passw0rd-for-ann'

  it('"Change password" on the sign-on form: current credentials, a new password, then sign on with it', async () => {
    const run = await open('password-change', { htmlForm: { passwordChange: true } })
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    await run.click('[data-actionid="initiatePasswordChange"]')
    await run.screen('CURRENT_CREDENTIALS_REQUIRED')
    await run.submit({ username: 'ann', password: 'not-the-password' })
    await run.screen('CURRENT_CREDENTIALS_REQUIRED')
    await run.submit({ username: 'ann', password: DEMO_PASSWORD })
    await run.screen('NEW_PASSWORD_REQUIRED')
    await run.submit({ newPassword: fresh, verifyPassword: fresh })
    await run.screen('SUCCESSFUL_PASSWORD_CHANGE')
    await run.click('[data-actionid="continueAuthentication"]')
    await run.screen('COMPLETED')
    expect((await run.outcome()).kind).toBe('success')

    await run.restart({ prompt: 'login' })
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    await run.submit({ username: 'ann', password: fresh })
    await run.screen('COMPLETED')
  })

  it('cancel during the change: the widget shows CANCELED (Change Password)', async () => {
    const run = await open('password-change-cancel', { htmlForm: { passwordChange: true } })
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    await run.click('[data-actionid="initiatePasswordChange"]')
    await run.screen('CURRENT_CREDENTIALS_REQUIRED')
    await run.click('[data-actionid="cancelPasswordChange"]')
    await run.screen('CANCELED')
    expect(await run.text()).toContain('Change Password')
  })

  const expiring = defaultPingFederateConfig.users.map((u) =>
    u.username === 'joe' ? { ...u, passwordExpiresInDays: 2 } : u,
  )

  it('a password about to expire: NEW_PASSWORD_RECOMMENDED, kept for now', async () => {
    const run = await open('password-recommended-keep', { users: expiring })
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    await run.submit({ username: 'joe', password: DEMO_PASSWORD })
    await run.screen('NEW_PASSWORD_RECOMMENDED')
    expect(await run.text()).toContain('in 2 days')
    await run.click('[data-actionid="continueAuthentication"]')
    await run.screen('COMPLETED')
    expect((await run.outcome()).kind).toBe('success')
  })

  it('a password about to expire: changed now', async () => {
    const run = await open('password-recommended-change', { users: expiring })
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    await run.submit({ username: 'joe', password: DEMO_PASSWORD })
    await run.screen('NEW_PASSWORD_RECOMMENDED')
    await run.click('[data-actionid="initiatePasswordChange"]')
    await run.screen('NEW_PASSWORD_REQUIRED')
    await run.submit({ newPassword: fresh, verifyPassword: fresh })
    await run.screen('SUCCESSFUL_PASSWORD_CHANGE')
    await run.click('[data-actionid="continueAuthentication"]')
    await run.screen('COMPLETED')
    expect((await run.outcome()).kind).toBe('success')
  })
})
