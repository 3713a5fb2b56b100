import { DEMO_PASSWORD, type PfPushMfaConfig } from '@redirectless/emulator'
import { describe, expect, it, onTestFinished } from 'vitest'
import { describeInChromium, useChromium } from './support/chromium.js'
import { openWidget, PLACEMENTS, type Placement } from './support/widget.js'

// The push step after the password (`mfa: { type: 'push' }`), through Ping's widget. The widget
// reads a waiting push with a GET every second; the emulator lands the outcome after
// `approveAfterPolls` reads.
describeInChromium('pf-authn-js-widget: push MFA', () => {
  const browser = useChromium()
  const toPush = async (placement: Placement, name: string, mfa: PfPushMfaConfig, fakeTimers = false) => {
    const run = await openWidget({ browser: browser(), placement, name, pingFederate: { mfa } })
    onTestFinished(() => run.close())
    // Playwright's clock: timers keep running until the test pauses them.
    if (fakeTimers) await run.page.clock.install()
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    await run.submit({ username: 'joe', password: DEMO_PASSWORD })
    await run.screen('PUSH_CONFIRMATION_WAITING')
    return run
  }

  // The widget polls with the state value of the screen it drew and ignores the ones its reads
  // return: a read leaves the value valid, so this holds even with no grace period at all.
  it.each([
    ['defaults', {}],
    ['strict rotation', { pfCookieGraceSeconds: 0 }],
  ] as const)('cookieless mode (%s): the push wait completes', async (_, rotation) => {
    const run = await openWidget({
      browser: browser(),
      placement: 'cross-site',
      name: 'push-cookieless',
      cookieless: true,
      pingFederate: { ...rotation, mfa: { type: 'push', approveAfterPolls: 3 } },
    })
    onTestFinished(() => run.close())
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    await run.submit({ username: 'joe', password: DEMO_PASSWORD })
    await run.screen('PUSH_CONFIRMATION_WAITING')
    await run.screen('MFA_COMPLETED')
    await run.screen('COMPLETED')
    const outcome = await run.outcome()
    expect(outcome.kind).toBe('success')
    if (outcome.kind === 'success') expect((await run.redeem(outcome.response.code ?? '')).status).toBe(200)
  })

  describe.each(PLACEMENTS)('%s', (placement) => {
    it('approve: waits, then MFA_COMPLETED, which the widget continues to COMPLETED', async () => {
      const run = await toPush(placement, 'push-approve', { type: 'push', approveAfterPolls: 2 })
      await run.screen('MFA_COMPLETED')
      await run.screen('COMPLETED')
      const outcome = await run.outcome()
      expect(outcome.kind).toBe('success')
      if (outcome.kind === 'success') expect((await run.redeem(outcome.response.code ?? '')).status).toBe(200)
    })

    it('deny: PUSH_CONFIRMATION_REJECTED, then cancel ends in FAILED', async () => {
      const run = await toPush(placement, 'push-deny', {
        type: 'push',
        approveAfterPolls: 1,
        outcome: 'reject',
      })
      await run.screen('PUSH_CONFIRMATION_REJECTED')
      await run.click('[data-actionid="cancelAuthentication"]')
      await run.screen('FAILED')
      expect(await run.outcome()).toMatchObject({ kind: 'failed', state: { code: 'access_denied' } })
    })

    it('timeout: PUSH_CONFIRMATION_TIMED_OUT, Retry sends it again, cancel ends in FAILED', async () => {
      const run = await toPush(placement, 'push-timeout', {
        type: 'push',
        approveAfterPolls: 1,
        outcome: 'timeout',
      })
      await run.screen('PUSH_CONFIRMATION_TIMED_OUT')
      await run.click('[data-mfa-selection="push-joe"]')
      await run.screen('PUSH_CONFIRMATION_WAITING')
      await run.screen('PUSH_CONFIRMATION_TIMED_OUT')
      await run.click('[data-actionid="cancelAuthentication"]')
      await run.screen('FAILED')
      expect((await run.outcome()).kind).toBe('failed')
    })

    it('change device: the device list, then a new push to the chosen device is approved', async () => {
      const run = await toPush(placement, 'push-change-device', { type: 'push', approveAfterPolls: 3 }, true)
      // Hold the page's timers so the push cannot land while the test changes device (the widget
      // reads once a second); only the reads the clicks themselves make reach the emulator.
      await run.page.clock.pauseAt(Date.now() + 10)
      await run.click('#changeDevice')
      // The widget draws the device list itself from the flow's `devices`; PF is still waiting.
      await run.screen('DEVICE_SELECTION_REQUIRED')
      expect(await run.text()).toContain('My phone')
      const selections: number[] = []
      run.page.on('response', (r) => {
        if (r.request().headers()['content-type']?.includes('.selectDevice+')) selections.push(r.status())
      })
      // The tile and its inner parts each carry the click handler, so one click posts selectDevice
      // more than once, with one PF value: lenient rotation keeps every one of them in the flow.
      await run.click('[data-mfa-selection="push-joe"] .tile-button__title')
      await run.screen('PUSH_CONFIRMATION_WAITING')
      await run.page.clock.resume()
      await run.screen('COMPLETED')
      expect((await run.outcome()).kind).toBe('success')
      expect(selections).toEqual([200, 200])
    })
  })
})
