import { DEMO_PASSWORD, type PingFederateConfig } from '@redirectless/emulator'
import { expect, it, onTestFinished } from 'vitest'
import { describeInChromium, useChromium } from './support/chromium.js'
import { openWidget, type WidgetRun } from './support/widget.js'

// RESUME (issue 12 §2) through Ping's widget: a policy step that is not API-capable. The widget
// hands the page to `resumeUrl`; PingFederate finishes there with the flow's PF cookie and
// redirects to the client's redirect URI with the code; the test reads it from the browser's
// request there (no app listens, so the navigation itself then fails).
describeInChromium('pf-authn-js-widget: RESUME', () => {
  const browser = useChromium()
  const REDIRECT_URI = 'http://localhost:3000/callback'
  const open = async (name: string, pingFederate: Partial<PingFederateConfig>): Promise<WidgetRun> => {
    const run = await openWidget({ browser: browser(), placement: 'cross-site', name, pingFederate })
    onTestFinished(() => run.close())
    return run
  }
  const callback = (run: WidgetRun) =>
    run.page
      .waitForRequest((r) => r.url().startsWith(REDIRECT_URI), { timeout: 10_000 })
      .then((r) => new URL(r.url()))

  it('a non-interactive step: the browser follows resumeUrl to the redirect URI, and the code redeems', async () => {
    const run = await open('resume', { nonApiStep: { interactive: false } })
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    const arrived = callback(run)
    await run.submit({ username: 'joe', password: DEMO_PASSWORD })
    const url = await arrived
    expect(url.searchParams.get('state')).toBe(run.state)
    expect((await run.redeem(url.searchParams.get('code') ?? '')).status).toBe(200)
  })

  it('an interactive step: PingFederate’s own page at resumeUrl, then the redirect URI', async () => {
    const run = await open('resume-interactive', { nonApiStep: {} })
    await run.screen('USERNAME_PASSWORD_REQUIRED')
    await run.submit({ username: 'joe', password: DEMO_PASSWORD })
    await run.page.waitForURL(/\/resume\/as\/authorization\.ping/, { timeout: 10_000 })
    const arrived = callback(run)
    await run.page.click('button', { timeout: 10_000 })
    expect((await arrived).searchParams.get('code')).toEqual(expect.any(String))
  })
})
