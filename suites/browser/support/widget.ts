/**
 * Drives Ping's `@ping-identity/pf-authn-js-widget` in Chromium against `startEmulator()`. A new
 * flow the widget supports takes a test like this (see widget-*.test.ts):
 *
 * ```ts
 * const run = await openWidget({ browser: browser(), placement, name: 'my-flow', pingFederate: { … } })
 * onTestFinished(() => run.close())
 * await run.screen('USERNAME_PASSWORD_REQUIRED') // waits for the widget to draw it, screenshots it
 * await run.submit({ username: 'joe', password: DEMO_PASSWORD }) // fields by name, then #submit
 * await run.click('[data-actionid="continueAuthentication"]')
 * await run.screen('COMPLETED')
 * expect((await run.outcome()).kind).toBe('success') // onAuthorizationSuccess was called
 * ```
 *
 * Field names and `data-actionid`s are the widget's templates' (`src/partials/*.hbs`, in the
 * sources its npm bundle's source map carries).
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Emulator, type FaultRule, type PingFederateConfig, startEmulator } from '@redirectless/emulator'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startWidgetHost, type WidgetHost, type WidgetPageConfig } from './widget-host.js'

/**
 * Where the page sits relative to PingFederate:
 * - `same-origin`: one origin serves both (the host relays PF's paths to the emulator);
 * - `cross-origin`: the page on another port of 127.0.0.1, the same site as PF;
 * - `cross-site`: the page on `localhost`, PF on `127.0.0.1`; the cookie must be `SameSite=None`.
 */
export type Placement = 'same-origin' | 'cross-origin' | 'cross-site'

/** The placements every widget flow runs in; `cross-origin` sits between the two. */
export const PLACEMENTS: readonly Placement[] = ['same-origin', 'cross-site']

/** How the widget ended: its `onAuthorizationSuccess` or `onAuthorizationFailed` callback. */
export type WidgetOutcome =
  | { readonly kind: 'success'; readonly response: Readonly<Record<string, string>> }
  | { readonly kind: 'failed'; readonly state: Readonly<Record<string, unknown>> }

/** One screen the widget rendered. */
export interface Screen {
  readonly status: string
  readonly message?: string
}

export interface OpenWidgetOptions {
  readonly browser: Browser
  readonly placement: Placement
  /** Names the screenshot folder. */
  readonly name: string
  /** The emulator's PingFederate settings; `startEmulator()` defaults otherwise. */
  readonly pingFederate?: Partial<PingFederateConfig>
  /** Faults the emulator starts with (e.g. latency, to hold requests in flight together). */
  readonly faults?: readonly FaultRule[]
  /** Extra redirectless settings (e.g. `login_hint`). */
  readonly authorize?: Readonly<Record<string, string>>
  /** Start through `onAuthorizationRequest` with an authorize URL the test built (the widget's advanced mode). */
  readonly ownAuthorizeRequest?: boolean
  readonly useActionParam?: boolean
  /** Sign in with the emulator's cookieless client, in the widget's cookieless mode. */
  readonly cookieless?: boolean
}

/** A widget in a page, against its own emulator, and what the test drives it with. */
export interface WidgetRun {
  readonly emulator: Emulator
  readonly page: Page
  readonly placement: Placement
  /** The screenshots of this run (a temporary folder, kept for a look after the run). */
  readonly screenshots: string
  /** The `state` the widget sent in the current login. */
  readonly state: string
  /**
   * Waits until the widget renders `status` (on a screen after the last one awaited), screenshots
   * it and returns it. Fails with what the widget showed instead.
   */
  screen(status: string, options?: { readonly timeoutMs?: number }): Promise<Screen>
  /** Every screen so far, in order. */
  screens(): Promise<readonly Screen[]>
  /** Fills the current form's fields by `name`, then clicks `button` (the widget's `#submit`). */
  submit(fields: Readonly<Record<string, string>>, button?: string): Promise<void>
  /** Clicks an element of the widget. */
  click(selector: string): Promise<void>
  /** The text the widget shows, whitespace collapsed. */
  text(): Promise<string>
  /** Waits for the widget's success or failure callback. */
  outcome(options?: { readonly timeoutMs?: number }): Promise<WidgetOutcome>
  /** Redeems a code from a successful outcome with the login's PKCE verifier, as the app would. */
  redeem(code: string): Promise<{ readonly status: number; readonly body: Record<string, unknown> }>
  /**
   * Loads the page again in the same browser (its cookies kept) and starts a new login with a
   * fresh `state` and PKCE pair, plus `authorize` extras such as `prompt: 'login'`.
   */
  restart(authorize?: Readonly<Record<string, string>>): Promise<void>
  close(): Promise<void>
}

