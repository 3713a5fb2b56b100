import { accessSync, constants } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'

/**
 * Debian's `chromium-headless-shell` (TOOLCHAIN.md); `REDIRECTLESS_CHROMIUM` points elsewhere,
 * e.g. at a Chromium on a developer's machine.
 */
export const CHROMIUM_PATH = process.env.REDIRECTLESS_CHROMIUM ?? '/usr/bin/chromium-headless-shell'

/** How to get the browser on a machine like CI's. */
export const CHROMIUM_INSTALL = 'apt-get install -y --no-install-recommends chromium-headless-shell'

const FLAGS = [
  // Root in a container has no usable sandbox; the pages are our own, on loopback.
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Only loopback: any other host name fails to resolve, so nothing leaves the machine even if a
  // page asked for it (the widget's default logo is on a CDN, for one).
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
]

/** Why the browser cannot run here, or undefined when it can. */
export function chromiumMissing(): string | undefined {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK)
    return undefined
  } catch {
    return `Chromium not found at ${CHROMIUM_PATH} (${CHROMIUM_INSTALL})`
  }
}

/** `CI` set to anything but `0`/`false`, as CI services and `.ci/run` do. */
export function isCI(): boolean {
  const value = process.env.CI?.trim().toLowerCase()
  return value !== undefined && value !== '' && value !== '0' && value !== 'false'
}

/**
 * `describe` for tests that need Chromium. Without the browser, CI fails with a test saying what
 * is missing and how to install it; elsewhere the suite is skipped, loudly, so a developer sees
 * that the browser tests did not run.
 */
export function describeInChromium(name: string, body: () => void): void {
  const missing = chromiumMissing()
  if (missing === undefined) {
    describe(name, body)
    return
  }
  if (isCI()) {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`${missing}: the browser tests must run in CI. .ci/run installs it when run as root.`)
      })
    })
    return
  }
  console.warn(`[browser tests] SKIPPED "${name}": ${missing}. They fail instead when CI=true.`)
  describe.skip(`${name} — SKIPPED: ${missing}`, body)
}

/** Launches headless Chromium with the flags TOOLCHAIN.md lists, bounded in time. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true, timeout: 15_000 })
}

/**
 * One Chromium for the calling test file, launched before its tests and closed after them.
 * Returns the getter the tests call.
 */
export function useChromium(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    if (chromiumMissing() === undefined) browser = await launchChromium()
  }, 30_000)
  afterAll(async () => {
    await browser?.close()
  })
  return () => {
    if (!browser) throw new Error('Chromium was not launched')
    return browser
  }
}
