import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { toughCookieJar } from '../../src/cookies.js'
import {
  type FlowDialect,
  type FlowStateBase,
  isRedirectlessError,
  parseFlowBody,
  type RedirectlessError,
  restoreFlow,
  startFlow,
  Transport,
} from '../../src/index.js'
import { json, startServer } from '../support/server.js'

type TestState =
  | (FlowStateBase & { status: 'ASK'; _links: Record<string, { href: string }> })
  | (FlowStateBase & { status: 'WAITING' })
  | (FlowStateBase & { status: 'DONE' })
  | (FlowStateBase & { status: 'CANCELED' })
type TestActions = { go: { answer: string }; cancel: undefined; missing: undefined }

let server: Awaited<ReturnType<typeof startServer>>
let waitingPolls = 0
let pollsUntilDone = 2
let foreign = false

beforeAll(async () => {
  server = await startServer((req, res) => {
    const self = { href: `${server.url}/flows/f1` }
    const ask = () => ({
      id: 'f1',
      status: 'ASK',
      _links: { self, go: foreign ? { href: 'https://attacker.example/flows/f1' } : self, cancel: self },
    })
    if (req.url.startsWith('/authorize')) {
      res.setHeader('set-cookie', 'SESSION=s1; Path=/')
      return json(res, 200, ask())
    }
    if (req.headers.cookie !== 'SESSION=s1') return json(res, 404, { code: 'RESOURCE_NOT_FOUND' })
    if (req.method === 'GET') {
      waitingPolls += 1
      return json(res, 200, {
        id: 'f1',
        status: waitingPolls >= pollsUntilDone ? 'DONE' : 'WAITING',
        _links: { self },
      })
    }
    const action = req.headers['x-action']
    if (action === 'cancel') return json(res, 200, { id: 'f1', status: 'CANCELED', _links: { self } })
    const body = JSON.parse(req.body) as { answer?: string }
    if (body.answer !== 'right') {
      return json(res, 400, {
        code: 'VALIDATION_ERROR',
        message: 'wrong',
        details: [{ code: 'WRONG_ANSWER', target: 'answer' }],
      })
    }
    return json(res, 200, { id: 'f1', status: 'WAITING', _links: { self } }, { 'retry-after': '0' })
  })
})
afterAll(() => server.close())
beforeEach(() => {
  waitingPolls = 0
  pollsUntilDone = 2
  foreign = false
})

