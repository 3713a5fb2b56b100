import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator } from '@redirectless/emulator'
import type { Browser, Page } from 'playwright-core'
import { buildSpa } from './server/build.js'
import { type SpaServer, serveSpa } from './server/serve.js'

/** `SPA_SCREENSHOTS=1`: the tests also save each screen for the README. */
const SCREENSHOTS = process.env.SPA_SCREENSHOTS === '1'
const SCREENSHOT_DIR = join(import.meta.dirname, 'screenshots')

/** The built page served against an emulator on loopback HTTP, for one test file. */
export async function startSpa(): Promise<SpaServer> {
  const dir = await mkdtemp(join(tmpdir(), 'redirectless-spa-'))
  await buildSpa(dir)
  const spa = await serveSpa({
    staticDir: dir,
    connect: (origin) => startEmulator({ pingFederate: { allowedOrigins: [origin] } }),
  })
  return {
    ...spa,
    close: async () => {
      await spa.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** A fresh browser context (its own cookies) on the page, and the errors the page throws. */
export async function openSpa(browser: Browser, spa: SpaServer): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 560, height: 640 } })
  const page = await context.newPage()
  page.setDefaultTimeout(8_000)
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(spa.origin)
  return { page, errors }
}

/** Saves the page as `screenshots/{name}.png` when screenshots are asked for. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' })
}
