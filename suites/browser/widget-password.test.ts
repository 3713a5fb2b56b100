import { DEMO_PASSWORD } from '@redirectless/emulator'
import { describe, expect, it, onTestFinished } from 'vitest'
import { describeInChromium, useChromium } from './support/chromium.js'
import { type OpenWidgetOptions, openWidget, PLACEMENTS, type Placement } from './support/widget.js'

// Ping's pf-authn-js-widget (npm 1.11.0) in headless Chromium against startEmulator() over plain
// HTTP: the HTML Form adapter's screens. Each placement runs every flow (issue 12 §1).
describeInChromium('pf-authn-js-widget: username and password', () => {
  const browser = useChromium()
  const open = async (placement: Placement, name: string, options: Partial<OpenWidgetOptions> = {}) => {
    const run = await openWidget({ browser: browser(), placement, name, ...options })
    onTestFinished(() => run.close())
    return run
  }

  describe.each(PLACEMENTS)('%s', (placement) => {
    it('signs in, and the code redeems; a second login is SSO through the browser’s PF cookie', async () => {
      const run = await open(placement, 'password')
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      await run.submit({ username: 'joe', password: DEMO_PASSWORD })
      await run.screen('COMPLETED')
      const outcome = await run.outcome()
      expect(outcome).toEqual({ kind: 'success', response: { code: expect.any(String), state: run.state } })
      if (outcome.kind !== 'success') return
      const tokens = await run.redeem(outcome.response.code ?? '')
      expect(tokens.status).toBe(200)
      expect(tokens.body).toMatchObject({ token_type: 'Bearer', id_token: expect.any(String) })

      await run.restart()
      await run.screen('COMPLETED')
      expect(await run.outcome()).toMatchObject({ kind: 'success', response: { state: run.state } })
    })

    it('shows the error for a wrong password and signs in with the right one', async () => {
      const run = await open(placement, 'wrong-then-right')
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      await run.submit({ username: 'joe', password: 'not-the-password' })
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      expect(await run.text()).toContain("We didn't recognize the username or password")
      // The widget clears the form after an error, as a user would see it.
      await run.submit({ username: 'joe', password: DEMO_PASSWORD })
      await run.screen('COMPLETED')
      expect((await run.outcome()).kind).toBe('success')
    })

    it('keeps the flow through a double click (two requests with one PF value)', async () => {
      // Both POSTs are held together at the emulator, so the second is read after the first has
      // rotated the cookie: it carries a superseded value, which lenient rotation still accepts.
      const run = await open(placement, 'double-click', {
        faults: [{ fault: { kind: 'latency', ms: 300 }, route: 'flow', method: 'POST', times: 2 }],
      })
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      await run.page.fill('#authnwidget [name="username"]', 'joe')
      await run.page.fill('#authnwidget [name="password"]', 'not-the-password')
      const answers: number[] = []
      run.page.on('response', (r) => {
        if (r.request().method() === 'POST') answers.push(r.status())
      })
      await run.page.dblclick('#authnwidget #submit')
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      // Both were wrong-password answers; strict rotation would have made the second a 404 and
      // left the widget without a flow.
      expect(answers).toEqual([400, 400])
      await run.submit({ username: 'joe', password: DEMO_PASSWORD })
      await run.screen('COMPLETED')
      expect((await run.outcome()).kind).toBe('success')
    })

    it('must change password: changes it, continues, and the new password then signs in', async () => {
      const run = await open(placement, 'must-change-password')
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      await run.submit({ username: 'carl', password: DEMO_PASSWORD })
      await run.screen('MUST_CHANGE_PASSWORD')
      const fresh = 'Brand-new-2FederateM0re'
      await run.submit({ existingPassword: DEMO_PASSWORD, newPassword: fresh, verifyPassword: fresh })
      await run.screen('SUCCESSFUL_PASSWORD_CHANGE')
      await run.click('[data-actionid="continueAuthentication"]')
      await run.screen('COMPLETED')
      expect((await run.outcome()).kind).toBe('success')

      await run.restart({ prompt: 'login' })
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      await run.submit({ username: 'carl', password: fresh })
      await run.screen('COMPLETED')
      expect((await run.outcome()).kind).toBe('success')
    })

    it('lockout (defaults): after 3 wrong passwords the right one is refused like a wrong one', async () => {
      const run = await open(placement, 'lockout')
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      for (let i = 0; i < 3; i++) {
        await run.submit({ username: 'lock', password: `wrong-${i}` })
        await run.screen('USERNAME_PASSWORD_REQUIRED')
      }
      await run.submit({ username: 'lock', password: DEMO_PASSWORD })
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      expect(await run.text()).toContain("We didn't recognize the username or password")

      // Once the lockout period (60 s) is over, the right password works in the same flow.
      run.emulator.clock.advance(61_000)
      await run.submit({ username: 'lock', password: DEMO_PASSWORD })
      await run.screen('COMPLETED')
      expect((await run.outcome()).kind).toBe('success')
    })

    it("lockout with answer 'failed': the widget ends in FAILED and calls onAuthorizationFailed", async () => {
      const run = await open(placement, 'lockout-failed', {
        pingFederate: { lockout: { answer: 'failed', maxFailedAttempts: 2 } },
      })
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      await run.submit({ username: 'lock', password: 'wrong-1' })
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      // The attempt that locks the account ends the flow.
      await run.submit({ username: 'lock', password: 'wrong-2' })
      await run.screen('FAILED')
      expect(await run.text()).toContain('Your account is locked')
      expect(await run.outcome()).toMatchObject({
        kind: 'failed',
        state: { status: 'FAILED', code: 'ACCOUNT_LOCKED_OUT' },
      })
    })

    it('with useActionParam (?action= and application/json) signs in', async () => {
      const run = await open(placement, 'use-action-param', { useActionParam: true })
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      const posted = run.page.waitForRequest((r) => r.method() === 'POST')
      await run.submit({ username: 'ann', password: DEMO_PASSWORD })
      const request = await posted
      expect(new URL(request.url()).searchParams.get('action')).toBe('checkUsernamePassword')
      expect(request.headers()['content-type']).toBe('application/json')
      await run.screen('COMPLETED')
      expect((await run.outcome()).kind).toBe('success')
    })

    it('cookieless mode (the widget echoes _pf_authn_api_state in a header) signs in', async () => {
      const run = await open(placement, 'cookieless', { cookieless: true })
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      await run.submit({ username: 'joe', password: 'not-the-password' })
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      await run.submit({ username: 'joe', password: DEMO_PASSWORD })
      await run.screen('COMPLETED')
      const outcome = await run.outcome()
      expect(outcome.kind).toBe('success')
      if (outcome.kind === 'success') expect((await run.redeem(outcome.response.code ?? '')).status).toBe(200)
    })

    it('started by the app’s own authorization request (onAuthorizationRequest) signs in', async () => {
      const run = await open(placement, 'own-authorize', {
        ownAuthorizeRequest: true,
        // A value the widget's own encodeURI would corrupt; the app's URLSearchParams does not.
        authorize: { login_hint: 'ann&co=1' },
      })
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      expect(await run.page.inputValue('#authnwidget [name="username"]')).toBe('ann&co=1')
      await run.submit({ username: 'ann', password: DEMO_PASSWORD })
      await run.screen('COMPLETED')
      expect((await run.outcome()).kind).toBe('success')
    })
  })
})
