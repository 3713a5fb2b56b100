import { describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/index.js'
import { lazyBody, trickle } from './bodies.js'
import { startMfa } from './pingone/helpers.js'

const MiB = 1024 * 1024

function streamed(emu: Emulator, url: string, body: ReadableStream<Uint8Array>, headers: HeadersInit = {}) {
  return emu.fetch(url, { method: 'POST', body, headers, duplex: 'half' } as RequestInit)
}

const pfToken = (emu: Emulator) => `${emu.pingFederate.baseUrl}/as/token.oauth2`
const p1Token = (emu: Emulator) => `${emu.pingOne.issuer}/token`

describe('request body size (in-process)', () => {
  it('refuses a 200 MiB PingFederate body with 413 in the `{ code, message }` envelope, reading at most the limit', async () => {
    const emu = createEmulator()
    const body = lazyBody(200 * MiB)
    const response = await streamed(emu, pfToken(emu), body.stream, {
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(response.status).toBe(413)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('connection')).toBe('close')
    expect(await response.json()).toEqual({
      code: 'INVALID_REQUEST',
      message: 'The request body is larger than the server accepts.',
    })
    expect(body.pulled()).toBeLessThanOrEqual(emu.config.limits.maxBodyBytes + 16 * 1024)
  })

  it('refuses an oversized PingOne flow action with 413 in the `{ id, code, message }` envelope', async () => {
    const emu = createEmulator()
    const flow = await startMfa(emu, 'joe')
    const body = lazyBody(10 * MiB)
    const response = await streamed(emu, flow.body._links.self.href, body.stream, {
      'content-type': 'application/vnd.pingidentity.otp.check+json',
    })
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({
      id: expect.any(String),
      code: 'INVALID_REQUEST',
      message: 'The request body is larger than the server accepts.',
    })
  })

  it('refuses a declared Content-Length over the limit without pulling a byte', async () => {
    const emu = createEmulator()
    const body = lazyBody(200 * MiB)
    const response = await streamed(emu, p1Token(emu), body.stream, { 'content-length': String(200 * MiB) })
    expect(response.status).toBe(413)
    expect(body.pulled()).toBe(0)
  })

  it('applies `limits.maxBodyBytes`: one byte over is refused, the limit itself reaches the route', async () => {
    const emu = createEmulator({ limits: { maxBodyBytes: 32 } })
    const form = { 'content-type': 'application/x-www-form-urlencoded' }
    const over = await emu.fetch(pfToken(emu), { method: 'POST', headers: form, body: 'x'.repeat(33) })
    expect(over.status).toBe(413)
    const at = await emu.fetch(pfToken(emu), { method: 'POST', headers: form, body: 'x'.repeat(32) })
    // The token endpoint ran: an OAuth error about the (missing) client, not a size refusal.
    expect(at.status).toBe(401)
    expect(await at.json()).toMatchObject({ error: 'invalid_client' })
  })

  it('takes the biggest legitimate bodies by far (a FIDO2 assertion, a signed request object)', async () => {
    const emu = createEmulator()
    // The biggest bodies the test suites send are about 1 KiB; a whole FIDO2 assertion with a
    // large extension output stays well under 16 KiB.
    const body = JSON.stringify({ assertion: 'a'.repeat(16 * 1024) })
    const flow = await startMfa(emu, 'fido')
    const response = await emu.fetch(flow.body._links.self.href, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.pingidentity.assertion.check+json' },
      body,
    })
    expect(response.status).not.toBe(413)
    expect(response.status).toBeLessThan(500)
  })

  it('refuses before any fault rule is used up (the request never reaches the product)', async () => {
    const emu = createEmulator({ limits: { maxBodyBytes: 8 } })
    emu.faults.add({ route: 'token', fault: { kind: 'status', status: 503 }, times: 1 })
    const response = await emu.fetch(pfToken(emu), { method: 'POST', body: 'x'.repeat(9) })
    expect(response.status).toBe(413)
    expect(emu.faults.list()).toHaveLength(1)
  })
})

describe('request body time (in-process)', () => {
  it('cuts off a body that stops arriving with 408 at `limits.bodyTimeoutMs`', async () => {
    const emu = createEmulator({ limits: { bodyTimeoutMs: 100 } })
    const started = performance.now()
    const response = await streamed(emu, pfToken(emu), trickle())
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(response.status).toBe(408)
    expect(response.headers.get('connection')).toBe('close')
    expect(await response.json()).toEqual({
      code: 'INVALID_REQUEST',
      message: 'The request did not arrive in time.',
    })
  })

  it('answers PingOne 408s in its own envelope', async () => {
    const emu = createEmulator({ limits: { bodyTimeoutMs: 50 } })
    const response = await streamed(emu, p1Token(emu), trickle())
    expect(response.status).toBe(408)
    expect(await response.json()).toMatchObject({ id: expect.any(String), code: 'INVALID_REQUEST' })
  })

  it('still rejects at once when the caller aborts while its body trickles', async () => {
    const emu = createEmulator()
    const controller = new AbortController()
    const pending = emu.fetch(pfToken(emu), {
      method: 'POST',
      body: trickle(),
      duplex: 'half',
      signal: controller.signal,
    } as RequestInit)
    setTimeout(() => controller.abort(), 20)
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })
})

describe('unexpected exceptions (in-process)', () => {
  it('answers an exception nothing caught with a 500 in the product envelope, never its message', async () => {
    const emu = createEmulator()
    // A fault whose answer cannot be built (status 99) throws a RangeError quoting the status.
    emu.faults.add({ product: 'pingfederate', fault: { kind: 'status', status: 99 }, times: 1 })
    emu.faults.add({ product: 'pingone', fault: { kind: 'status', status: 204, body: 'x' }, times: 1 })
    const pf = await emu.fetch(`${emu.pingFederate.baseUrl}/pf/JWKS`)
    expect(pf.status).toBe(500)
    const pfText = await pf.text()
    expect(JSON.parse(pfText)).toEqual({ code: 'UNEXPECTED_ERROR', message: 'An unexpected error occurred.' })
    expect(pfText).not.toMatch(/99|Range|status/i)
    const p1 = await emu.fetch(`${emu.pingOne.issuer}/jwks`)
    expect(p1.status).toBe(500)
    expect(await p1.json()).toEqual({
      id: expect.any(String),
      code: 'UNEXPECTED_ERROR',
      message: 'An unexpected error occurred.',
    })
  })

  it('still rejects like a network for an unknown origin, a closed emulator and an injected reset', async () => {
    const emu = createEmulator()
    await expect(emu.fetch('https://elsewhere.example/x')).rejects.toMatchObject({
      message: 'fetch failed',
      cause: { code: 'ECONNREFUSED' },
    })
    emu.faults.add({ route: 'jwks', fault: { kind: 'reset' }, times: 1 })
    await expect(emu.fetch(`${emu.pingFederate.baseUrl}/pf/JWKS`)).rejects.toMatchObject({
      cause: { code: 'ECONNRESET' },
    })
    await emu.close()
    await expect(emu.fetch(`${emu.pingFederate.baseUrl}/pf/JWKS`)).rejects.toMatchObject({
      cause: { code: 'ECONNREFUSED' },
    })
  })
})
