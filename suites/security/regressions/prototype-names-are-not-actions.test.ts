/**
 * Issue 11, item 4 (invariant 12). `flow.submit('constructor', body)` found `Object`'s constructor
 * through the state's `_links`, took it as an offered action, and posted the body (the password
 * with it) to `{base}/undefined`. An action id is now one of the state's own `_links` members and
 * never a prototype name, even when a hostile server sends one as its own: ACTION_NOT_AVAILABLE,
 * nothing sent.
 */
import { isRedirectlessError } from '@redirectless/core'
import { createEmulator, type Emulator, type Product } from '@redirectless/emulator'
import { describe, expect, it } from 'vitest'
import { loginHintFor, PASSWORD, p1Client, pfClient } from '../../reliability/support/clients.js'
import { type RecordingFetch, recordingFetch } from '../../reliability/support/recording-fetch.js'

type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'] as const
const PRODUCTS: readonly Product[] = ['pingfederate', 'pingone']

/** What a caller submits: whatever the action, the body holds a secret that must stay home. */
const BODY = { username: 'joe', password: PASSWORD, otp: '123456' }

/**
 * A fetch whose answers to the authorize request carry extra `_links` members of a hostile
 * server's choosing, as own members (the way `JSON.parse` makes `"__proto__"` one).
 */
function hostileAuthorize(emu: Emulator): FetchLike {
  return async (input, init) => {
    const response = await emu.fetch(input, init)
    const url = new URL(input instanceof Request ? input.url : String(input))
    if (!/\/as\/(authorization\.oauth2|authorize)$/.test(url.pathname)) return response
    const text = await response.text()
    const href = (JSON.parse(text) as { _links: { self: { href: string } } })._links.self.href
    const extra = `"__proto__":{"href":"${href}"},"constructor":{"href":"${href}"},"toString":{"href":"${href}"},`
    return new Response(text.replace('"_links":{', `"_links":{${extra}`), {
      status: response.status,
      headers: response.headers,
    })
  }
}

/** A flow of `product` at its first state, on a client whose every request `rec` sees. */
async function firstState(product: Product, emu: Emulator, rec: RecordingFetch) {
  if (product === 'pingfederate') {
    const flow = await pfClient(emu, rec.fetch).startFlow({ scope: 'openid profile' })
    expect(flow.state.status).toBe('USERNAME_PASSWORD_REQUIRED')
    return flow as unknown as SubmitOnly
  }
  const loginHintToken = await loginHintFor(emu, 'joe')
  const flow = await p1Client(emu, rec.fetch).startFlow({
    scope: 'openid',
    acrValues: 'MFA-Only',
    loginHintToken,
  })
  expect(flow.state.status).toBe('OTP_REQUIRED')
  return flow as unknown as SubmitOnly
}

/** The part of either flow the test drives, with action ids as plain strings. */
interface SubmitOnly {
  readonly actions: readonly string[]
  readonly state: { readonly _links?: Readonly<Record<string, unknown>> }
  can(action: string): boolean
  submit(action: string, body: unknown): Promise<unknown>
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'the action was sent',
    (error: unknown) => (isRedirectlessError(error) ? error.code : `uncoded: ${String(error)}`),
  )
}

describe.each(PRODUCTS)('%s: prototype names are not actions', (product) => {
  it.each(PROTOTYPE_NAMES)(
    'submit(%j, body) is ACTION_NOT_AVAILABLE and no request is sent',
    async (name) => {
      const emu = createEmulator()
      const rec = recordingFetch(emu)
      const flow = await firstState(product, emu, rec)
      const mark = rec.sent.length
      expect(flow.can(name)).toBe(false)
      expect(await codeOf(flow.submit(name, BODY))).toBe('ACTION_NOT_AVAILABLE')
      expect(rec.since(mark)).toEqual([])
    },
  )

  it('a hostile server’s own __proto__, constructor and toString links neither crash the client nor become actions', async () => {
    const emu = createEmulator()
    const rec = recordingFetch(emu, hostileAuthorize(emu))
    const flow = await firstState(product, emu, rec)
    expect(Object.hasOwn(flow.state._links ?? {}, '__proto__')).toBe(true)
    expect(flow.actions).not.toContain('__proto__')
    expect(flow.actions).not.toContain('constructor')
    expect(flow.actions).not.toContain('toString')
    const mark = rec.sent.length
    for (const name of ['__proto__', 'constructor', 'toString']) {
      expect(flow.can(name)).toBe(false)
      expect(await codeOf(flow.submit(name, BODY))).toBe('ACTION_NOT_AVAILABLE')
    }
    expect(rec.since(mark)).toEqual([])
  })
})
