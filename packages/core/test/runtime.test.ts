import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPkce, cryptoRandomBytes, Transport } from '../src/index.js'

afterEach(() => {
  vi.unstubAllGlobals()
})

const unsupported = (api: string) =>
  expect.objectContaining({ code: 'UNSUPPORTED_RUNTIME', message: expect.stringContaining(api) })

describe('a runtime without a Web API the packages need (React Native without polyfills)', () => {
  it('gets UNSUPPORTED_RUNTIME naming crypto.getRandomValues, not a ReferenceError', () => {
    vi.stubGlobal('crypto', undefined)
    expect(() => cryptoRandomBytes(16)).toThrowError(unsupported('crypto.getRandomValues'))
  })

  it('gets UNSUPPORTED_RUNTIME naming crypto.subtle for PKCE, even with its own randomness', async () => {
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => a.fill(1) })
    await expect(createPkce((n) => new Uint8Array(n).fill(2))).rejects.toEqual(unsupported('crypto.subtle'))
  })

  it('gets UNSUPPORTED_RUNTIME naming fetch, and AbortController, when a client is made', () => {
    vi.stubGlobal('fetch', undefined)
    expect(() => new Transport({ baseUrl: 'https://sso.example.com' })).toThrowError(unsupported('fetch'))
    vi.unstubAllGlobals()
    vi.stubGlobal('AbortController', undefined)
    expect(() => new Transport({ baseUrl: 'https://sso.example.com' })).toThrowError(
      unsupported('AbortController'),
    )
  })

  it('says how to add what is missing', () => {
    vi.stubGlobal('crypto', undefined)
    expect(() => cryptoRandomBytes(16)).toThrowError(/react-native-get-random-values/)
  })
})
