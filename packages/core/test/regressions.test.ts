import { toughCookieJar } from '@redirectless/core/cookies'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { restoreFlow, Transport } from '../src/index.js'
import { json, startServer } from './support/server.js'

let server: Awaited<ReturnType<typeof startServer>>
beforeAll(async () => {
  server = await startServer(async (req, res) => {
    if (req.url === '/bad-location') {
      res.writeHead(302, { location: 'http://[' })
      return res.end()
    }
    if (req.url === '/slow-503') {
      await new Promise((r) => setTimeout(r, 150))
      return json(res, 503, { code: 'UNEXPECTED_ERROR' })
    }
    return json(res, 404, {})
  })
})
afterAll(() => server.close())

describe('regressions', () => {
  it('a redirect to an unparseable Location is UNEXPECTED_REDIRECT, not a TypeError', async () => {
    const transport = new Transport({ baseUrl: server.url })
    await expect(transport.send({ method: 'GET', url: `${server.url}/bad-location` })).rejects.toMatchObject({
      code: 'UNEXPECTED_REDIRECT',
    })
  })

  it('the timeout bounds the whole call, retries included', async () => {
    const transport = new Transport({
      baseUrl: server.url,
      timeout: 250,
      retry: { limit: 5, backoffLimit: 10 },
    })
    const started = Date.now()
    await expect(transport.send({ method: 'GET', url: `${server.url}/slow-503` })).rejects.toMatchObject({
      code: 'TIMEOUT',
    })
    // Six attempts of 150 ms would take 900 ms; the call stops at its 250 ms deadline instead.
    expect(server.requests.filter((r) => r.url === '/slow-503').length).toBeLessThan(4)
    expect(Date.now() - started).toBeLessThan(900)
  })

  it('restoring a saved flow with a malformed session is INVALID_ARGUMENT, and never echoes its values', () => {
    const dialect = { product: 'test' } as never
    const transport = new Transport({ baseUrl: server.url })
    const saved = {
      format: 'redirectless.flow/1',
      product: 'test',
      state: { status: 'X' },
      session: { request: { responseType: 'code' }, extra: null },
    }
    expect(() => restoreFlow({ dialect, transport, cookies: toughCookieJar, saved })).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
    try {
      restoreFlow({
        dialect,
        transport,
        cookies: toughCookieJar,
        saved: { ...saved, format: 'my-secret-value' },
      })
    } catch (error) {
      expect(String(error)).not.toContain('my-secret-value')
    }
  })
})