const SCREEN_TIMEOUT_MS = 10_000

interface Harness {
  readonly screens: Screen[]
  readonly outcome: WidgetOutcome | undefined
}
declare const window: { __harness?: Harness }

/**
 * Starts an emulator (loopback HTTP, `startEmulator()`), a page host placed as asked, and a fresh
 * browser context (its own cookies) on the widget page, and starts the widget's redirectless
 * login for the emulator's public PKCE client.
 */
export async function openWidget(options: OpenWidgetOptions): Promise<WidgetRun> {
  const { emulator, host, baseUrl } = await place(options.placement, {
    pingFederate: options.pingFederate ?? {},
    faults: options.faults ?? [],
  })
  const context = await options.browser.newContext()
  const cleanup = async () => {
    await context.close().catch(() => {})
    await host.close()
    await emulator.close()
  }
  try {
    const page = await context.newPage()
    const log = watch(context, page)
    const screenshots = mkdtempSync(join(tmpdir(), `redirectless-widget-${slug(options.name)}-`))
    const clientId = options.cookieless
      ? (emulator.pingFederate.cookielessClientId ?? '')
      : emulator.pingFederate.clientId
    let login = newLogin()
    let cursor = 0
    let shots = 0

    const start = async (extra: Readonly<Record<string, string>>) => {
      login = newLogin()
      const authorize = {
        client_id: clientId,
        response_type: 'code',
        scope: 'openid profile email',
        state: login.state,
        code_challenge: login.challenge,
        code_challenge_method: 'S256',
        ...options.authorize,
        ...extra,
      }
      const authorizeUrl = `${baseUrl}/as/authorization.oauth2?${new URLSearchParams({ ...authorize, response_mode: 'pi.flow' })}`
      const config: WidgetPageConfig = {
        baseUrl,
        authorize,
        ...(options.ownAuthorizeRequest ? { authorizeUrl } : {}),
        ...(options.useActionParam ? { useActionParam: true } : {}),
        ...(options.cookieless
          ? { cookieless: true, stateHeaderName: emulator.pingFederate.cookielessStateHeader }
          : {}),
      }
      cursor = 0
      await page.goto(host.pageUrl(config), { timeout: SCREEN_TIMEOUT_MS })
    }

    const screens = async () => (await page.evaluate(() => window.__harness?.screens ?? [])) as Screen[]
    const text = async () =>
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is what the user sees (no hidden spinner text)
      (await page.locator('#authnwidget').innerText({ timeout: 2_000 })).replace(/\s+/g, ' ').trim()
    const explain = async (waitedFor: string) => {
      const seen = await screens().catch(() => [])
      const shown = await text().catch(() => '')
      await page.screenshot({ path: join(screenshots, 'failure.png') }).catch(() => {})
      return [
        `${options.placement}: waited for ${waitedFor}`,
        `screens: ${seen.map((s) => s.status + (s.message ? ` (${s.message})` : '')).join(' → ') || 'none'}`,
        `widget text: ${shown.slice(0, 300)}`,
        ...log.slice(-15),
        `screenshots: ${screenshots}`,
      ].join('\n')
    }

    const run: WidgetRun = {
      emulator,
      page,
      placement: options.placement,
      screenshots,
      get state() {
        return login.state
      },
      screens,
      text,
      async screen(status, { timeoutMs = SCREEN_TIMEOUT_MS } = {}) {
        const index = await page
          .waitForFunction(
            ([wanted, from]) => {
              const all = window.__harness?.screens ?? []
              // An object, as waitForFunction waits for a truthy value and index 0 is not.
              for (let i = from; i < all.length; i++) if (all[i]?.status === wanted) return { i }
              return false
            },
            [status, cursor] as const,
            { timeout: timeoutMs, polling: 50 },
          )
          .then(async (handle) => ((await handle.jsonValue()) as { i: number }).i)
          .catch(async () => {
            throw new Error(await explain(`screen ${status}`))
          })
        cursor = index + 1
        shots += 1
        await page.screenshot({ path: join(screenshots, `${String(shots).padStart(2, '0')}-${status}.png`) })
        return (await screens())[index] ?? { status }
      },
      async submit(fields, button = '#submit') {
        for (const [name, value] of Object.entries(fields)) {
          await page.fill(`#authnwidget [name="${name}"]`, value, { timeout: SCREEN_TIMEOUT_MS })
        }
        await run.click(button)
      },
      async click(selector) {
        await page.click(`#authnwidget ${selector}`, { timeout: SCREEN_TIMEOUT_MS }).catch(async () => {
          throw new Error(await explain(`a clickable ${selector}`))
        })
      },
      async outcome({ timeoutMs = SCREEN_TIMEOUT_MS } = {}) {
        return (await page
          .waitForFunction(() => window.__harness?.outcome ?? false, undefined, {
            timeout: timeoutMs,
            polling: 50,
          })
          .then((handle) => handle.jsonValue())
          .catch(async () => {
            throw new Error(await explain('onAuthorizationSuccess or onAuthorizationFailed'))
          })) as WidgetOutcome
      },
      async redeem(code) {
        const res = await fetch(emulator.pingFederate.endpoints.token, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code,
            client_id: clientId,
            code_verifier: login.verifier,
          }),
          signal: AbortSignal.timeout(5_000),
        })
        return { status: res.status, body: (await res.json()) as Record<string, unknown> }
      },
      restart: (authorize = {}) => start(authorize),
      close: cleanup,
    }
    await start({})
    return run
  } catch (error) {
    await cleanup()
    throw error
  }
}

