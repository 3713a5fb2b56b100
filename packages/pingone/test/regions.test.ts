import { describe, expect, it } from 'vitest'
import { isRedirectlessError, PINGONE_AUTH_HOSTS } from '../src/index.js'
import { checkEnvironmentId, resolveAuthBaseUrl } from '../src/regions.js'

describe('regions', () => {
  it.each([
    ['NA', 'https://auth.pingone.com'],
    ['na', 'https://auth.pingone.com'],
    ['EU', 'https://auth.pingone.eu'],
    ['CA', 'https://auth.pingone.ca'],
    ['AP', 'https://auth.pingone.asia'],
    ['ASIA', 'https://auth.pingone.asia'],
    ['AU', 'https://auth.pingone.com.au'],
    ['SG', 'https://auth.pingone.sg'],
  ])('maps %s to %s', (region, host) => {
    expect(resolveAuthBaseUrl(region)).toBe(host)
  })

  it('keeps URLs, trims trailing slashes and keeps a custom path', () => {
    expect(resolveAuthBaseUrl('https://auth.pingone.eu/')).toBe('https://auth.pingone.eu')
    expect(resolveAuthBaseUrl(new URL('https://login.example.com/p1/'))).toBe('https://login.example.com/p1')
    expect(resolveAuthBaseUrl('http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000')
    expect(Object.keys(PINGONE_AUTH_HOSTS)).toContain('AU')
  })

  it.each([
    'MARS',
    'ftp://auth.pingone.com',
    'https://auth.pingone.com?x=1',
    'https://u:p@auth.pingone.com',
    '',
  ])('refuses %j', (value) => {
    expect(() => resolveAuthBaseUrl(value)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
  })

  it('checks environment ids are UUIDs', () => {
    expect(checkEnvironmentId('2d3a7e6c-5b1f-4c8e-9a0d-6f4b2c1e8a35')).toBe(
      '2d3a7e6c-5b1f-4c8e-9a0d-6f4b2c1e8a35',
    )
    let error: unknown
    try {
      checkEnvironmentId('2d3a7e6c')
    } catch (e) {
      error = e
    }
    expect(isRedirectlessError(error, 'INVALID_ARGUMENT')).toBe(true)
  })
})
