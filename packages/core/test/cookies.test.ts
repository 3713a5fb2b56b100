import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toughCookieJar } from '../src/cookies.js'
import { Transport } from '../src/index.js'
import { startServer } from './support/server.js'

let server: Awaited<ReturnType<typeof startServer>>

beforeAll(async () => {
  server = await startServer((req, res) => {
    const headers: Record<string, string | string[]> = { 'content-type': 'application/json' }
    if (req.url === '/set') headers['set-cookie'] = ['PF=one; Path=/; HttpOnly', 'other=two; Path=/set']
    if (req.url === '/rotate') headers['set-cookie'] = 'PF=rotated; Path=/'
    res.writeHead(200, headers)
    res.end('{}')
  })
})
afterAll(() => server.close())

const cookieOf = (i: number) => server.requests[i]?.headers.cookie

describe('toughCookieJar over a real server', () => {
  it('sends what the answers set, by path, and files rotations', async () => {
    const transport = new Transport({ baseUrl: server.url })
    const jar = toughCookieJar.create()
    const fetch = jar.wrap(transport.fetch)
    const start = server.requests.length
    await transport.send({ method: 'GET', url: '/set' }, { fetch })
    await transport.send({ method: 'POST', url: '/next', body: '{}' }, { fetch })
    await transport.send({ method: 'GET', url: '/rotate' }, { fetch })
    await transport.send({ method: 'GET', url: '/next' }, { fetch })
    expect(cookieOf(start)).toBeUndefined()
    expect(cookieOf(start + 1)).toBe('PF=one')
    expect(cookieOf(start + 3)).toBe('PF=rotated')
    expect(await jar.cookieString(`${server.url}/set`)).toContain('other=two')
  })

  it("sends no cookie with credentials: 'omit' (discovery, JWKS)", async () => {
    const transport = new Transport({ baseUrl: server.url })
    const jar = toughCookieJar.create()
    const fetch = jar.wrap(transport.fetch)
    await transport.send({ method: 'GET', url: '/set' }, { fetch })
    const start = server.requests.length
    await transport.send({ method: 'GET', url: '/jwks' }, { fetch, credentials: 'omit' })
    expect(cookieOf(start)).toBeUndefined()
  })

  it('saves and restores its cookies, and keeps flows apart', async () => {
    const transport = new Transport({ baseUrl: server.url })
    const jar = toughCookieJar.create()
    await transport.send({ method: 'GET', url: '/set' }, { fetch: jar.wrap(transport.fetch) })
    const saved = JSON.parse(JSON.stringify(jar.toJSON()))
    expect(jar.toJSON()).toBe(jar.toJSON())
    const restored = toughCookieJar.restore(saved)
    expect(await restored.cookieString(`${server.url}/`)).toBe('PF=one')
    expect(await toughCookieJar.create().cookieString(`${server.url}/`)).toBe('')
  })

  it('a restored jar sends its cookies from the first request on', async () => {
    const transport = new Transport({ baseUrl: server.url })
    const jar = toughCookieJar.create()
    await transport.send({ method: 'GET', url: '/set' }, { fetch: jar.wrap(transport.fetch) })
    const restored = toughCookieJar.restore(JSON.parse(JSON.stringify(jar.toJSON())))
    const start = server.requests.length
    await transport.send({ method: 'GET', url: '/next' }, { fetch: restored.wrap(transport.fetch) })
    expect(cookieOf(start)).toBe('PF=one')
  })

  it("replaces a caller's Cookie header, whatever form the headers take", async () => {
    const transport = new Transport({ baseUrl: server.url })
    const jar = toughCookieJar.create()
    const fetch = jar.wrap(transport.fetch)
    await fetch(`${server.url}/set`, {})
    const forms: HeadersInit[] = [
      { Cookie: 'stale=1', accept: 'application/json' },
      new Headers({ cookie: 'stale=1', accept: 'application/json' }),
      [
        ['cookie', 'stale=1'],
        ['accept', 'application/json'],
      ],
    ]
    for (const headers of forms) {
      const start = server.requests.length
      await fetch(`${server.url}/next`, { headers })
      expect(cookieOf(start)).toBe('PF=one')
      expect(server.requests[start]?.headers.accept).toBe('application/json')
    }
  })
})
