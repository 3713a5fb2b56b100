import { generateKeyPairSync } from 'node:crypto'
import { inspect } from 'node:util'
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { createLoginHintToken, isRedirectlessError, type LoginHintTokenOptions } from '../../src/index.js'

const secret = 'a-32-byte-secret-for-hs256-tests!!'
const environmentId = '2d3a7e6c-5b1f-4c8e-9a0d-6f4b2c1e8a35'
const base: LoginHintTokenOptions = {
  issuer: 'issuer-app',
  subject: 'joe',
  secret,
  authBaseUrl: 'EU',
  environmentId,
}

async function refusal(options: LoginHintTokenOptions): Promise<unknown> {
  return createLoginHintToken(options).then(
    () => expect.unreachable('the builder accepted it'),
    (error: unknown) => error,
  )
}

describe('createLoginHintToken', () => {
  it('signs iss, sub, aud, iat, exp and a random jti with HS256', async () => {
    const now = 1_700_000_000_000
    const token = await createLoginHintToken({ ...base, now: () => now })
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(secret), {
      currentDate: new Date(now),
    })
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' })
    expect(payload).toMatchObject({
      iss: 'issuer-app',
      sub: 'joe',
      aud: `https://auth.pingone.eu/${environmentId}/as`,
      iat: now / 1000,
      exp: now / 1000 + 300,
    })
    expect(payload.jti).toMatch(/^[A-Za-z0-9_-]{20,}$/)
    const again = decodeJwt(await createLoginHintToken(base))
    expect(again.jti).not.toBe(payload.jti)
  })

  it('takes an explicit audience, a URL base, and a lifetime up to one hour', async () => {
    expect(
      decodeJwt(await createLoginHintToken({ issuer: 'i', subject: 's', secret, audience: 'https://x/as' }))
        .aud,
    ).toBe('https://x/as')
    const viaUrl = decodeJwt(
      await createLoginHintToken({ ...base, authBaseUrl: 'https://auth.example.com/' }),
    )
    expect(viaUrl.aud).toBe(`https://auth.example.com/${environmentId}/as`)
    const hour = decodeJwt(await createLoginHintToken({ ...base, expiresIn: 3600 }))
    expect((hour.exp ?? 0) - (hour.iat ?? 0)).toBe(3600)
  })

  it('signs HS384 and HS512 with long enough secrets, and RS256 with a private key', async () => {
    const long = 'x'.repeat(64)
    expect(
      decodeProtectedHeader(await createLoginHintToken({ ...base, secret: long, algorithm: 'HS512' })).alg,
    ).toBe('HS512')
    expect(
      decodeProtectedHeader(
        await createLoginHintToken({ ...base, secret: long.slice(0, 48), algorithm: 'HS384' }),
      ).alg,
    ).toBe('HS384')
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
    const token = await createLoginHintToken({ ...base, secret: undefined, privateKey, keyId: 'k1' })
    const { protectedHeader } = await jwtVerify(token, publicKey)
    expect(protectedHeader).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'k1' })
    const jwk = await exportJWK(privateKey)
    const fromJwk = await createLoginHintToken({
      ...base,
      secret: undefined,
      privateKey: jwk,
      algorithm: 'RS512',
    })
    expect(decodeProtectedHeader(fromJwk).alg).toBe('RS512')
    // jose freezes a JWK it is handed; the builder hands it a copy, so the caller's stays as it was.
    expect(Object.isFrozen(jwk)).toBe(false)
  })

  it('refuses a private JWK whose alg names another algorithm', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true })
    const jwk = { ...(await exportJWK(privateKey)), alg: 'RS256' }
    const error = await refusal({ ...base, secret: undefined, privateKey: jwk, algorithm: 'RS384' })
    expect(isRedirectlessError(error, 'INVALID_ARGUMENT')).toBe(true)
  })

  it.each([
    ['a short HS256 secret', { secret: 'too-short' }],
    ['a 47-byte HS384 secret', { secret: 'y'.repeat(47), algorithm: 'HS384' as const }],
    ['a 63-byte HS512 secret', { secret: 'y'.repeat(63), algorithm: 'HS512' as const }],
    ['a lifetime over one hour', { expiresIn: 3601 }],
    ['a zero lifetime', { expiresIn: 0 }],
    ['a fractional lifetime', { expiresIn: 1.5 }],
    ['a missing subject', { subject: undefined as unknown as string }],
    ['an empty subject', { subject: '  ' }],
    ['an empty issuer', { issuer: '' }],
    ['no key at all', { secret: undefined }],
    ['a secret with an RS algorithm', { algorithm: 'RS256' as const }],
    ['an unknown algorithm', { algorithm: 'none' as unknown as 'HS256' }],
    ['no audience and no environment', { authBaseUrl: undefined, environmentId: undefined }],
    ['audience and environment together', { audience: 'https://x/as' }],
    ['an environment id that is not a UUID', { environmentId: 'env' }],
    ['an unknown region', { authBaseUrl: 'MARS' }],
  ])('refuses %s with INVALID_ARGUMENT', async (_name, change) => {
    const error = await refusal({ ...base, ...change })
    expect(isRedirectlessError(error, 'INVALID_ARGUMENT')).toBe(true)
  })

  it('refuses an RS algorithm given a public key, without describing the key', async () => {
    const { publicKey } = await generateKeyPair('RS256')
    const error = await refusal({ ...base, secret: undefined, privateKey: publicKey })
    expect(isRedirectlessError(error, 'INVALID_ARGUMENT')).toBe(true)
  })

  it('signs with a Node KeyObject, and verifies with WebCrypto', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const token = await createLoginHintToken({ ...base, secret: undefined, privateKey, algorithm: 'RS384' })
    const { protectedHeader, payload } = await jwtVerify(token, publicKey)
    expect(protectedHeader.alg).toBe('RS384')
    expect(payload.sub).toBe('joe')
    const error = await refusal({ ...base, secret: undefined, privateKey: publicKey })
    expect(isRedirectlessError(error, 'INVALID_ARGUMENT')).toBe(true)
  })

  it('refuses a CryptoKey made for another hash than the algorithm names', async () => {
    const { privateKey } = await generateKeyPair('RS256')
    const error = await refusal({ ...base, secret: undefined, privateKey, algorithm: 'RS512' })
    expect(isRedirectlessError(error, 'INVALID_ARGUMENT')).toBe(true)
  })

  it('never puts the secret in an error', async () => {
    const shortSecret = 'hunter2-but-short'
    const error = await refusal({ ...base, secret: shortSecret })
    for (const text of [String(error), JSON.stringify(error), inspect(error)])
      expect(text).not.toContain(shortSecret)
  })
})
