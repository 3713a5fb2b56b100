import { request as httpRequest } from 'node:http'
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../src/index.js'

/** What came back on a raw socket: the first response, parsed, and whether the server hung up. */
interface RawAnswer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly text: string
  readonly closed: boolean
  readonly ms: number
}

/**
 * Opens a socket, lets `send` write whatever it likes, and resolves with the first full response
 * (or, when the server hangs up or `timeoutMs` passes, with what arrived).
 */
function raw(port: number, send: (socket: Socket) => void, timeoutMs = 3_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const started = performance.now()
    const socket = connect(port, '127.0.0.1', () => send(socket))
    let text = ''
    let closed = false
    let settled = false
    const finish = () => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve({ ...parse(text), text, closed, ms: performance.now() - started })
    }
    const timer = setTimeout(finish, timeoutMs)
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1')
      const parsed = parse(text)
      if (parsed.complete && !text.startsWith('HTTP/1.1 100')) setTimeout(finish, 20)
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      closed = true
      finish()
    })
  })
}

function parse(text: string) {
  const end = text.indexOf('\r\n\r\n')
  if (end < 0) return { status: 0, headers: {}, body: '', complete: false }
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n')
  const headers = Object.fromEntries(
    lines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  )
  const body = text.slice(end + 4)
  const length = Number(headers['content-length'] ?? Number.NaN)
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body,
    complete: Number.isNaN(length) ? false : Buffer.byteLength(body, 'latin1') >= length,
  }
}

/** A GET with a chosen `Host` (or none) over HTTP/1.1. */
const get = (path: string, host: string | null) =>
  `GET ${path} HTTP/1.1\r\n${host === null ? '' : `Host: ${host}\r\n`}Connection: close\r\n\r\n`

const portOf = (url: string) => Number(new URL(url).port)

