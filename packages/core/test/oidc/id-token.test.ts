import { base64url, exportJWK, generateKeyPair, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { validateIdToken } from '../../src/index.js'

const issuer = 'https://pf.example'
const clientId = 'redirectless-demo'
let keys: Awaited<ReturnType<typeof generateKeyPair>>
let other: Awaited<ReturnType<typeof generateKeyPair>>
let jwks: { keys: Array<Record<string, unknown> & { kty: string }> }
let publicJwk: Awaited<ReturnType<typeof exportJWK>>

beforeAll(async () => {
  keys = await generateKeyPair('RS256')
  other = await generateKeyPair('RS256')
  publicJwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256' }
  jwks = { keys: [publicJwk as { kty: string }] }
})

const now = () => Math.floor(Date.now() / 1000)
const sign = (claims: JWTPayload, key = keys.privateKey, kid = 'k1') =>
  new SignJWT({
    iss: issuer,
    aud: clientId,
    sub: 'joe',
    iat: now(),
    exp: now() + 300,
    nonce: 'n-1',
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid })
    .sign(key)

async function reason(token: string, expected: Partial<Parameters<typeof validateIdToken>[2]> = {}) {
  try {
    await validateIdToken(token, jwks, { issuer, clientId, nonce: 'n-1', ...expected })
    return 'valid'
  } catch (error) {
    expect((error as { code: string }).code).toBe('ID_TOKEN_INVALID')
    return (error as Error).message
  }
}

describe('validateIdToken', () => {
  it('accepts a good token and returns its claims', async () => {
    const claims = await validateIdToken(await sign({}), jwks, { issuer, clientId, nonce: 'n-1' })
    expect(claims.sub).toBe('joe')
  })

  it('refuses alg none, a wrong key, and HS256 signed with the public key', async () => {
    const unsigned = new UnsecuredJWT({
      iss: issuer,
      aud: clientId,
      sub: 'joe',
      iat: now(),
      exp: now() + 60,
    }).encode()
    expect(await reason(unsigned)).toMatch(/algorithm|malformed/)
    expect(await reason(await sign({}, other.privateKey))).toMatch(/signature/)
    const hsKey = new TextEncoder().encode(JSON.stringify(publicJwk))
    const confused = await new SignJWT({
      iss: issuer,
      aud: clientId,
      sub: 'joe',
      iat: now(),
      exp: now() + 60,
      nonce: 'n-1',
    })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .sign(hsKey)
    expect(await reason(confused)).toMatch(/algorithm/)
  })

  it('refuses a wrong iss, aud, azp, nonce, an expired token and missing claims', async () => {
    expect(await reason(await sign({ iss: 'https://evil.example' }))).toMatch(/iss/)
    expect(await reason(await sign({ aud: 'someone-else' }))).toMatch(/aud/)
    expect(await reason(await sign({ aud: [clientId, 'other'], azp: 'other' }))).toMatch(/azp/)
    expect(await reason(await sign({ nonce: 'n-2' }))).toMatch(/nonce/)
    expect(await reason(await sign({ exp: now() - 3600, iat: now() - 7200 }))).toMatch(/expired/)
    expect(await reason(await sign({ sub: undefined } as unknown as JWTPayload))).toMatch(/sub/)
    expect(await reason('not.a.jwt')).toMatch(/malformed/)
    expect(await reason(42 as unknown as string)).toMatch(/compact/)
  })

  it('checks nbf and the claim types, on the injected clock with its tolerance', async () => {
    expect(await reason(await sign({ nbf: now() + 3600 }))).toBe(
      'The id_token is invalid: claim "nbf" does not match',
    )
    expect(await reason(await sign({ nbf: now() + 30 }))).toBe('valid')
    expect(await reason(await sign({ nbf: now() + 30 }), { clockTolerance: 0 })).toMatch(/nbf/)
    expect(await reason(await sign({ sub: 42 } as unknown as JWTPayload))).toBe(
      'The id_token is invalid: claim "sub" is missing',
    )
    expect(await reason(await sign({ exp: String(now() + 60) } as unknown as JWTPayload))).toMatch(/"exp"/)
    expect(await reason(await sign({ iat: undefined } as unknown as JWTPayload))).toMatch(/"iat" is missing/)
    expect(await reason(await sign({ aud: ['other', clientId], azp: clientId }))).toBe('valid')
    const later = () => (now() + 3600) * 1000
    expect(await reason(await sign({}), { now: later })).toBe('The id_token is invalid: it has expired')
    expect(await reason(await sign({ exp: now() - 30 }))).toBe('valid')
    await expect(
      validateIdToken(await sign({}), jwks, { issuer, clientId, now: () => Number.NaN }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    await expect(
      validateIdToken(await sign({}), jwks, { issuer, clientId, clockTolerance: -1 }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  })

  it('checks max_age against auth_time', async () => {
    expect(await reason(await sign({}), { maxAge: 60 })).toMatch(/auth_time is missing/)
    expect(await reason(await sign({ auth_time: now() - 3600 }), { maxAge: 60 })).toMatch(
      /older than max_age/,
    )
    expect(await reason(await sign({ auth_time: now() }), { maxAge: 60 })).toBe('valid')
  })

  it('checks at_hash and c_hash, and requires them on front-channel answers', async () => {
    const half = async (v: string) =>
      base64url.encode(
        new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(v))).slice(0, 16),
      )
    const good = await sign({ at_hash: await half('AT'), c_hash: await half('CODE') })
    expect(await reason(good, { accessToken: 'AT', code: 'CODE', requireHashes: true })).toBe('valid')
    expect(await reason(good, { accessToken: 'OTHER' })).toMatch(/at_hash/)
    expect(await reason(good, { code: 'OTHER' })).toMatch(/c_hash/)
    expect(await reason(await sign({}), { code: 'CODE', requireHashes: true })).toMatch(/c_hash is missing/)
  })
})
