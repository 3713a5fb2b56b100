import type { EmulatorOptions } from '../../src/config.js'
import { createEmulator, type Emulator } from '../../src/emulator.js'
import { DEMO_PASSWORD, type PingFederateConfig } from '../../src/pingfederate/index.js'
import { s256 } from '../../src/pingfederate/pkce.js'

/** A JSON body as the tests read it. */
// biome-ignore lint/suspicious/noExplicitAny: test bodies are probed field by field
export type Json = Record<string, any>

/** The smallest cookie jar that keeps the latest value of each cookie, like a real one. */
export class Jar {
  readonly values = new Map<string, string>()

  update(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? ''
      const eq = pair.indexOf('=')
      this.values.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim())
    }
  }

  header(): string {
    return [...this.values].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  get(name: string): string | undefined {
    return this.values.get(name)
  }
}

export interface Call {
  readonly res: Response
  readonly body: Json
}

/** A client session against one emulator: its fetch and one cookie jar. */
export class Browser {
  readonly jar = new Jar()
  constructor(
    readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>,
    readonly baseUrl: string,
  ) {}

  async send(url: string, init: RequestInit = {}, useJar = true): Promise<Call> {
    const headers = new Headers(init.headers)
    if (useJar && this.jar.values.size > 0 && !headers.has('cookie')) headers.set('cookie', this.jar.header())
    const res = await this.fetch(url, { ...init, headers })
    if (useJar) this.jar.update(res)
    const text = await res.text()
    return { res, body: text ? (JSON.parse(text) as Json) : {} }
  }

  /** GET /as/authorization.oauth2 with `response_mode=pi.flow` added. */
  authorize(params: Record<string, string>): Promise<Call> {
    const query = new URLSearchParams({ response_mode: 'pi.flow', ...params })
    return this.send(`${this.baseUrl}/as/authorization.oauth2?${query}`)
  }

  /** GET a flow with the X-XSRF-Header. */
  read(href: string, headers: Record<string, string> = {}): Promise<Call> {
    return this.send(href, {
      headers: { 'x-xsrf-header': 'PingFederate', accept: 'application/json', ...headers },
    })
  }

  /** POST an action with the vendor content type (or `?action=` when `useActionParam`). */
  act(
    href: string,
    action: string,
    body?: unknown,
    options: { headers?: Record<string, string>; useActionParam?: boolean } = {},
  ): Promise<Call> {
    const url = options.useActionParam ? `${href}?action=${action}` : href
    const contentType = options.useActionParam
      ? 'application/json'
      : `application/vnd.pingidentity.${action}+json`
    return this.send(url, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-xsrf-header': 'PingFederate',
        accept: 'application/json',
        ...options.headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  }

  /** POST to the token endpoint. */
  token(form: Record<string, string>, headers: Record<string, string> = {}): Promise<Call> {
    return this.send(
      `${this.baseUrl}/as/token.oauth2`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(form).toString(),
      },
      false,
    )
  }
}

export interface Pkce {
  readonly verifier: string
  readonly challenge: string
}

export async function pkce(): Promise<Pkce> {
  const verifier = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')
  return { verifier, challenge: await s256(verifier) }
}

/** An in-process emulator with PingFederate overrides. */
export function emulator(
  pingFederate: Partial<PingFederateConfig> = {},
  options: EmulatorOptions = {},
): Emulator {
  return createEmulator({ ...options, pingFederate })
}

export function browser(emu: Emulator): Browser {
  return new Browser(emu.fetch, emu.pingFederate.baseUrl)
}

/** Authorize parameters for the public demo client with a fresh PKCE pair. */
export async function demoParams(
  extra: Record<string, string> = {},
): Promise<{ params: Record<string, string>; pkce: Pkce }> {
  const pair = await pkce()
  return {
    pkce: pair,
    params: {
      client_id: 'redirectless-demo',
      response_type: 'code',
      scope: 'openid profile email',
      code_challenge: pair.challenge,
      code_challenge_method: 'S256',
      state: 'st-123',
      nonce: 'n-456',
      ...extra,
    },
  }
}

/** Starts a flow and signs `username` in with the password; returns the COMPLETED call. */
export async function signIn(
  b: Browser,
  username = 'joe',
  extra: Record<string, string> = {},
): Promise<{ completed: Call; pkce: Pkce }> {
  const { params, pkce: pair } = await demoParams(extra)
  const start = await b.authorize(params)
  const completed = await b.act(start.body._links.self.href, 'checkUsernamePassword', {
    username,
    password: DEMO_PASSWORD,
  })
  return { completed, pkce: pair }
}

export const self = (call: Call): string => call.body._links.self.href as string

export const DEMO = { password: DEMO_PASSWORD } as const
