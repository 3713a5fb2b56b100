import { DEMO_PASSWORD } from '@redirectless/emulator'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest'
import { describeInChromium, useChromium } from '../../suites/browser/support/chromium.js'
import { openSpa, screenshot, startSpa } from './harness.js'
import type { SpaServer } from './server/serve.js'
import { FIDO_CREDENTIAL_ID, virtualSecurityKey } from './virtual-authenticator.js'

// The SPA in headless Chromium: PingFederate and PingOne straight from the page (cross-site, on
// the emulator's loopback ports, cookies by the browser), the login_hint_token from the page's
// backend, every screen found by its label or role as a person would find it.
describeInChromium('examples/spa in Chromium', () => {
  const browser = useChromium()
  let spa: SpaServer
  beforeAll(async () => {
    spa = await startSpa()
  }, 30_000)
  afterAll(() => spa?.close())

  const open = async () => {
    const { page, errors } = await openSpa(browser(), spa)
    onTestFinished(async () => {
      // Whatever happened on the screen, the page itself never threw.
      expect(errors).toEqual([])
    })
    await page.getByLabel('Username').waitFor()
    return page
  }
  const signIn = async (page: Page, username: string, password = DEMO_PASSWORD) => {
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
  }
  /** Waits for the screen with this title (the page's one h1). */
  const screen = (page: Page, title: string) =>
    page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor()
  const otpOf = (username: string) => spa.emulator.outbox.last(username)?.otp

  it('joe, with the keyboard alone: password, then the code PingOne texted him', async () => {
    const page = await open()
    await screenshot(page, '1-sign-in')
    // The username field has the focus; Tab and Enter do the rest.
    await page.keyboard.type('joe')
    await page.keyboard.press('Tab')
    await page.keyboard.type(DEMO_PASSWORD)
    await page.keyboard.press('Enter')
    await screen(page, 'Enter your code')
    expect(await page.locator('main').textContent()).toMatch(/We sent a code to Text message: \*+01/)
    await screenshot(page, '3-otp')
    await page.keyboard.type(String(otpOf('joe')))
    await page.keyboard.press('Enter')
    await screen(page, 'Welcome, joe')
    expect(await page.locator('dl').textContent()).toMatch(/sms, mfa/)
    await screenshot(page, '8-signed-in')
    // The page keeps nothing: no token, no code in storage; Ping's cookies are Ping's.
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0)
  })

  it('a wrong password is refused on the form, then the right one goes on', async () => {
    const page = await open()
    await signIn(page, 'joe', 'not-the-password')
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toBe('That username and password do not match. Try again.')
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true')
    // The refused password's field has the focus again, emptied.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password')
    await screenshot(page, '2-wrong-password')
    await page.getByLabel('Password').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await screen(page, 'Enter your code')
    await page.getByLabel('One-time code').fill(String(otpOf('joe')))
    await page.getByRole('button', { name: 'Verify' }).click()
    await screen(page, 'Welcome, joe')
  })

  it('ann chooses her authenticator app and types its code', async () => {
    const page = await open()
    await signIn(page, 'ann')
    await screen(page, "Verify it's you")
    await screenshot(page, '4-device-selection')
    const before = spa.emulator.outbox.all('ann').length
    // Keyboard again: the heading has the focus, the first device button is the next stop.
    await page.getByRole('button', { name: /Authenticator app/ }).focus()
    await page.keyboard.press('Enter')
    await screen(page, 'Enter your code')
    await expect.poll(() => spa.emulator.outbox.all('ann').length).toBeGreaterThan(before)
    const right = String(otpOf('ann'))
    await page.getByLabel('One-time code').fill(right === '000000' ? '000001' : '000000')
    await page.getByRole('button', { name: 'Verify' }).click()
    await page.getByRole('alert').waitFor()
    expect(await page.getByRole('alert').textContent()).toBe(
      'That code is not right. Check it and try again.',
    )
    await page.getByLabel('One-time code').fill(String(otpOf('ann')))
    await page.getByRole('button', { name: 'Verify' }).click()
    await screen(page, 'Welcome, ann')
    expect(await page.locator('dl').textContent()).toMatch(/otp, mfa/)
  })

  /** ann, signed in, at the device list, then on "Check your phone" with a push pending. */
  const annWaitingForPush = async () => {
    const page = await open()
    await signIn(page, 'ann')
    await screen(page, "Verify it's you")
    await page.getByRole('button', { name: /Push notification/ }).click()
    await screen(page, 'Check your phone')
    await expect.poll(() => spa.emulator.push.pending(), { timeout: 5_000 }).toContain('ann')
    expect(await page.getByRole('status').textContent()).toMatch(/approve the sign-in on your phone/)
    return page
  }

  it('ann approves the push on her phone while the page waits', async () => {
    const page = await annWaitingForPush()
    await screenshot(page, '5-push-waiting')
    expect(spa.emulator.push.approve('ann')).toBe(true)
    await screen(page, 'Welcome, ann')
  })

  it('ann denies the push: the sign-in fails, saying why, and starts over', async () => {
    const page = await annWaitingForPush()
    expect(spa.emulator.push.deny('ann')).toBe(true)
    await screen(page, 'Sign-in failed')
    expect(await page.getByRole('alert').textContent()).toBe('The sign-in was denied on your phone.')
    await screenshot(page, '7-failed')
    // PingFederate still knows her (its session cookie): starting over goes straight to PingOne.
    await page.getByRole('button', { name: 'Start over' }).click()
    await screen(page, "Verify it's you")
  })

  it('the push times out, "Send it again" sends another, and that one is approved', async () => {
    const page = await annWaitingForPush()
    expect(spa.emulator.push.timeout('ann')).toBe(true)
    await screen(page, 'The notification expired')
    await screenshot(page, '6-push-timed-out')
    await page.getByRole('button', { name: 'Send it again' }).click()
    await screen(page, 'Check your phone')
    await expect.poll(() => spa.emulator.push.pending(), { timeout: 5_000 }).toContain('ann')
    spa.emulator.push.approve('ann')
    await screen(page, 'Welcome, ann')
  })

  it('cancel mid-push: the push is withdrawn at PingOne, and the page offers a new sign-in', async () => {
    const page = await annWaitingForPush()
    await page.getByRole('button', { name: 'Cancel sign-in' }).click()
    await screen(page, 'Sign-in cancelled')
    await expect.poll(() => spa.emulator.push.pending(), { timeout: 5_000 }).not.toContain('ann')
    await page.getByRole('button', { name: 'Start over' }).click()
    await screen(page, "Verify it's you")
  })

  it('"Use another device" stops the push and goes back to the list; the authenticator app then does', async () => {
    const page = await annWaitingForPush()
    await page.getByRole('button', { name: 'Use another device' }).click()
    await screen(page, "Verify it's you")
    await expect.poll(() => spa.emulator.push.pending(), { timeout: 5_000 }).not.toContain('ann')
    await page.getByRole('button', { name: /Authenticator app/ }).click()
    await screen(page, 'Enter your code')
    await expect.poll(() => otpOf('ann'), { timeout: 5_000 }).toBeDefined()
    await page.getByLabel('One-time code').fill(String(otpOf('ann')))
    await page.getByRole('button', { name: 'Verify' }).click()
    await screen(page, 'Welcome, ann')
  })

  it('fido: the browser signs in with its security key (a CDP virtual authenticator) through navigator.credentials.get', async () => {
    const page = await open()
    const pkcs8 = spa.emulator.fido.privateKeyPkcs8(FIDO_CREDENTIAL_ID)
    if (!pkcs8) throw new Error('the emulator has no FIDO2 device with this credential id')
    const key = await virtualSecurityKey(page, FIDO_CREDENTIAL_ID, pkcs8)
    const posted = page.waitForRequest(
      (r) => r.method() === 'POST' && /assertion\.check/.test(r.headers()['content-type'] ?? ''),
    )
    await signIn(page, 'fido')
    await screen(page, 'Use your security key')
    await screenshot(page, '9-security-key')
    await page.getByRole('button', { name: 'Use security key' }).click()
    // What the page sent is a real WebAuthn assertion for this page's origin, signed by the key.
    const body = JSON.parse((await posted).postData() ?? '{}') as { origin?: string; assertion?: string }
    expect(body.origin).toBe(spa.origin)
    expect(key.verify(body.assertion ?? '')).toEqual({
      type: 'webauthn.get',
      origin: spa.origin,
      signed: true,
    })
    expect(await key.signCount()).toBe(1)
    // The emulator checks it against the device's key, the one the browser holds: signed in.
    await screen(page, 'Welcome, fido')
  })
})
