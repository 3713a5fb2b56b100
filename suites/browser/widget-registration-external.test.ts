import type { PingFederateConfig } from '@redirectless/emulator'
import { expect, it, onTestFinished } from 'vitest'
import { describeInChromium, useChromium } from './support/chromium.js'
import { openWidget, type WidgetRun } from './support/widget.js'

// Registration and external (social) authentication in a pop-up (issue 12 §2) through Ping's
// widget. One placement: the cookie placements are proven by widget-password.
describeInChromium('pf-authn-js-widget: registration and external authentication', () => {
  const browser = useChromium()
  const open = async (name: string, pingFederate: Partial<PingFederateConfig>): Promise<WidgetRun> => {
    const run = await openWidget({ browser: browser(), placement: 'cross-site', name, pingFederate })
    onTestFinished(() => run.close())
    return run
  }

  it('"Register Now": the form the fields describe, then the new account is signed on', async () => {
    const run = await open('registration', { htmlForm: { registration: true } })
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    await run.click('[data-actionid="initiateRegistration"]')
    await run.screen('REGISTRATION_REQUIRED')
    await run.submit({
      username: 'neo',
      email: 'neo@example.com',
      givenName: 'Thomas',
      password: 'A-good-passw0rd',
      // The widget's "Verify New Password"; Save stays disabled until both match.
      newpassword: 'A-good-passw0rd',
    })
    await run.screen('COMPLETED')
    const outcome = await run.outcome()
    expect(outcome.kind).toBe('success')
    if (outcome.kind !== 'success') return
    const { body } = await run.redeem(outcome.response.code ?? '')
    const claims = JSON.parse(Buffer.from(String(body.id_token).split('.')[1] ?? '', 'base64url').toString())
    expect([claims.sub, claims.email, claims.given_name]).toEqual(['neo', 'neo@example.com', 'Thomas'])
  })

  it('a social sign-on in a pop-up: the widget waits for it to close, then continues by itself', async () => {
    const run = await open('external-popup', {
      externalSources: [{ name: 'Emulator Social', username: 'ann' }],
    })
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    const popup = run.page.context().waitForEvent('page', { timeout: 10_000 })
    await run.click('[data-id="social-button"]')
    await run.screen('EXTERNAL_AUTHENTICATION_REQUIRED')
    const page = await popup
    await page.click('button[value="success"]', { timeout: 10_000 })
    await run.screen('EXTERNAL_AUTHENTICATION_COMPLETED')
    await run.screen('COMPLETED')
    const outcome = await run.outcome()
    expect(outcome.kind).toBe('success')
  })

  it('the pop-up cancelled: EXTERNAL_AUTHENTICATION_FAILED', async () => {
    const run = await open('external-popup-cancel', {
      externalSources: [{ name: 'Emulator Social', username: 'ann' }],
    })
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    const popup = run.page.context().waitForEvent('page', { timeout: 10_000 })
    await run.click('[data-id="social-button"]')
    await run.screen('EXTERNAL_AUTHENTICATION_REQUIRED')
    await (await popup).click('button[value="failure"]', { timeout: 10_000 })
    await run.screen('EXTERNAL_AUTHENTICATION_FAILED')
  })
})
