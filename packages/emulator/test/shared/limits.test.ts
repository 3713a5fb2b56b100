import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../../src/config.js'
import { defaultEmulatorLimits, resolveLimits, serverTimeouts } from '../../src/shared/limits.js'

describe('resolveLimits', () => {
  it('defaults to 64 KiB bodies, 10 s for a body or headers, 30 s for a whole request', () => {
    expect(resolveLimits()).toEqual({
      maxBodyBytes: 65_536,
      bodyTimeoutMs: 10_000,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
    })
    expect(resolveConfig().limits).toEqual(defaultEmulatorLimits)
  })

  it('takes any subset and keeps the other defaults', () => {
    expect(resolveLimits({ maxBodyBytes: 1024 })).toEqual({ ...defaultEmulatorLimits, maxBodyBytes: 1024 })
    expect(resolveConfig({ limits: { bodyTimeoutMs: 250 } }).limits.bodyTimeoutMs).toBe(250)
  })

  it('ignores undefined fields and keys it does not know (a JSON config may carry them)', () => {
    const loose = { maxBodyBytes: undefined, stray: 1 } as unknown as Parameters<typeof resolveLimits>[0]
    expect(resolveLimits(loose)).toEqual(defaultEmulatorLimits)
  })

  it('allows a zero-byte body limit (no body at all)', () => {
    expect(resolveLimits({ maxBodyBytes: 0 }).maxBodyBytes).toBe(0)
  })

  it.each([
    ['maxBodyBytes', -1],
    ['maxBodyBytes', 1.5],
    ['maxBodyBytes', Number.POSITIVE_INFINITY],
    ['bodyTimeoutMs', 0],
    ['bodyTimeoutMs', Number.NaN],
    ['headersTimeoutMs', 0],
    ['requestTimeoutMs', -5],
    ['requestTimeoutMs', '100'],
  ])('refuses %s = %s with a RangeError naming the option', (name, value) => {
    expect(() => resolveLimits({ [name]: value })).toThrow(RangeError)
    expect(() => resolveLimits({ [name]: value })).toThrow(`limits.${name}`)
    expect(() => resolveConfig({ limits: { [name]: value } })).toThrow(RangeError)
  })

  it('caps the header deadline at the request deadline, as Node requires', () => {
    expect(resolveLimits({ requestTimeoutMs: 2_000 }).headersTimeoutMs).toBe(2_000)
    expect(resolveLimits({ requestTimeoutMs: 2_000, headersTimeoutMs: 500 }).headersTimeoutMs).toBe(500)
  })
})

describe('serverTimeouts', () => {
  it("maps the limits onto node:http's options", () => {
    expect(serverTimeouts(defaultEmulatorLimits)).toEqual({
      headersTimeout: 10_000,
      requestTimeout: 30_000,
      connectionsCheckingInterval: 1_000,
    })
  })

  it('checks deadlines often enough for short ones, never more often than every 10 ms', () => {
    const short = serverTimeouts({ ...defaultEmulatorLimits, headersTimeoutMs: 200, requestTimeoutMs: 400 })
    expect(short).toMatchObject({ headersTimeout: 200, requestTimeout: 400, connectionsCheckingInterval: 50 })
    const tiny = serverTimeouts({ ...defaultEmulatorLimits, headersTimeoutMs: 5, requestTimeoutMs: 5 })
    expect(tiny.connectionsCheckingInterval).toBe(10)
  })

  it('never hands Node a header deadline above the request deadline', () => {
    const raw = { ...defaultEmulatorLimits, headersTimeoutMs: 9_000, requestTimeoutMs: 1_000 }
    expect(serverTimeouts(raw).headersTimeout).toBe(1_000)
  })
})
