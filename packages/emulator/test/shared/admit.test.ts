import { describe, expect, it } from 'vitest'
import { admit, declaredLength, readBody } from '../../src/shared/admit.js'
import { lazyBody, trickle } from '../bodies.js'

const ORIGIN = 'https://pingfederate.emulator.test'
const LIMITS = { maxBodyBytes: 1024, bodyTimeoutMs: 200 }

// 256-byte chunks: the limits here are a few KiB.
const counted = (total: number, chunk = 256) => lazyBody(total, chunk)
const stalled = trickle

function post(body: BodyInit | null, headers: HeadersInit = {}, url = `${ORIGIN}/as/token.oauth2`): Request {
  return new Request(url, { method: 'POST', body, headers, duplex: 'half' } as RequestInit)
}

describe('declaredLength', () => {
  it.each([
    ['12', 12],
    [' 0 ', 0],
    ['209715200', 209_715_200],
  ])('reads %j as %d', (value, expected) => {
    expect(declaredLength(value)).toBe(expected)
  })

  it.each([null, '', 'abc', '-1', '1.5', '1e9', '10, 10'])('has no length for %j', (value) => {
    expect(declaredLength(value)).toBeUndefined()
  })
})

describe('admit', () => {
  it('refuses a declared Content-Length over the limit without reading a byte', async () => {
    const body = counted(10_000)
    const request = post(body.stream, { 'content-length': '209715200' })
    expect(await admit(request, ORIGIN, LIMITS)).toBe('body-too-large')
    expect(body.pulled()).toBe(0)
  })

  it('refuses a GET whose declared body is over the limit too', async () => {
    const request = new Request(`${ORIGIN}/pf/JWKS`, { headers: { 'content-length': '5000' } })
    expect(await admit(request, ORIGIN, LIMITS)).toBe('body-too-large')
  })

  it('stops reading a body without a length as soon as it passes the limit', async () => {
    const body = counted(200 * 1024 * 1024, 256)
    expect(await admit(post(body.stream), ORIGIN, LIMITS)).toBe('body-too-large')
    // The chunk that crossed the line is the last one read.
    expect(body.pulled()).toBeLessThanOrEqual(LIMITS.maxBodyBytes + 256)
  })

  it('takes a body of exactly the limit, byte for byte', async () => {
    const text = 'x'.repeat(LIMITS.maxBodyBytes)
    const admitted = await admit(post(text), ORIGIN, LIMITS)
    expect(admitted).toBeInstanceOf(Request)
    expect(await (admitted as Request).text()).toBe(text)
  })

  it('joins a body of many chunks in order', async () => {
    const body = counted(1000, 7)
    const admitted = (await admit(post(body.stream), ORIGIN, LIMITS)) as Request
    expect(new Uint8Array(await admitted.arrayBuffer())).toEqual(new Uint8Array(1000).fill(97))
  })

  it('cuts off a body that stops arriving at the deadline', async () => {
    const started = performance.now()
    expect(await admit(post(stalled()), ORIGIN, LIMITS)).toBe('request-timeout')
    const took = performance.now() - started
    expect(took).toBeGreaterThanOrEqual(LIMITS.bodyTimeoutMs - 20)
    expect(took).toBeLessThan(LIMITS.bodyTimeoutMs + 1_000)
  })

  it('keeps method, headers and signal, and passes a GET on its own origin through untouched', async () => {
    const get = new Request(`${ORIGIN}/pf/JWKS?x=1`)
    expect(await admit(get, ORIGIN, LIMITS)).toBe(get)
    const controller = new AbortController()
    const request = new Request(`${ORIGIN}/as/token.oauth2`, {
      method: 'POST',
      body: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic eDp5' },
      signal: controller.signal,
    })
    const admitted = (await admit(request, ORIGIN, LIMITS)) as Request
    expect(admitted.method).toBe('POST')
    expect(admitted.headers.get('authorization')).toBe('Basic eDp5')
    expect(await admitted.text()).toBe('a=1')
    controller.abort()
    expect(admitted.signal.aborted).toBe(true)
  })

  it('moves a request addressed to another host onto the configured origin, path and query kept', async () => {
    const foreign = new Request('http://evil.example:8080/as/authorization.oauth2?client_id=a&x=%20')
    const admitted = (await admit(foreign, ORIGIN, LIMITS)) as Request
    expect(admitted.url).toBe(`${ORIGIN}/as/authorization.oauth2?client_id=a&x=%20`)
    const posted = (await admit(post('a=1', {}, 'http://evil.example/x'), ORIGIN, LIMITS)) as Request
    expect(posted.url).toBe(`${ORIGIN}/x`)
    expect(await posted.text()).toBe('a=1')
  })
})

describe('readBody', () => {
  it('is null for a request without a body', async () => {
    expect(await readBody(new Request(`${ORIGIN}/x`, { method: 'POST' }), LIMITS)).toBeNull()
  })

  it('answers bad-request when the body stream fails', async () => {
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('socket hang up'))
      },
    })
    expect(await readBody(post(failing), LIMITS)).toBe('bad-request')
  })

  it('stops waiting for the body as soon as the request is aborted', async () => {
    const controller = new AbortController()
    const request = new Request(`${ORIGIN}/x`, {
      method: 'POST',
      body: stalled(),
      duplex: 'half',
      signal: controller.signal,
    } as RequestInit)
    setTimeout(() => controller.abort(), 20)
    const started = performance.now()
    expect(await readBody(request, { ...LIMITS, bodyTimeoutMs: 5_000 })).toBe('bad-request')
    expect(performance.now() - started).toBeLessThan(1_000)
  })
})
