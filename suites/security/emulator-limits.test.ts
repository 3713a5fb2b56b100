/**
 * Invariant 14 for the emulator: it bounds request body size and time, and never answers a bad
 * request with a bare 500. Each test is named for a hole that was reproduced: a 200 MiB body was
 * buffered whole, a slow body held the request for 300 s, and a `Host` other than its own got an
 * empty 500. Run over real HTTP on 127.0.0.1 (raw sockets for what a fetch cannot send) and
 * in-process where it applies; the limits are made small so no test takes more than a second or two.
 */
import { connect, type Socket } from 'node:net'
import { createEmulator, type Emulator, startEmulator } from '@redirectless/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const MiB = 1024 * 1024
const LIMITS = { maxBodyBytes: 64 * 1024, bodyTimeoutMs: 300, headersTimeoutMs: 300, requestTimeoutMs: 1_500 }
const TOO_LARGE = 'The request body is larger than the server accepts.'
const TOO_SLOW = 'The request did not arrive in time.'

interface RawAnswer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly closed: boolean
  readonly ms: number
  /** Body bytes the client had handed to the socket when the answer arrived. */
  readonly sentWhenAnswered: number
}

/**
 * Speaks HTTP/1.1 on a bare socket: `send` writes the request (and may keep writing through the
 * `sent` counter); resolves with the first complete answer, or with what came when the server hung
 * up or `timeoutMs` passed.
 */
function exchange(
  port: number,
  send: (socket: Socket, sent: { bytes: number; answered: boolean }) => void,
  timeoutMs = 3_000,
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const started = performance.now()
    const sent = { bytes: 0, answered: false }
    const socket = connect(port, '127.0.0.1', () => send(socket, sent))
    let text = ''
    let closed = false
    let sentWhenAnswered = -1
    let settled = false
    const finish = () => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      sent.answered = true
      socket.destroy()
      resolve({ ...parse(text), closed, ms: performance.now() - started, sentWhenAnswered })
    }
    const timer = setTimeout(finish, timeoutMs)
    socket.on('data', (chunk) => {
      if (sentWhenAnswered < 0) sentWhenAnswered = sent.bytes
      sent.answered = true
      text += chunk.toString('latin1')
      // Wait a moment for the server to hang up, if it is going to.
      if (parse(text).complete) setTimeout(finish, 50)
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
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim()
  }
  const body = text.slice(end + 4)
  const length = Number(headers['content-length'])
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body,
    complete: Number.isFinite(length) && Buffer.byteLength(body, 'latin1') >= length,
  }
}

/** Writes 64 KiB chunks of a chunked body for as long as the socket takes them and nobody answered. */
function flood(socket: Socket, sent: { bytes: number; answered: boolean }, limit: number): void {
  const chunk = Buffer.concat([
    Buffer.from(`${(64 * 1024).toString(16)}\r\n`),
    Buffer.alloc(64 * 1024, 0x61),
    Buffer.from('\r\n'),
  ])
  const pump = () => {
    while (!sent.answered && socket.writable && sent.bytes < limit) {
      sent.bytes += 64 * 1024
      if (!socket.write(chunk)) return void socket.once('drain', pump)
    }
  }
  pump()
}

/** A PingFederate error: `{ code, message }`, no `status` (that would make it a flow state). */
function expectPfError(body: string, message?: string): void {
  const json = JSON.parse(body) as Record<string, unknown>
  expect(json).toEqual({ code: expect.any(String), message: message ?? expect.any(String) })
}

/** A PingOne platform error: `{ id, code, message }`. */
function expectP1Error(body: string, message?: string): void {
  const json = JSON.parse(body) as Record<string, unknown>
  expect(json).toMatchObject({
    id: expect.any(String),
    code: expect.any(String),
    message: message ?? expect.any(String),
  })
}

/** A lazily made body of `total` bytes that counts what was pulled from it. */
function lazyBody(total: number, chunk = 16 * 1024) {
  let pulled = 0
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= total) return controller.close()
        const size = Math.min(chunk, total - pulled)
        pulled += size
        controller.enqueue(new Uint8Array(size).fill(0x61))
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, pulled: () => pulled }
}

function postStream(emu: Emulator, url: string, body: ReadableStream<Uint8Array>): Promise<Response> {
  return emu.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    duplex: 'half',
  } as RequestInit)
}

const portOf = (url: string) => Number(new URL(url).port)

