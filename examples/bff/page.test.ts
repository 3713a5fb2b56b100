import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { DEMO_PASSWORD, type Emulator, startEmulator } from '@redirectless/emulator'
import { loginHintTokenFromSecret } from '@redirectless/orchestrator'
import { createPingFederateClient } from '@redirectless/pingfederate'
import { createPingOneClient } from '@redirectless/pingone'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest'
import { describeInChromium, useChromium } from '../../suites/browser/support/chromium.js'
import { createBffApp } from './app.js'

/** The BFF on loopback HTTP against the emulator; the page is served by the BFF itself. */
async function startBff(): Promise<{ origin: string; emu: Emulator; close(): Promise<void> }> {
  const emu = await startEmulator()
  let app: ReturnType<typeof createBffApp> | undefined
  const server = serve({
    fetch: (request) => (app ? app.fetch(request) : new Response('starting', { status: 503 })),
    hostname: '127.0.0.1',
    port: 0,
  })
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', resolve)))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  app = createBffApp({
    sealingKey: 'test sealing passphrase, 32+ characters long',
    origins: [origin],
    secureCookies: false,
    longPollMs: 2_000,
    login: {
      pingFederate: createPingFederateClient({
        baseUrl: emu.pingFederate.baseUrl,
        clientId: emu.pingFederate.clientId,
      }),
      pingOne: createPingOneClient({
        authBaseUrl: emu.pingOne.authBaseUrl,
        environmentId: emu.pingOne.environmentId,
        clientId: emu.pingOne.clientId,
        clientSecret: emu.pingOne.clientSecret,
      }),
      loginHintToken: loginHintTokenFromSecret({
        issuer: emu.pingOne.loginHintIssuer.clientId,
        secret: emu.pingOne.loginHintIssuer.secret,
        audience: emu.pingOne.issuer,
      }),
      pingOneParams: { acrValues: emu.pingOne.mfaOnlyAcrValues },
    },
  })
  return {
    origin,
    emu,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        if ('closeAllConnections' in server) server.closeAllConnections()
      })
      await emu.close()
    },
  }
}

// The BFF's own page in headless Chromium: the browser talks to the BFF only (same origin,
// SameSite=Strict cookies), the BFF to PingFederate and PingOne.
describeInChromium('examples/bff page in Chromium', () => {
  const browser = useChromium()
  let bff: Awaited<ReturnType<typeof startBff>>
  beforeAll(async () => {
    bff = await startBff()
  }, 20_000)
  afterAll(() => bff?.close())

  const open = async () => {
    const context = await browser().newContext()
    const page = await context.newPage()
    page.setDefaultTimeout(8_000)
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    // Every answer the page gets: none may carry a token or a Ping cookie.
    const bodies: string[] = []
    page.on('response', async (r) => {
      if (r.url().startsWith(`${bff.origin}/login/`)) bodies.push(await r.text().catch(() => ''))
    })
    onTestFinished(async () => {
      await context.close()
      expect(errors).toEqual([])
      expect(bodies.join('\n')).not.toMatch(/eyJ[\w-]+\.eyJ|access_token|"PF=|ST=/)
    })
    await page.goto(bff.origin)
    await page.getByLabel('Username').waitFor()
    return page
  }
  const screen = (page: Page, title: string) =>
    page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor()
  const signIn = async (page: Page, username: string, password = DEMO_PASSWORD) => {
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
  }

  it('joe: a wrong password is refused on the form, then the right one and the texted code sign him in', async () => {
    const page = await open()
    await signIn(page, 'joe', 'not-the-password')
    await page.getByRole('alert').waitFor()
    expect(await page.getByRole('alert').textContent()).toBe(
      'That username and password do not match. Try again.',
    )
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password')
    // Keyboard only from here: the password field has the focus.
    await page.keyboard.type(DEMO_PASSWORD)
    await page.keyboard.press('Enter')
    await screen(page, 'Enter your code')
    await page.keyboard.type(String(bff.emu.outbox.last('joe')?.otp))
    await page.keyboard.press('Enter')
    await screen(page, 'Welcome, joe')
    // The BFF's own session, from its sealed cookie.
    expect(await page.evaluate(async () => (await fetch('/me')).json())).toMatchObject({ sub: 'joe' })
  })

  it('ann: picks the push, the page long-polls, she approves on her phone', async () => {
    const page = await open()
    await signIn(page, 'ann')
    await screen(page, "Verify it's you")
    await page.getByRole('button', { name: /Push notification/ }).click()
    await screen(page, 'Check your phone')
    await expect.poll(() => bff.emu.push.pending(), { timeout: 5_000 }).toContain('ann')
    // Past one long poll (2 s here): the page asks again, still waiting.
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    expect(bff.emu.push.approve('ann')).toBe(true)
    await screen(page, 'Welcome, ann')
  })

  it('ann cancels while the push waits: the page gets the login back from the wait and cancels it', async () => {
    const page = await open()
    await signIn(page, 'ann')
    await screen(page, "Verify it's you")
    await page.getByRole('button', { name: /Push notification/ }).click()
    await screen(page, 'Check your phone')
    await page.getByRole('button', { name: 'Cancel sign-in' }).click()
    await screen(page, 'Sign-in cancelled')
    expect(bff.emu.push.pending()).not.toContain('ann')
  })
})
