import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toughCookieJar } from '../../src/cookies.js'
import { errorFromResponse, isRedirectlessError, type RedirectlessError, Transport } from '../../src/index.js'
import { json, startServer } from '../support/server.js'

let server: Awaited<ReturnType<typeof startServer>>
let hits = new Map<string, number>()

beforeAll(async () => {
  server = await startServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname
    const n = (hits.get(path) ?? 0) + 1
    hits.set(path, n)
    switch (path) {
      case '/ok':
        return json(res, 200, {
          status: 'OK',
          method: req.method,
          accept: req.headers.accept,
          ct: req.headers['content-type'],
          body: req.body,
        })
      case '/flaky':
        return n < 2
          ? json(res, 503, { code: 'UNEXPECTED_ERROR' }, { 'retry-after': '0' })
          : json(res, 200, { status: 'OK' })
      case '/busy':
        return json(res, 503, { code: 'UNEXPECTED_ERROR' }, { 'retry-after': '2' })
      case '/headers':
        return n < 2
          ? json(res, 502, { code: 'UNEXPECTED_ERROR' })
          : json(res, 200, { seen: req.headers['x-hooked'] ?? null })
      case '/always-503':
        return json(res, 503, { code: 'UNEXPECTED_ERROR', message: 'down' })
      case '/limited':
        return json(res, 429, { code: 'REQUEST_LIMITED' }, { 'retry-after': '120' })
      case '/redirect':
        res.writeHead(302, { location: '/elsewhere?code=secret', 'set-cookie': 'PF=abc; Path=/' })
        return res.end()
      case '/slow':
        await new Promise((r) => setTimeout(r, 400))
        return json(res, 200, { status: 'OK' })
      case '/reset':
        req.headers.host && res.socket?.destroy()
        return
      case '/set-cookie':
        res.writeHead(200, {
          'content-type': 'application/json',
          'set-cookie': `PF=${new URL(req.url, 'http://x').searchParams.get('v')}; Path=/; HttpOnly`,
        })
        return res.end('{}')
      case '/echo-cookie':
        return json(res, 200, { cookie: req.headers.cookie ?? null })
      default:
        return json(res, 404, {
          code: 'RESOURCE_NOT_FOUND',
          message: 'The requested resource was not found.',
        })
    }
  })
})
afterAll(() => server.close())

const transport = (options: Partial<ConstructorParameters<typeof Transport>[0]> = {}) =>
  new Transport({ baseUrl: server.url, timeout: 2_000, retry: { limit: 2, backoffLimit: 10 }, ...options })

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (isRedirectlessError(error)) return error.code
    throw error
  }
  throw new Error('expected a rejection')
}