describe('emulator request limits (invariant 14)', () => {
  let emu: Emulator
  let pf: number
  let p1: number
  let envId: string
  beforeAll(async () => {
    emu = await startEmulator({ limits: LIMITS })
    pf = portOf(emu.pingFederate.baseUrl)
    p1 = portOf(emu.pingOne.authBaseUrl)
    envId = emu.pingOne.environmentId
  })
  afterAll(() => emu.close())

  it('a 200 MiB body is refused with 413 before it is read', async () => {
    // Declared: refused on the headers alone, not a byte of the body sent.
    const declared = await exchange(pf, (s) =>
      s.write(`POST /as/token.oauth2 HTTP/1.1\r\nHost: x\r\nContent-Length: ${200 * MiB}\r\n\r\n`),
    )
    expect(declared.status).toBe(413)
    expect(declared.headers.connection).toBe('close')
    expectPfError(declared.body, TOO_LARGE)
    expect(declared.closed).toBe(true)

    // Chunked: the server stops reading at the limit, so the answer comes while the sender is
    // stuck behind full socket buffers, far short of 200 MiB.
    const chunked = await exchange(p1, (s, sent) => {
      s.write(`POST /${envId}/as/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n`)
      flood(s, sent, 200 * MiB)
    })
    expect(chunked.status).toBe(413)
    expectP1Error(chunked.body, TOO_LARGE)
    expect(chunked.closed).toBe(true)
    expect(chunked.sentWhenAnswered).toBeLessThan(32 * MiB)

    // In-process: the body stream is pulled only up to the limit.
    const local = createEmulator({ limits: LIMITS })
    const body = lazyBody(200 * MiB)
    const response = await postStream(local, `${local.pingFederate.baseUrl}/as/token.oauth2`, body.stream)
    expect(response.status).toBe(413)
    expectPfError(await response.text(), TOO_LARGE)
    expect(body.pulled()).toBeLessThanOrEqual(LIMITS.maxBodyBytes + 16 * 1024)
  })

  it('a body that trickles in is cut off with 408', async () => {
    const drip = (s: Socket, head: string) => {
      s.write(head)
      const timer = setInterval(() => (s.writable ? s.write('a') : clearInterval(timer)), 50)
      s.on('close', () => clearInterval(timer))
    }
    const body = await exchange(pf, (s) =>
      drip(
        s,
        'POST /as/token.oauth2 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n',
      ),
    )
    expect(body.status).toBe(408)
    expectPfError(body.body, TOO_SLOW)
    expect(body.closed).toBe(true)
    expect(body.ms).toBeLessThan(LIMITS.bodyTimeoutMs + 1_000)

    // Headers that trickle in (slowloris) are cut off too, by the server's header deadline.
    const headers = await exchange(p1, (s) => {
      s.write(`GET /${envId}/as/jwks HTTP/1.1\r\n`)
      const timer = setInterval(() => (s.writable ? s.write('X-Slow: 1\r\n') : clearInterval(timer)), 50)
      s.on('close', () => clearInterval(timer))
    })
    expect(headers.status).toBe(408)
    expectP1Error(headers.body, TOO_SLOW)
    expect(headers.closed).toBe(true)
    expect(headers.ms).toBeLessThan(LIMITS.headersTimeoutMs + 1_000)

    // In-process: a body stream that stops producing.
    const local = createEmulator({ limits: LIMITS })
    let sent = false
    const stalled = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (sent) return new Promise<void>(() => {})
          sent = true
          controller.enqueue(new Uint8Array([0x61]))
        },
      },
      { highWaterMark: 0 },
    )
    const started = performance.now()
    const response = await postStream(local, `${local.pingOne.issuer}/token`, stalled)
    expect(response.status).toBe(408)
    expectP1Error(await response.text(), TOO_SLOW)
    expect(performance.now() - started).toBeLessThan(LIMITS.bodyTimeoutMs + 1_000)
  })

  it('a foreign Host is served, not answered with an empty 500', async () => {
    const query = new URLSearchParams({
      client_id: emu.pingFederate.clientId,
      response_type: 'code',
      response_mode: 'pi.flow',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    })
    const started = await exchange(pf, (s) =>
      s.write(
        `GET /as/authorization.oauth2?${query} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
      ),
    )
    expect(started.status).toBe(200)
    const flow = JSON.parse(started.body) as { status: string; _links: Record<string, { href: string }> }
    expect(flow.status).toBe('USERNAME_PASSWORD_REQUIRED')
    // Links come from the configured base URL, never from the Host the client sent.
    for (const link of Object.values(flow._links)) {
      expect(link.href.startsWith(`${emu.pingFederate.baseUrl}/`)).toBe(true)
    }
    expect(started.body).not.toContain('evil.example')

    const p1Discovery = await exchange(p1, (s) =>
      s.write(
        `GET /${envId}/as/.well-known/openid-configuration HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
      ),
    )
    expect(p1Discovery.status).toBe(200)
    expect(JSON.parse(p1Discovery.body)).toMatchObject({ issuer: emu.pingOne.issuer })
  })

  it('no route answers a bad request with a bare 500', async () => {
    const flowPath = '/pf-ws/authn/flows/abc'
    const big = 'a'.repeat(20_000)
    // [port, request], each a request a client could get wrong or an attacker could send.
    const pfRequests = [
      `POST ${flowPath} HTTP/1.1\r\nHost: x\r\nX-XSRF-Header: x\r\nContent-Type: application/vnd.pingidentity.checkUsernamePassword+json\r\nContent-Length: 4\r\n\r\n{bad`,
      'POST /as/token.oauth2 HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello',
      'POST /as/token.oauth2 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 16\r\n\r\ngrant_type=%ZZ&%',
      'GET /as/authorization.oauth2?client_id=%E0%A4%A&response_mode=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /pf-ws/authn/flows/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /no/such/route HTTP/1.1\r\nHost: x\r\n\r\n',
      'DELETE /as/token.oauth2 HTTP/1.1\r\nHost: x\r\n\r\n',
      'PUT /pf/JWKS HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n',
      `GET /pf/JWKS HTTP/1.1\r\nHost: x\r\nX-Big: ${big}\r\n\r\n`,
      'GET /pf/JWKS HTTP/1.1\r\nHost: a@b:c:d\r\n\r\n',
      'GET /pf\\JWKS HTTP/1.1\r\nHost: x\r\n\r\n',
      'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n',
      'NOT HTTP\r\n\r\n',
      'POST /as/token.oauth2 HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
      'POST /as/token.oauth2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n',
      'POST /as/token.oauth2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      'GET /pf/JWKS HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\n\r\n',
      'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
    ].map((request) => [pf, request] as const)
    const p1Requests = [
      `POST /${envId}/flows/abc HTTP/1.1\r\nHost: x\r\nContent-Type: application/vnd.pingidentity.otp.check+json\r\nContent-Length: 4\r\n\r\n{bad`,
      `POST /${envId}/as/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
      `POST /${envId}/as/authorize HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 11\r\n\r\nclient_id=%`,
      `GET /${envId}/as/resume?flowId=%E0%A4%A HTTP/1.1\r\nHost: x\r\nCookie: ST=%\r\n\r\n`,
      `GET /${envId}/flows/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n`,
      'GET /not-an-environment/as/jwks HTTP/1.1\r\nHost: x\r\n\r\n',
      `PATCH /${envId}/flows/abc HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`,
      `GET /${envId}/as/jwks HTTP/1.1\r\nHost: x\r\nX-Big: ${big}\r\n\r\n`,
      `GET /${envId}/as/jwks HTTP/1.1\r\nHost: a@b:c:d\r\n\r\n`,
      'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
    ].map((request) => [p1, request] as const)

    for (const [port, request] of [...pfRequests, ...p1Requests]) {
      const answer = await exchange(port, (s) => s.write(request))
      const what = `${port === pf ? 'PingFederate' : 'PingOne'}: ${request.slice(0, 80)}`
      expect(answer.status, what).toBeGreaterThanOrEqual(400)
      expect(answer.status, what).toBeLessThan(500)
      expect(answer.body, what).not.toBe('')
      const json = JSON.parse(answer.body) as Record<string, unknown>
      if ('error' in json) {
        // The OAuth endpoints answer in OAuth's own shape.
        expect(json, what).toMatchObject({ error: expect.any(String), error_description: expect.any(String) })
      } else if (port === pf) {
        expect(json, what).toMatchObject({ code: expect.any(String), message: expect.any(String) })
      } else {
        expect(json, what).toMatchObject({
          id: expect.any(String),
          code: expect.any(String),
          message: expect.any(String),
        })
      }
    }

    // In-process, every route with every method and a bad body answers 4xx with a JSON body.
    const local = createEmulator()
    const pfBase = local.pingFederate.baseUrl
    const p1Env = `${local.pingOne.authBaseUrl}/${local.pingOne.environmentId}`
    const urls = [
      `${pfBase}/as/authorization.oauth2`,
      `${pfBase}/pf-ws/authn/flows/abc`,
      `${pfBase}/as/token.oauth2`,
      `${pfBase}/idp/userinfo.openid`,
      `${pfBase}/nope`,
      `${p1Env}/as/authorize`,
      `${p1Env}/flows/abc`,
      `${p1Env}/as/resume?flowId=%`,
      `${p1Env}/as/token`,
      `${local.pingOne.authBaseUrl}/nope/as/token`,
    ]
    const bodies: [string, string][] = [
      ['application/json', '{bad json'],
      ['application/x-www-form-urlencoded', 'a=%ZZ&%=&client_id=%E0%A4%A'],
      ['text/plain', '\u0000\uffff'],
      ['application/vnd.pingidentity.checkUsernamePassword+json', '[1,2]'],
    ]
    for (const url of urls) {
      for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) {
        for (const [type, body] of method === 'GET' ? [['', ''] as [string, string]] : bodies) {
          const response = await local.fetch(url, {
            method,
            headers: type ? { 'content-type': type, 'x-xsrf-header': 'x' } : { 'x-xsrf-header': 'x' },
            ...(method === 'GET' ? {} : { body }),
          })
          const what = `${method} ${url} ${type}`
          expect(response.status, what).toBeGreaterThanOrEqual(400)
          expect(response.status, what).toBeLessThan(500)
          expect(JSON.parse(await response.text()), what).toBeTypeOf('object')
        }
      }
    }

    // And an exception no route caught is a 500 with a JSON body that does not echo it.
    emu.faults.add({
      product: 'pingfederate',
      route: 'jwks',
      fault: { kind: 'status', status: 99 },
      times: 1,
    })
    const crashed = await exchange(pf, (s) =>
      s.write('GET /pf/JWKS HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
    )
    expect(crashed.status).toBe(500)
    expect(JSON.parse(crashed.body)).toEqual({
      code: 'UNEXPECTED_ERROR',
      message: 'An unexpected error occurred.',
    })
  })
})
