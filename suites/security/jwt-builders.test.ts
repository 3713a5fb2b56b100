import { generateKeyPairSync } from 'node:crypto'
import { inspect } from 'node:util'
import { isRedirectlessError } from '@redirectless/core'
import { createLoginHintToken, createRequestObject, MAX_EXPIRES_IN } from '@redirectless/pingone/jwt'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { describe, expect, it } from 'vitest'

const audience = 'https://auth.pingone.example/env/as'
// Recognisable, so a message that quotes the key is caught.
const secretOf = (bytes: number) => 'S3CRET'.padEnd(bytes, 'x')
const GOOD = secretOf(32)

/** Runs a builder call that must be refused, and returns the error for inspection. */
async function refused(build: () => Promise<string>): Promise<unknown> {
  const outcome = await build().then(
    (token) => ({ token }),
    (error: unknown) => ({ error }),
  )
  expect(outcome, 'the builder produced a token').not.toHaveProperty('token')
  const { error } = outcome as { error: unknown }
  expect(isRedirectlessError(error) && error.code).toBe('INVALID_ARGUMENT')
  // Whatever was wrong, the message never quotes the key material.
  expect(`${String(error)} ${JSON.stringify(error)} ${inspect(error)}`).not.toContain('S3CRET')
  return error
}

describe('createLoginHintToken refuses misuse', () => {
  const base = { issuer: 'issuer-app', subject: 'joe', audience, secret: GOOD }

  it.each([
    ['HS256', 31],
    ['HS384', 47],
    ['HS512', 63],
  ] as const)('%s with a %i-byte secret', async (algorithm, bytes) => {
    await refused(() => createLoginHintToken({ ...base, algorithm, secret: secretOf(bytes) }))
    await refused(() =>
      createLoginHintToken({ ...base, algorithm, secret: new TextEncoder().encode(secretOf(bytes)) }),
    )
  })

  it('a lifetime longer than the maximum, and lifetimes that are not positive whole seconds', async () => {
    for (const expiresIn of [MAX_EXPIRES_IN + 1, 86_400, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await refused(() => createLoginHintToken({ ...base, expiresIn }))
    }
  })

  it('a missing, empty or blank subject', async () => {
    for (const subject of [undefined, '', '   ', 42]) {
      await refused(() => createLoginHintToken({ ...base, subject: subject as unknown as string }))
    }
  })

  it('no key, both keys, an algorithm the key cannot make, a weak RSA key, alg none', async () => {
    const { secret: _secret, ...unsigned } = base
    await refused(() => createLoginHintToken(unsigned))
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    await refused(() => createLoginHintToken({ ...base, privateKey }))
    await refused(() => createLoginHintToken({ ...unsigned, privateKey, algorithm: 'HS256' }))
    await refused(() => createLoginHintToken({ ...base, algorithm: 'RS256' }))
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey
    await refused(() => createLoginHintToken({ ...unsigned, privateKey: weak }))
    await refused(() => createLoginHintToken({ ...base, algorithm: 'none' as unknown as 'HS256' }))
  })

  it('what it does sign carries iat, exp within the limit and a fresh random jti', async () => {
    const a = await createLoginHintToken({ ...base, expiresIn: MAX_EXPIRES_IN })
    const b = await createLoginHintToken(base)
    const claims = decodeJwt(a)
    expect(decodeProtectedHeader(a).alg).toBe('HS256')
    expect(claims).toMatchObject({ iss: 'issuer-app', sub: 'joe', aud: audience })
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(MAX_EXPIRES_IN)
    expect(claims.jti).toMatch(/^[\w-]{16,}$/)
    expect(decodeJwt(b).jti).not.toBe(claims.jti)
  })
})

describe('createRequestObject refuses misuse', () => {
  const base = { issuer: 'client-app', audience }

  it('an unsigned request object without the explicit opt-in', async () => {
    await refused(() => createRequestObject(base))
    await refused(() => createRequestObject({ ...base, unsigned: false as unknown as true }))
    // The opt-in takes no key: a key next to it is a mistake, not a signature.
    await refused(() => createRequestObject({ ...base, unsigned: true, secret: GOOD }))
    const token = await createRequestObject({ ...base, unsigned: true })
    expect(decodeProtectedHeader(token).alg).toBe('none')
  })

  it('a short secret, an excessive lifetime, an empty subject', async () => {
    await refused(() => createRequestObject({ ...base, secret: secretOf(31) }))
    await refused(() => createRequestObject({ ...base, secret: GOOD, expiresIn: MAX_EXPIRES_IN + 1 }))
    await refused(() => createRequestObject({ ...base, secret: GOOD, subject: '' }))
  })

  it('parameters that would replace the claims it owns', async () => {
    for (const name of ['iss', 'aud', 'exp', 'iat', 'jti', 'sub', 'pi.remoteIp']) {
      await refused(() => createRequestObject({ ...base, secret: GOOD, parameters: { [name]: 'x' } }))
    }
  })
})
