import { decodeJwt, decodeProtectedHeader, generateKeyPair, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { createRequestObject, isRedirectlessError, type RequestObjectOptions } from '../../src/index.js'

const secret = 'a-32-byte-secret-for-hs256-tests!!'
const base: RequestObjectOptions = {
  issuer: 'client-app',
  audience: 'https://auth.pingone.com/env/as',
  secret,
}

describe('createRequestObject', () => {
  it('carries pi.remoteIp, pi.template, pi.clientContext, sub, other parameters and the time claims', async () => {
    const token = await createRequestObject({
      ...base,
      remoteIp: '203.0.113.7',
      template: {
        name: 'transaction',
        variant: 'short',
        variables: { sum: '1,000', currency: 'EUR', recipient: 'Ann' },
      },
      clientContext: { 'alert.color': 'red' },
      subject: 'joe',
      parameters: { acr_values: 'MFA-Only' },
    })
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(secret))
    expect(protectedHeader.alg).toBe('HS256')
    expect(payload).toMatchObject({
      iss: 'client-app',
      aud: 'https://auth.pingone.com/env/as',
      sub: 'joe',
      acr_values: 'MFA-Only',
      'pi.remoteIp': '203.0.113.7',
      'pi.template': {
        name: 'transaction',
        variant: 'short',
        variables: { sum: '1,000', currency: 'EUR', recipient: 'Ann' },
      },
      'pi.clientContext': { 'alert.color': 'red' },
    })
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300)
    expect(typeof payload.jti).toBe('string')
  })

  it('accepts IPv6 and RS256', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS384')
    const token = await createRequestObject({
      ...base,
      secret: undefined,
      privateKey,
      algorithm: 'RS384',
      remoteIp: '2001:db8::1',
    })
    expect((await jwtVerify(token, publicKey)).payload['pi.remoteIp']).toBe('2001:db8::1')
  })

  it('makes an unsigned request object only with unsigned: true', async () => {
    const token = await createRequestObject({
      ...base,
      secret: undefined,
      unsigned: true,
      remoteIp: '10.0.0.1',
    })
    expect(decodeProtectedHeader(token).alg).toBe('none')
    expect(token.endsWith('.')).toBe(true)
    expect(decodeJwt(token)['pi.remoteIp']).toBe('10.0.0.1')
  })

  it.each([
    ['no key without unsigned', { secret: undefined }],
    ['unsigned with a secret', { unsigned: true as const }],
    ['unsigned: false', { secret: undefined, unsigned: false as unknown as true }],
    ['a bad IP', { remoteIp: '999.1.1.1' }],
    ['a template without a name', { template: { name: '', variables: {} } }],
    [
      'a template variable that is an object',
      { template: { name: 't', variables: { x: {} as unknown as string } } },
    ],
    ['a parameter overriding iss', { parameters: { iss: 'evil' } }],
    ['a parameter setting a pi claim', { parameters: { 'pi.remoteIp': '10.0.0.1' } }],
    ['an empty subject', { subject: '' }],
    ['a lifetime over one hour', { expiresIn: 7200 }],
    ['a short secret', { secret: 'short' }],
    ['a parameter JSON cannot carry', { parameters: { acr_values: () => 'MFA' } }],
  ])('refuses %s with INVALID_ARGUMENT', async (_name, change) => {
    const error = await createRequestObject({ ...base, ...change }).catch((e: unknown) => e)
    expect(isRedirectlessError(error, 'INVALID_ARGUMENT')).toBe(true)
  })
})
