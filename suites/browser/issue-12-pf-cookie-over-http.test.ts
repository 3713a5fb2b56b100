import { DEMO_PASSWORD } from '@redirectless/emulator'
import { expect, it, onTestFinished } from 'vitest'
import { describeInChromium, useChromium } from './support/chromium.js'
import { openWidget, type Placement } from './support/widget.js'

// Issue 12 §1: over plain HTTP the emulator set `PF` with `SameSite=None` and no `Secure`, which
// Chromium drops (TOOLCHAIN pitfall 13), so every flow 404ed after its first step and the widget
// just drew the form again.
describeInChromium('issue 12: the PF cookie over plain HTTP in Chromium', () => {
  const browser = useChromium()

  it.each<Placement>(['same-origin', 'cross-origin', 'cross-site'])(
    '%s: the browser keeps PF (SameSite=None; Secure on loopback) and the flow goes on',
    async (placement) => {
      const run = await openWidget({ browser: browser(), placement, name: `issue-12-${placement}` })
      onTestFinished(() => run.close())
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      const cookies = await run.page.context().cookies()
      expect(cookies).toEqual([expect.objectContaining({ name: 'PF', sameSite: 'None', secure: true })])
      await run.submit({ username: 'joe', password: DEMO_PASSWORD })
      await run.screen('COMPLETED')
      expect((await run.outcome()).kind).toBe('success')
    },
  )

  it('with the old attributes the browser drops PF and the next step 404s (what the fix fixed)', async () => {
    const run = await openWidget({
      browser: browser(),
      placement: 'same-origin',
      name: 'issue-12-old-attributes',
      pingFederate: { pfCookieAttributes: { sameSite: 'None', secure: false } },
    })
    onTestFinished(() => run.close())
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    expect(await run.page.context().cookies()).toEqual([])
    const answer = run.page.waitForResponse((r) => r.request().method() === 'POST')
    await run.submit({ username: 'joe', password: DEMO_PASSWORD })
    expect((await answer).status()).toBe(404)
  })
})