/** A fresh `state` and PKCE pair for one login. */
function newLogin(): { state: string; verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url')
  return {
    state: randomBytes(8).toString('hex'),
    verifier,
    challenge: createHash('sha256').update(verifier).digest('base64url'),
  }
}

async function place(
  placement: Placement,
  { pingFederate, faults }: { pingFederate: Partial<PingFederateConfig>; faults: readonly FaultRule[] },
): Promise<{ emulator: Emulator; host: WidgetHost; baseUrl: string }> {
  if (placement === 'same-origin') {
    const emulator = await startEmulator({ pingFederate, faults })
    const host = await startWidgetHost({ proxyTo: emulator.pingFederate.baseUrl }).catch(async (error) => {
      await emulator.close()
      throw error
    })
    return { emulator, host, baseUrl: host.origin }
  }
  const host = await startWidgetHost({ hostname: placement === 'cross-site' ? 'localhost' : '127.0.0.1' })
  // The app's origin is an "Additional Allowed Origin" of PF's authentication application.
  const emulator = await startEmulator({
    pingFederate: { ...pingFederate, allowedOrigins: [host.origin] },
    faults,
  }).catch(async (error) => {
    await host.close()
    throw error
  })
  return { emulator, host, baseUrl: emulator.pingFederate.baseUrl }
}

/**
 * Collects what explains a failure: the page's errors and console, failed requests (a request
 * off loopback is one of them: Chromium resolves no other host) and error answers.
 */
function watch(context: BrowserContext, page: Page): string[] {
  const log: string[] = []
  page.on('pageerror', (error) => log.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      log.push(`console.${message.type()}: ${message.text()}`)
  })
  context.on('requestfailed', (request) => log.push(`request failed: ${request.method()} ${request.url()}`))
  context.on('response', (response) => {
    if (response.status() >= 400)
      log.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`)
  })
  return log
}

function slug(name: string): string {
  return name
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
}