const dialect: FlowDialect<TestState, string> = {
  product: 'test',
  actionRequest: (_s, action, body, href) => ({
    method: 'POST',
    url: href,
    headers: { 'x-action': action, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  }),
  refreshRequest: (_s, href) => ({ method: 'GET', url: href }),
  parse: (response, context) => ({
    state: parseFlowBody(response, context, {
      goneCodes: ['RESOURCE_NOT_FOUND'],
      isKnownStatus: (s) => ['ASK', 'WAITING', 'DONE', 'CANCELED'].includes(s),
    }) as TestState,
  }),
  pollStep: (s) => (s.status === 'WAITING' ? { kind: 'get', intervalMs: 20 } : undefined),
  cancelAction: (s) => (s._links?.cancel ? 'cancel' : undefined),
  complete: async (ctx) => `completed in ${ctx.state.status}`,
}

const transport = () => new Transport({ baseUrl: server.url, timeout: 2_000 })
const start = (t = transport()) =>
  startFlow<TestState, TestActions, string>({
    dialect,
    transport: t,
    cookies: toughCookieJar,
    session: { request: { responseType: 'code' }, extra: {} },
    request: { method: 'GET', url: `${server.url}/authorize` },
  })

async function failure(promise: Promise<unknown>): Promise<RedirectlessError> {
  try {
    await promise
  } catch (error) {
    if (isRedirectlessError(error)) return error
    throw error
  }
  throw new Error('expected a rejection')
}

describe('Flow', () => {
  it('starts, exposes a frozen state and its actions, and submits along _links with its own cookies', async () => {
    const flow = await start()
    expect(flow.state.status).toBe('ASK')
    expect(Object.isFrozen(flow.state)).toBe(true)
    expect(Object.isFrozen(flow.state._links)).toBe(true)
    expect(flow.actions).toEqual(['go', 'cancel'])
    expect(flow.can('go')).toBe(true)
    const next = await flow.submit('go', { answer: 'right' })
    expect(next.status).toBe('WAITING')
    expect(flow.state).toBe(next)
  })

  it('keeps the state on a server error, so the user can try again', async () => {
    const flow = await start()
    const before = flow.state
    const error = await failure(flow.submit('go', { answer: 'wrong' }))
    expect(error.code).toBe('FLOW_ERROR')
    expect(error.status).toBe(400)
    expect(error.detailCode).toBe('WRONG_ANSWER')
    expect(error.flowStatus).toBe('ASK')
    expect(flow.state).toBe(before)
    expect((await flow.submit('go', { answer: 'right' })).status).toBe('WAITING')
  })

  it('refuses an action the state does not offer without sending anything', async () => {
    const flow = await start()
    const sent = server.requests.length
    expect((await failure(flow.submit('missing'))).code).toBe('ACTION_NOT_AVAILABLE')
    expect((await failure(flow.submit('self' as 'missing'))).code).toBe('ACTION_NOT_AVAILABLE')
    expect(server.requests.length).toBe(sent)
  })

  it('lists and submits only the links the dialect calls actions (a page such as signOnPage is not)', async () => {
    const pages = { ...dialect, isAction: (name: string) => name !== 'cancel' }
    const flow = await startFlow<TestState, TestActions, string>({
      dialect: pages,
      transport: transport(),
      cookies: toughCookieJar,
      session: { request: { responseType: 'code' }, extra: {} },
      request: { method: 'GET', url: `${server.url}/authorize` },
    })
    expect(flow.actions).toEqual(['go'])
    expect(flow.can('cancel')).toBe(false)
    const sent = server.requests.length
    const before = flow.state
    expect((await failure(flow.submit('cancel'))).code).toBe('ACTION_NOT_AVAILABLE')
    expect(server.requests.length).toBe(sent)
    expect(flow.state).toBe(before)
    expect((await flow.submit('go', { answer: 'right' })).status).toBe('WAITING')
  })

  it('refuses a stale state and a concurrent call', async () => {
    const flow = await start()
    const old = flow.state
    await flow.submit('go', { answer: 'right' }, { state: old })
    expect((await failure(flow.submit('go', { answer: 'right' }, { state: old }))).code).toBe('STALE_STATE')
    const other = await start()
    const first = other.submit('go', { answer: 'right' })
    expect((await failure(other.submit('go', { answer: 'right' }))).code).toBe('STALE_STATE')
    await first
  })

  it('refuses a link to a foreign origin before sending anything', async () => {
    foreign = true
    const flow = await start()
    const sent = server.requests.length
    // Not offered (the client would refuse to post there), and refused when submitted anyway.
    expect(flow.actions).toEqual(['cancel'])
    expect(flow.can('go')).toBe(false)
    expect((await failure(flow.submit('go', { answer: 'right' }))).code).toBe('UNTRUSTED_LINK')
    expect(server.requests.length).toBe(sent)
  })

  it('polls a waiting status until it changes, and returns at once otherwise', async () => {
    const flow = await start()
    expect(await flow.poll()).toBe(flow.state)
    await flow.submit('go', { answer: 'right' })
    const seen: string[] = []
    const done = await flow.poll({ onProgress: (s) => seen.push(s.status) })
    expect(done.status).toBe('DONE')
    expect(seen).toEqual(['WAITING'])
  })

  it('stops polling at the deadline with TIMEOUT, and on abort with ABORTED', async () => {
    pollsUntilDone = 1_000
    const flow = await start()
    await flow.submit('go', { answer: 'right' })
    expect((await failure(flow.poll({ deadline: 150 }))).code).toBe('TIMEOUT')
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 60)
    expect((await failure(flow.poll({ signal: controller.signal }))).code).toBe('ABORTED')
    expect((await failure(flow.poll({ signal: AbortSignal.abort() }))).code).toBe('ABORTED')
    expect(flow.state.status).toBe('WAITING')
  })

  it('cancel() stops a running poll, posts the cancel action, and ends the flow', async () => {
    pollsUntilDone = 1_000
    const flow = await start()
    const polling = flow.poll()
    const canceled = await flow.cancel()
    await polling
    expect(canceled.status).toBe('CANCELED')
    expect((await failure(flow.refresh())).code).toBe('FLOW_CANCELED')
  })

  it('serialises to plain JSON and continues elsewhere with the same cookies', async () => {
    const flow = await start()
    const saved = JSON.parse(JSON.stringify(flow.toJSON()))
    const restored = restoreFlow<TestState, TestActions, string>({
      dialect,
      transport: transport(),
      cookies: toughCookieJar,
      saved,
    })
    expect(restored.state).toEqual(flow.state)
    expect((await restored.submit('go', { answer: 'right' })).status).toBe('WAITING')
    expect(await restored.complete()).toBe('completed in WAITING')
  })

  it('refuses to restore anything that is not a saved flow of its product', () => {
    for (const saved of [
      null,
      'x',
      {},
      { format: 'redirectless.flow/1', product: 'other' },
      { format: 'redirectless.flow/1', product: 'test', state: {} },
    ]) {
      expect(() =>
        restoreFlow({ dialect, transport: transport(), cookies: toughCookieJar, saved }),
      ).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    }
  })

  it('turns a lost session into FLOW_EXPIRED', async () => {
    const flow = await start()
    const saved = { ...flow.toJSON(), cookies: null }
    const restored = restoreFlow<TestState, TestActions, string>({
      dialect,
      transport: transport(),
      cookies: toughCookieJar,
      saved,
    })
    expect((await failure(restored.refresh())).code).toBe('FLOW_EXPIRED')
  })
})
