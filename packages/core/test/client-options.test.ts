import { describe, expect, it } from 'vitest'
import { checkClientOptions } from '../src/index.js'

const secret32 = 'a-client-secret-of-at-least-32-bytes!'
const jwk = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' }

describe('checkClientOptions: token endpoint authentication', () => {
  it('defaults the method from what is given', () => {
    expect(checkClientOptions({ clientId: 'a' }).authMethod).toBe('none')
    expect(checkClientOptions({ clientId: 'a', clientSecret: 's' }).authMethod).toBe('client_secret_basic')
    const pk = checkClientOptions({ clientId: 'a', clientPrivateKey: { key: jwk } })
    expect(pk.authMethod).toBe('private_key_jwt')
    expect(pk.privateKey).toEqual({ key: jwk })
  })

  it('accepts client_secret_jwt with a secret of at least 32 bytes', () => {
    expect(
      checkClientOptions({
        clientId: 'a',
        clientSecret: secret32,
        tokenEndpointAuthMethod: 'client_secret_jwt',
      }).authMethod,
    ).toBe('client_secret_jwt')
  })

  it.each([
    [
      'client_secret_jwt without a secret',
      { tokenEndpointAuthMethod: 'client_secret_jwt' },
      'needs clientSecret',
    ],
    [
      'client_secret_jwt with a short secret',
      { tokenEndpointAuthMethod: 'client_secret_jwt', clientSecret: 'short' },
      '32 bytes',
    ],
    [
      'private_key_jwt without a key',
      { tokenEndpointAuthMethod: 'private_key_jwt' },
      'needs clientPrivateKey',
    ],
    [
      'private_key_jwt with a secret too',
      { clientPrivateKey: { key: jwk }, clientSecret: 's', tokenEndpointAuthMethod: 'private_key_jwt' },
      'takes no clientSecret',
    ],
    [
      'a key with a secret method',
      { clientPrivateKey: { key: jwk }, clientSecret: 's' },
      'takes no clientPrivateKey',
    ],
    ['none with a secret', { tokenEndpointAuthMethod: 'none', clientSecret: 's' }, 'takes no clientSecret'],
    ['an unknown method', { tokenEndpointAuthMethod: 'tls_client_auth' }, 'must be one of'],
  ])('refuses %s, naming the option and never its value', (_name, options, message) => {
    let error: unknown
    try {
      checkClientOptions({ clientId: 'a', ...(options as object) })
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(message) })
    expect(String((error as Error).message)).not.toContain('short')
  })
})