describe('startEmulator over HTTP', () => {
  let emu: Emulator
  let pf: number
  let p1: number
  let envId: string
  beforeAll(async () => {
    emu = await startEmulator({
      limits: { bodyTimeoutMs: 300, headersTimeoutMs: 300, requestTimeoutMs: 1_500 },
    })
    pf = portOf(emu.pingFederate.baseUrl)
    p1 = portOf(emu.pingOne.authBaseUrl)
    envId = emu.pingOne.environmentId
  })
  afterAll(() => emu.close())

  describe('Host', () => {
    it('serves a foreign Host and builds every link from the configured base URL', async () => {
      const discovery = await raw(pf, (s) =>
        s.write(get('/.well-known/openid-configuration', 'evil.example')),
      )
      expect(discovery.status).toBe(200)
      expect(JSON.parse(discovery.body)).toMatchObject({
        issuer: emu.pingFederate.baseUrl,
        token_endpoint: `${emu.pingFederate.baseUrl}/as/token.oauth2`,
      })
      const p1Discovery = await raw(p1, (s) =>
        s.write(get(`/${envId}/as/.well-known/openid-configuration`, 'evil.example:8443')),
      )
      expect(p1Discovery.status).toBe(200)
      expect(JSON.parse(p1Discovery.body).issuer).toBe(emu.pingOne.issuer)
    })

    it("serves each port's own product even when Host names the other one", async () => {
      const p1Host = new URL(emu.pingOne.authBaseUrl).host
      const answer = await raw(pf, (s) => s.write(get('/.well-known/openid-configuration', p1Host)))
      expect(answer.status).toBe(200)
      expect(JSON.parse(answer.body).issuer).toBe(emu.pingFederate.baseUrl)
    })

    it('serves a request without Host (HTTP/1.0, and HTTP/1.1 too) as addressed to itself', async () => {
      const old = await raw(pf, (s) => s.write('GET /pf/JWKS HTTP/1.0\r\n\r\n'))
      expect(old.status).toBe(200)
      expect(JSON.parse(old.body).keys).toHaveLength(1)
      const bare = await raw(pf, (s) => s.write(get('/pf/JWKS', null)))
      expect(bare.status).toBe(200)
    })

    it('answers an unparseable Host with 400 in the envelope, not an empty answer', async () => {
      const answer = await raw(pf, (s) => s.write(get('/pf/JWKS', 'a@b:c:d')))
      expect(answer.status).toBe(400)
      expect(JSON.parse(answer.body)).toEqual({
        code: 'INVALID_REQUEST',
        message: 'The request could not be parsed.',
      })
      const p1Answer = await raw(p1, (s) => s.write(get(`/${envId}/as/jwks`, 'a@b:c:d')))
      expect(p1Answer.status).toBe(400)
      expect(JSON.parse(p1Answer.body)).toMatchObject({ id: expect.any(String), code: 'INVALID_REQUEST' })
    })
  })

  describe('requests Node cannot take', () => {
    it('answers headers over 16 KiB with 431 in the envelope and hangs up', async () => {
      const answer = await raw(pf, (s) =>
        s.write(`GET /pf/JWKS HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
      )
      expect(answer.status).toBe(431)
      expect(answer.headers.connection).toBe('close')
      expect(JSON.parse(answer.body)).toEqual({
        code: 'INVALID_REQUEST',
        message: 'The request headers are larger than the server accepts.',
      })
      expect(answer.closed).toBe(true)
    })

    it('answers a malformed request with 400 in the envelope', async () => {
      for (const garbage of [
        'NOT HTTP AT ALL\r\n\r\n',
        'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
      ]) {
        const answer = await raw(p1, (s) => s.write(garbage))
        expect(answer.status, garbage).toBe(400)
        expect(JSON.parse(answer.body), garbage).toMatchObject({
          id: expect.any(String),
          code: 'INVALID_REQUEST',
        })
      }
    })

    it('answers CONNECT with 400 and an unknown Expect with 417, both with a body', async () => {
      const tunnel = await raw(pf, (s) =>
        s.write('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'),
      )
      expect(tunnel.status).toBe(400)
      expect(JSON.parse(tunnel.body).code).toBe('INVALID_REQUEST')
      const expectation = await raw(pf, (s) =>
        s.write('GET /pf/JWKS HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nConnection: close\r\n\r\n'),
      )
      expect(expectation.status).toBe(417)
      expect(JSON.parse(expectation.body).code).toBe('INVALID_REQUEST')
    })
  })

  describe('deadlines', () => {
    it('cuts off headers that trickle in with 408 at `limits.headersTimeoutMs`', async () => {
      const answer = await raw(pf, (s) => {
        s.write('GET /pf/JWKS HTTP/1.1\r\n')
        const drip = setInterval(() => (s.writable ? s.write('X-Slow: 1\r\n') : clearInterval(drip)), 50)
        s.on('close', () => clearInterval(drip))
      })
      expect(answer.status).toBe(408)
      expect(JSON.parse(answer.body)).toEqual({
        code: 'INVALID_REQUEST',
        message: 'The request did not arrive in time.',
      })
      expect(answer.closed).toBe(true)
      expect(answer.ms).toBeLessThan(1_500)
    })

    it('closes a connection that never sends anything', async () => {
      const answer = await raw(p1, () => {})
      expect(answer.closed).toBe(true)
      expect(answer.ms).toBeLessThan(1_500)
    })

    it('cuts off a body that trickles in with 408 at `limits.bodyTimeoutMs`, and hangs up', async () => {
      const answer = await raw(pf, (s) => {
        s.write(
          'POST /as/token.oauth2 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n',
        )
        s.write('Content-Length: 1000\r\n\r\n')
        const drip = setInterval(() => (s.writable ? s.write('a') : clearInterval(drip)), 50)
        s.on('close', () => clearInterval(drip))
      })
      expect(answer.status).toBe(408)
      expect(answer.headers.connection).toBe('close')
      expect(JSON.parse(answer.body).message).toBe('The request did not arrive in time.')
      expect(answer.closed).toBe(true)
      expect(answer.ms).toBeLessThan(1_500)
    })

    it("falls back on Node's request deadline when the body deadline is the longer one", async () => {
      const slowBody = await startEmulator({
        limits: { bodyTimeoutMs: 10_000, headersTimeoutMs: 200, requestTimeoutMs: 300 },
      })
      try {
        const answer = await raw(portOf(slowBody.pingOne.authBaseUrl), (s) => {
          s.write(`POST /${envId}/as/token HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n`)
          const drip = setInterval(() => (s.writable ? s.write('a') : clearInterval(drip)), 50)
          s.on('close', () => clearInterval(drip))
        })
        expect(answer.status).toBe(408)
        expect(JSON.parse(answer.body)).toMatchObject({ id: expect.any(String), code: 'INVALID_REQUEST' })
        expect(answer.ms).toBeLessThan(2_000)
      } finally {
        await slowBody.close()
      }
    })
  })

  describe('body size', () => {
    it('refuses a declared body over the limit with 413 before reading it', async () => {
      const answer = await raw(pf, (s) =>
        s.write(`POST /as/token.oauth2 HTTP/1.1\r\nHost: x\r\nContent-Length: ${200 * 1024 * 1024}\r\n\r\n`),
      )
      expect(answer.status).toBe(413)
      expect(answer.headers.connection).toBe('close')
      expect(JSON.parse(answer.body).message).toBe('The request body is larger than the server accepts.')
    })

    it('refuses `Expect: 100-continue` with a body over the limit without inviting it', async () => {
      const answer = await raw(p1, (s) =>
        s.write(
          `POST /${envId}/as/token HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n`,
        ),
      )
      expect(answer.text.startsWith('HTTP/1.1 413 ')).toBe(true)
      expect(JSON.parse(answer.body).code).toBe('INVALID_REQUEST')
    })

    it('still invites and serves a small body sent with `Expect: 100-continue`', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: pf,
            method: 'POST',
            path: '/as/token.oauth2',
            agent: false,
            headers: { expect: '100-continue', 'content-type': 'application/x-www-form-urlencoded' },
          },
          (res) => {
            res.resume()
            resolve(res.statusCode ?? 0)
          },
        )
        req.on('continue', () => req.end('grant_type=authorization_code'))
        req.on('error', reject)
      })
      expect(status).toBe(401)
    })
  })

  describe('faults and closing', () => {
    it('still drops the connection for an injected reset', async () => {
      emu.faults.add({ route: 'jwks', product: 'pingfederate', fault: { kind: 'reset' }, times: 1 })
      const answer = await raw(pf, (s) => s.write(get('/pf/JWKS', 'x')))
      expect(answer.closed).toBe(true)
      expect(answer.text).toBe('')
    })

    it('refuses invalid limits before binding a port', async () => {
      await expect(startEmulator({ limits: { maxBodyBytes: -1 } })).rejects.toThrow(RangeError)
    })
  })
})
