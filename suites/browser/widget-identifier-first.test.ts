import { DEMO_PASSWORD } from '@redirectless/emulator'
import { describe, expect, it, onTestFinished } from 'vitest'
import { describeInChromium, useChromium } from './support/chromium.js'
import { openWidget, PLACEMENTS, type Placement } from './support/widget.js'

// Identifier First before the HTML Form adapter (`identifierFirst: true`), through Ping's widget.
describeInChromium('pf-authn-js-widget: Identifier First', () => {
  const browser = useChromium()
  const open = async (placement: Placement, name: string) => {
    const run = await openWidget({
      browser: browser(),
      placement,
      name,
      pingFederate: { identifierFirst: true },
    })
    onTestFinished(() => run.close())
    return run
  }

  describe.each(PLACEMENTS)('%s', (placement) => {
    it('asks for the identifier, then the password; the next login offers the remembered account', async () => {
      const run = await open(placement, 'identifier-first')
      await run.screen('IDENTIFIER_REQUIRED')
      await run.submit({ identifier: 'joe' })
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      expect(await run.page.inputValue('#authnwidget [name="username"]')).toBe('joe')
      await run.submit({ password: DEMO_PASSWORD })
      await run.screen('COMPLETED')
      expect((await run.outcome()).kind).toBe('success')

      // prompt=login skips SSO; the session (the browser's PF cookie) remembers the identifier.
      await run.restart({ prompt: 'login' })
      await run.screen('IDENTIFIER_REQUIRED')
      expect(await run.text()).toContain('joe')
      await run.click('[data-idfirstaction="submitIdentifier"][data-identifier="joe"]')
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      await run.submit({ password: DEMO_PASSWORD })
      await run.screen('COMPLETED')
      expect((await run.outcome()).kind).toBe('success')
    })

    it('forgets a remembered account (clearIdentifier)', async () => {
      const run = await open(placement, 'clear-identifier')
      await run.screen('IDENTIFIER_REQUIRED')
      await run.submit({ identifier: 'ann' })
      await run.screen('USERNAME_PASSWORD_REQUIRED')
      await run.submit({ password: DEMO_PASSWORD })
      await run.screen('COMPLETED')

      await run.restart({ prompt: 'login' })
      await run.screen('IDENTIFIER_REQUIRED')
      await run.click('[data-idfirstaction="clearIdentifier"][data-identifier="ann"]')
      await run.screen('IDENTIFIER_REQUIRED')
      expect(await run.page.locator('#authnwidget [data-identifier="ann"]').count()).toBe(0)
    })

    it('cancel ends the flow in FAILED and calls onAuthorizationFailed', async () => {
      const run = await open(placement, 'cancel-identifier')
      await run.screen('IDENTIFIER_REQUIRED')
      await run.click('[data-actionid="cancelIdentifierSubmission"]')
      await run.screen('FAILED')
      expect(await run.outcome()).toMatchObject({
        kind: 'failed',
        state: { status: 'FAILED', code: 'access_denied' },
      })
    })
  })
})
