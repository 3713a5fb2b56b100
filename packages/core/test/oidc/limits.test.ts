import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import {
  MAX_ID_TOKEN_LENGTH,
  MAX_JWKS_BYTES,
  MAX_JWKS_KEYS,
  ProviderKeys,
  Transport,
  validateIdToken,
} from '../../src/index.js'

const issuer = 'https://op.example'
const clientId = 'client'
const seconds = () => Math.floor(Date.now() / 1000)
const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
const jwk = { ...(await exportJWK(publicKey)), kty: 'RSA', kid: 'k1', alg: 'RS256', use: 'sig' }

/** A signed id_token padded by a `filler` claim to about `length` characters. */
async function tokenOf(length: number): Promise<string> {
  const sign = (filler: string) =>
    new SignJWT({ iss: issuer, aud: clientId, sub: 'joe', iat: seconds(), exp: seconds() + 300, filler })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .sign(privateKey)
  const bare = (await sign('')).length
  // base64url makes 4 characters of 3 bytes.
  return sign('x'.repeat(Math.max(0, Math.floor(((length - bare) * 3) / 4))))
}

describe('validateIdToken refuses an oversized id_token before reading it', () => {
  it(`refuses a token over ${MAX_ID_TOKEN_LENGTH} characters as "too large", without asking for a key`, async () => {
    const token = await tokenOf(MAX_ID_TOKEN_LENGTH + 100)
    expect(token.length).toBeGreaterThan(MAX_ID_TOKEN_LENGTH)
    let keyLookups = 0
    const keys = async () => {
      keyLookups++
      return publicKey
    }
    await expect(validateIdToken(token, keys, { issuer, clientId })).rejects.toMatchObject({
      code: 'ID_TOKEN_INVALID',
      message: expect.stringContaining('too large'),
    })
    // Not even a compact JWS: the size is checked before the dots are counted.
    await expect(
      validateIdToken('x'.repeat(10 * MAX_ID_TOKEN_LENGTH), keys, { issuer, clientId }),
    ).rejects.toMatchObject({
      code: 'ID_TOKEN_INVALID',
      message: expect.stringContaining('too large'),
    })
    expect(keyLookups).toBe(0)
  })

  it('verifies a large token that is within the limit', async () => {
    const token = await tokenOf(MAX_ID_TOKEN_LENGTH - 200)
    expect(token.length).toBeLessThanOrEqual(MAX_ID_TOKEN_LENGTH)
    expect((await validateIdToken(token, { keys: [jwk] }, { issuer, clientId })).sub).toBe('joe')
  })
})

/** An issuer whose JWKS answer is the text the test sets; counts the JWKS fetches. */
function issuerServing(initial: string) {
  let jwksText = initial
  let fetches = 0
  const fetch = async (input: RequestInfo | URL) => {
    const url = input instanceof Request ? input.url : String(input)
    const discovery = url.endsWith('/openid-configuration')
    if (!discovery) fetches++
    const body = discovery
      ? JSON.stringify({ issuer, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` })
      : jwksText
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } })
  }
  const provider = new ProviderKeys(
    new Transport({ baseUrl: issuer, fetch, retry: false }),
    `${issuer}/.well-known/openid-configuration`,
    issuer,
  )
  return {
    provider,
    serve: (text: string) => {
      jwksText = text
    },
    fetches: () => fetches,
  }
}

const keysNamed = (count: number) => Array.from({ length: count }, (_, i) => ({ ...jwk, kid: `k${i + 1}` }))

describe('ProviderKeys refuses an oversized JWKS before importing a key', () => {
  it(`refuses more than ${MAX_JWKS_KEYS} keys as INVALID_RESPONSE, and fetches again next time`, async () => {
    const side = issuerServing(JSON.stringify({ keys: keysNamed(MAX_JWKS_KEYS + 1) }))
    await expect(side.provider.keyResolver()).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
      message: `The JWKS lists more than ${MAX_JWKS_KEYS} keys`,
    })
    side.serve(JSON.stringify({ keys: keysNamed(MAX_JWKS_KEYS) }))
    const token = await tokenOf(0)
    expect((await validateIdToken(token, await side.provider.keyResolver(), { issuer, clientId })).sub).toBe(
      'joe',
    )
    expect(side.fetches()).toBe(2)
  })

  it(`refuses an answer over ${MAX_JWKS_BYTES / 1024} KiB, counted in UTF-8 bytes`, async () => {
    const padded = JSON.stringify({ keys: [jwk], padding: 'x'.repeat(MAX_JWKS_BYTES) })
    const side = issuerServing(padded)
    await expect(side.provider.keyResolver()).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
      message: expect.stringContaining('larger than 64 KiB'),
    })
    // Fewer characters than the limit, more bytes: 'é' is two bytes in UTF-8.
    const wide = JSON.stringify({ keys: [jwk], padding: 'é'.repeat(MAX_JWKS_BYTES / 2) })
    expect(wide.length).toBeLessThan(MAX_JWKS_BYTES)
    side.serve(wide)
    await expect(side.provider.keyResolver()).rejects.toMatchObject({ code: 'INVALID_RESPONSE' })
  })

  it('takes a JWKS just under the limit', async () => {
    const body = JSON.stringify({ keys: [jwk], padding: '' })
    const side = issuerServing(
      JSON.stringify({ keys: [jwk], padding: 'x'.repeat(MAX_JWKS_BYTES - body.length) }),
    )
    expect(
      (await validateIdToken(await tokenOf(0), await side.provider.keyResolver(), { issuer, clientId })).sub,
    ).toBe('joe')
  })
})

describe('validateIdToken refuses a JWKS it is given with too many keys', () => {
  it(`more than ${MAX_JWKS_KEYS} keys is INVALID_RESPONSE; ${MAX_JWKS_KEYS} verify`, async () => {
    const token = await tokenOf(0)
    await expect(
      validateIdToken(token, { keys: keysNamed(MAX_JWKS_KEYS + 1) }, { issuer, clientId }),
    ).rejects.toMatchObject({ code: 'INVALID_RESPONSE' })
    expect((await validateIdToken(token, { keys: keysNamed(MAX_JWKS_KEYS) }, { issuer, clientId })).sub).toBe(
      'joe',
    )
  })
})
