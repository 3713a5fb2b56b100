import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toughCookieJar } from '../../src/cookies.js'
import {
  type FlowDialect,
  type FlowStateBase,
  isRedirectlessError,
  parseFlowBody,
  restoreFlow,
  startFlow,
  Transport,
} from '../../src/index.js'
import { json, startServer } from '../support/server.js'

// Invariant 12: an action id is one of the state's own `_links` members, never a name the links
// object inherits, and never a prototype name even when a server sends one as its own.

type State = FlowStateBase & { status: 'ASK' }
type Actions = { go: { answer: string } } & { [name: string]: unknown }

const PROTOTYPE_NAMES = [
  'constructor',
  'toString',
  '__proto__',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
] as const

let server: Awaited<ReturnType<typeof startServer>>
// The links the server's next answer carries besides `self` and `go`: a hostile server's.
let extraLinks: Record<string, unknown> = {}

beforeAll(async () => {
  server = await startServer((_req, res) => {
    const self = { href: `${server.url}/flows/f1` }
    return json(res, 200, { id: 'f1', status: 'ASK', _links: { self, go: self, ...extraLinks } })
  })
})
afterAll(() => server.close())

const dialect: FlowDialect<State, string> = {
  product: 'test',
  actionRequest: (_s, _action, body, href) => ({
    method: 'POST',
    url: href,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  }),
  refreshRequest: (_s, href) => ({ method: 'GET', url: href }),
  parse: (response, context) => ({
    state: parseFlowBody(response, context, {
      goneCodes: [],
      isKnownStatus: (s) => s === 'ASK',
    }) as State,
  }),
  pollStep: () => undefined,
  cancelAction: () => undefined,
  complete: async () => 'done',
}

const transport = () => new Transport({ baseUrl: server.url, timeout: 2_000, retry: false })

async function start(links: Record<string, unknown> = {}) {
  extraLinks = links
  try {
    return await startFlow<State, Actions, string>({
      dialect,
      transport: transport(),
      cookies: toughCookieJar,
      session: { request: { responseType: 'code' }, extra: {} },
      request: { method: 'GET', url: `${server.url}/authorize` },
    })
  } finally {
    extraLinks = {}
  }
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const outcome = await promise.then(
    () => 'sent',
    (error: unknown) => (isRedirectlessError(error) ? error.code : `uncoded: ${String(error)}`),
  )
  return outcome
}

const secretBody = { answer: 'hunter2-password' }

describe('Flow looks action ids up among the state’s own links only', () => {
  it.each(PROTOTYPE_NAMES)('refuses %s with ACTION_NOT_AVAILABLE and sends nothing', async (name) => {
    const flow = await start()
    const sent = server.requests.length
    expect(await refusal(flow.submit(name, secretBody))).toBe('ACTION_NOT_AVAILABLE')
    expect(flow.can(name)).toBe(false)
    expect(server.requests.length).toBe(sent)
  })

  it('does not list, offer or follow prototype names a hostile server sends as its own links', async () => {
    const href = `${server.url}/flows/f1`
    // JSON.parse makes `__proto__` an own member, as it is on the wire.
    const hostile = JSON.parse(
      `{"__proto__":{"href":"${href}"},"constructor":{"href":"${href}"},"toString":{"href":"${href}"}}`,
    ) as Record<string, unknown>
    const flow = await start(hostile)
    expect(Object.hasOwn(flow.state._links ?? {}, '__proto__')).toBe(true)
    expect(flow.actions).toEqual(['go'])
    const sent = server.requests.length
    for (const name of ['__proto__', 'constructor', 'toString']) {
      expect(flow.can(name)).toBe(false)
      expect(await refusal(flow.submit(name, secretBody))).toBe('ACTION_NOT_AVAILABLE')
    }
    expect(server.requests.length).toBe(sent)
    // The state is still usable: the real action goes through.
    expect((await flow.submit('go', { answer: 'x' })).status).toBe('ASK')
  })

  it('refuses a restored link that is not an object with an href, and a name that is not a string', async () => {
    const flow = await start()
    const saved = JSON.parse(JSON.stringify(flow.toJSON())) as { state: { _links: Record<string, unknown> } }
    saved.state._links = { self: { href: `${server.url}/flows/f1` }, go: 'not a link', other: {} }
    const restored = restoreFlow<State, Actions, string>({
      dialect,
      transport: transport(),
      cookies: toughCookieJar,
      saved,
    })
    const sent = server.requests.length
    expect(await refusal(restored.submit('go', secretBody))).toBe('ACTION_NOT_AVAILABLE')
    expect(await refusal(restored.submit('other', secretBody))).toBe('ACTION_NOT_AVAILABLE')
    const symbol = Symbol('go') as unknown as string
    expect(await refusal(restored.submit(symbol, secretBody))).toBe('ACTION_NOT_AVAILABLE')
    expect(restored.can(symbol)).toBe(false)
    expect(server.requests.length).toBe(sent)
  })
})