describe('Transport', () => {
  it('sends Accept: application/json and keeps an explicit vendor content type and body', async () => {
    const response = await transport().send({
      method: 'POST',
      url: `${server.url}/ok`,
      headers: { 'content-type': 'application/vnd.pingidentity.checkUsernamePassword+json' },
      body: '{"username":"joe"}',
    })
    expect(response.status).toBe(200)
    expect(response.json).toMatchObject({
      method: 'POST',
      accept: 'application/json',
      ct: 'application/vnd.pingidentity.checkUsernamePassword+json',
      body: '{"username":"joe"}',
    })
  })

  it('retries a GET after a 503 with Retry-After', async () => {
    hits = new Map()
    const response = await transport().send({ method: 'GET', url: `${server.url}/flaky` })
    expect(response.status).toBe(200)
    expect(hits.get('/flaky')).toBe(2)
  })

  it('never retries a POST', async () => {
    hits = new Map()
    const response = await transport().send({ method: 'POST', url: `${server.url}/always-503`, body: '{}' })
    expect(response.status).toBe(503)
    expect(hits.get('/always-503')).toBe(1)
    expect(errorFromResponse(response, { operation: 'x' }).code).toBe('SERVER_ERROR')
  })

  it('never retries a GET sent with retry: false (an authorize), whatever the status', async () => {
    hits = new Map()
    const response = await transport().send({ method: 'GET', url: `${server.url}/flaky` }, { retry: false })
    expect(response.status).toBe(503)
    expect(hits.get('/flaky')).toBe(1)
  })

  it("answers at once when a Retry-After would pass the deadline, with the server's retryAfter", async () => {
    hits = new Map()
    const started = Date.now()
    const response = await transport({ timeout: 1_000 }).send({ method: 'GET', url: `${server.url}/busy` })
    expect(Date.now() - started).toBeLessThan(900)
    expect(hits.get('/busy')).toBe(1)
    const error = errorFromResponse(response, { operation: 'poll' })
    expect(error).toMatchObject({ code: 'SERVER_ERROR', status: 503, retryAfter: 2 })
  })

  it("runs the header hooks on every attempt, with the call's context", async () => {
    hits = new Map()
    const seen: unknown[] = []
    const t = transport({
      headerHooks: [
        (request, context) => {
          seen.push(context.flow?.extra.tag)
          if (context.flow) request.headers.set('x-hooked', context.flow.extra.tag ?? '')
        },
      ],
    })
    const flow = { request: { responseType: 'code' }, extra: { tag: 'flow-1' } }
    const response = await t.send({ method: 'GET', url: `${server.url}/headers` }, { context: { flow } })
    expect(response.json).toEqual({ seen: 'flow-1' })
    expect(seen).toEqual(['flow-1', 'flow-1'])
    await t.send({ method: 'GET', url: `${server.url}/ok` })
    expect(seen).toEqual(['flow-1', 'flow-1', undefined])
  })

  it('does not wait for a Retry-After beyond maxRetryAfter, and reports it', async () => {
    hits = new Map()
    const response = await transport().send({ method: 'GET', url: `${server.url}/limited` })
    expect(hits.get('/limited')).toBe(1)
    const error = errorFromResponse(response, { operation: 'poll' })
    expect(error.code).toBe('RATE_LIMITED')
    expect(error.retryAfter).toBe(120)
  })

  it('turns a redirect into UNEXPECTED_REDIRECT without following it, also through a cookie jar', async () => {
    hits = new Map()
    const jar = toughCookieJar.create()
    for (const fetch of [undefined, jar.wrap(globalThis.fetch)]) {
      const error = await transport()
        .send({ method: 'GET', url: `${server.url}/redirect` }, { fetch })
        .catch((e: RedirectlessError) => e)
      expect((error as RedirectlessError).code).toBe('UNEXPECTED_REDIRECT')
      expect((error as RedirectlessError).message).not.toContain('secret')
    }
    expect(hits.get('/elsewhere')).toBeUndefined()
  })

  it('maps timeouts, aborts and a signal timeout', async () => {
    expect(await codeOf(transport({ timeout: 100 }).send({ method: 'GET', url: `${server.url}/slow` }))).toBe(
      'TIMEOUT',
    )
    expect(
      await codeOf(transport().send({ method: 'GET', url: `${server.url}/slow` }, { timeout: 100 })),
    ).toBe('TIMEOUT')
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    expect(
      await codeOf(
        transport().send({ method: 'GET', url: `${server.url}/slow` }, { signal: controller.signal }),
      ),
    ).toBe('ABORTED')
    expect(
      await codeOf(
        transport().send({ method: 'GET', url: `${server.url}/slow` }, { signal: AbortSignal.timeout(50) }),
      ),
    ).toBe('TIMEOUT')
    expect(
      await codeOf(
        transport().send({ method: 'GET', url: `${server.url}/ok` }, { signal: AbortSignal.abort() }),
      ),
    ).toBe('ABORTED')
  })

  it('maps a reset connection and a refused port to NETWORK_ERROR, retrying the GET first', async () => {
    hits = new Map()
    expect(await codeOf(transport().send({ method: 'GET', url: `${server.url}/reset` }))).toBe(
      'NETWORK_ERROR',
    )
    expect(hits.get('/reset')).toBe(3)
    const refused = new Transport({ baseUrl: 'http://127.0.0.1:9', retry: 0 })
    expect(await codeOf(refused.send({ method: 'GET', url: 'http://127.0.0.1:9/x' }))).toBe('NETWORK_ERROR')
  })

  it('refuses a URL outside the pinned origins before sending anything', async () => {
    let called = false
    const t = transport({
      fetch: async () => {
        called = true
        return new Response('{}')
      },
    })
    expect(await codeOf(t.send({ method: 'GET', url: 'https://attacker.example/x' }))).toBe('UNTRUSTED_LINK')
    expect(called).toBe(false)
  })

  it('keeps cookies per jar: updated on every answer, never shared between jars', async () => {
    const t = transport()
    const a = toughCookieJar.create()
    const b = toughCookieJar.create()
    await t.send({ method: 'GET', url: `${server.url}/set-cookie?v=alice1` }, { fetch: a.wrap(t.fetch) })
    await t.send({ method: 'GET', url: `${server.url}/set-cookie?v=bob` }, { fetch: b.wrap(t.fetch) })
    await t.send({ method: 'GET', url: `${server.url}/set-cookie?v=alice2` }, { fetch: a.wrap(t.fetch) })
    const seenA = await t.send(
      { method: 'GET', url: `${server.url}/echo-cookie` },
      { fetch: a.wrap(t.fetch) },
    )
    const seenB = await t.send(
      { method: 'GET', url: `${server.url}/echo-cookie` },
      { fetch: b.wrap(t.fetch) },
    )
    expect(seenA.json).toEqual({ cookie: 'PF=alice2' })
    expect(seenB.json).toEqual({ cookie: 'PF=bob' })
    const restored = toughCookieJar.restore(JSON.parse(JSON.stringify(a.toJSON())))
    expect(await restored.cookieString(`${server.url}/`)).toBe('PF=alice2')
  })

  it('rejects bad options with INVALID_ARGUMENT', () => {
    for (const options of [
      { baseUrl: 'nope' },
      { baseUrl: 'https://x', timeout: 0 },
      { baseUrl: 'https://x', timeout: -5 },
    ]) {
      expect(() => new Transport(options)).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    }
    expect(() => toughCookieJar.restore({ version: 'x', cookies: 'not-an-array' })).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })
})
