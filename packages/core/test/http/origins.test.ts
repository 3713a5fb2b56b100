import { describe, expect, it } from 'vitest'
import { isRedirectlessError, OriginPolicy } from '../../src/index.js'

describe('OriginPolicy', () => {
  const policy = new OriginPolicy('https://pf.example:9031', ['https://auth.pingone.com'])

  it('resolves links on the configured origin and trusted origins', () => {
    expect(policy.resolve('https://pf.example:9031/pf-ws/authn/flows/a1').href).toBe(
      'https://pf.example:9031/pf-ws/authn/flows/a1',
    )
    expect(policy.resolve('/pf-ws/authn/flows/a1').href).toBe('https://pf.example:9031/pf-ws/authn/flows/a1')
    expect(policy.resolve('https://auth.pingone.com/env/flows/1').origin).toBe('https://auth.pingone.com')
  })

  it('upgrades http links on the configured host, with or without the port', () => {
    expect(policy.resolve('http://pf.example:9031/pf-ws/authn/flows/a1').href).toBe(
      'https://pf.example:9031/pf-ws/authn/flows/a1',
    )
    expect(policy.resolve('http://pf.example/pf-ws/authn/flows/a1').href).toBe(
      'https://pf.example:9031/pf-ws/authn/flows/a1',
    )
  })

  it.each([
    'https://attacker.example/pf-ws/authn/flows/a1',
    'https://pf.example:9999/x',
    'http://pf.example:8080/x',
    'https://pf.example.attacker.example/x',
    'javascript:alert(1)',
    'file:///etc/passwd',
  ])('refuses %s with UNTRUSTED_LINK', (href) => {
    expect(() => policy.resolve(href)).toThrowError(expect.objectContaining({ code: 'UNTRUSTED_LINK' }))
  })

  it('does not upgrade when the configured origin is http', () => {
    const local = new OriginPolicy('http://127.0.0.1:8080')
    expect(local.resolve('http://127.0.0.1:8080/x').href).toBe('http://127.0.0.1:8080/x')
    expect(() => local.resolve('https://127.0.0.1:8080/x')).toThrow()
  })

  it('refuses a base URL that is not absolute http(s)', () => {
    for (const bad of ['pf.example', 'ftp://pf.example', '']) {
      try {
        new OriginPolicy(bad)
        expect.unreachable()
      } catch (error) {
        expect(isRedirectlessError(error, 'INVALID_ARGUMENT')).toBe(true)
      }
    }
  })
})
