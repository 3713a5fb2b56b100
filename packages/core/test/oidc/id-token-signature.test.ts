import { CompactSign, errors, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import {
  ErrorCodes,
  ID_TOKEN_ALGORITHMS,
  type PublicJwk,
  RedirectlessError,
  type VerificationKeys,
  validateIdToken,
} from '../../src/index.js'

// The signature half of validateIdToken: jose's jwtVerify with the checks we add on top of it.

const issuer = 'https://pf.example'
const clientId = 'redirectless-demo'
const seconds = () => Math.floor(Date.now() / 1000)
const claims = () => ({ iss: issuer, aud: clientId, sub: 'joe', iat: seconds(), exp: seconds() + 300 })

async function pair(alg: string) {
  const keys = await generateKeyPair(alg, { extractable: true })
  const jwk = (await exportJWK(keys.publicKey)) as PublicJwk
  return { privateKey: keys.privateKey, publicKey: keys.publicKey, jwk }
}

const token = (alg: string, key: CryptoKey, header: Record<string, unknown> = {}) =>
  new SignJWT(claims()).setProtectedHeader({ alg, ...header }).sign(key)

const segment = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')

/** `valid joe`, or the reason of the ID_TOKEN_INVALID refusal. */
async function outcome(jwt: string, keys: VerificationKeys): Promise<string> {
  try {
    return `valid ${(await validateIdToken(jwt, keys, { issuer, clientId })).sub}`
  } catch (error) {
    expect(error).toBeInstanceOf(RedirectlessError)
    expect((error as RedirectlessError).code).toBe(ErrorCodes.ID_TOKEN_INVALID)
    return (error as Error).message.replace('The id_token is invalid: ', '')
  }
}

describe('validateIdToken: the signature (jose)', () => {
  it.each(ID_TOKEN_ALGORITHMS)('verifies %s, and refuses a token signed by another key', async (alg) => {
    const good = await pair(alg)
    const other = await pair(alg)
    expect(await outcome(await token(alg, good.privateKey), { keys: [good.jwk] })).toBe('valid joe')
    expect(await outcome(await token(alg, other.privateKey), { keys: [good.jwk] })).toBe(
      'the signature does not verify',
    )
  })

  it('picks the key by kid, and refuses a kid the JWKS does not have or a key that is not the kid', async () => {
    const a = await pair('ES256')
    const b = await pair('ES256')
    const jwks = {
      keys: [
        { ...a.jwk, kid: 'a' },
        { ...b.jwk, kid: 'b' },
      ],
    }
    expect(await outcome(await token('ES256', b.privateKey, { kid: 'b' }), jwks)).toBe('valid joe')
    expect(await outcome(await token('ES256', b.privateKey, { kid: 'a' }), jwks)).toBe(
      'the signature does not verify',
    )
    expect(await outcome(await token('ES256', b.privateKey, { kid: 'c' }), jwks)).toBe(
      'no key of the issuer matches it',
    )
  })

  it('refuses a token without kid when several keys of the JWKS match it (no trying each)', async () => {
    const a = await pair('ES256')
    const b = await pair('ES256')
    const jwt = await token('ES256', b.privateKey)
    expect(await outcome(jwt, { keys: [b.jwk] })).toBe('valid joe')
    expect(await outcome(jwt, { keys: [a.jwk, b.jwk] })).toBe(
      'it names no kid and several keys of the issuer match it',
    )
    // A key of another type does not count as a match.
    const rsa = await pair('RS256')
    expect(await outcome(jwt, { keys: [rsa.jwk, b.jwk] })).toBe('valid joe')
  })

  it('skips keys for another use, algorithm, operation, curve or type', async () => {
    const k = await pair('ES256')
    const jwt = await token('ES256', k.privateKey)
    for (const jwk of [
      { ...k.jwk, use: 'enc' },
      { ...k.jwk, alg: 'ES384' },
      { ...k.jwk, key_ops: ['encrypt'] },
      { ...k.jwk, crv: 'P-384' },
      { ...k.jwk, kty: 'RSA' },
    ]) {
      expect(await outcome(jwt, { keys: [jwk] })).toBe('no key of the issuer matches it')
    }
  })

  it('refuses an RSA key under 2048 bits', async () => {
    // jose will neither make nor use a 1024-bit key, so WebCrypto makes it and signs with it.
    const algorithm = {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 1024,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    }
    const small = (await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair
    const smallJwk = (await crypto.subtle.exportKey('jwk', small.publicKey)) as unknown as PublicJwk
    const input = `${segment({ alg: 'RS256' })}.${segment(claims())}`
    const signature = await crypto.subtle.sign(algorithm, small.privateKey, new TextEncoder().encode(input))
    const weak = `${input}.${Buffer.from(signature).toString('base64url')}`
    expect(await outcome(weak, { keys: [smallJwk] })).toBe('the signature does not verify')
  })

  it('refuses alg none (with and without a signature), HS256 keyed with the public key, and algorithms not listed', async () => {
    const k = await pair('RS256')
    const jwt = await token('RS256', k.privateKey)
    const [, body, sig] = jwt.split('.')
    const keys = { keys: [k.jwk] }
    expect(await outcome(`${segment({ alg: 'none' })}.${body}.`, keys)).toBe('its algorithm is not allowed')
    expect(await outcome(`${segment({ alg: 'none' })}.${body}.${sig}`, keys)).toBe(
      'its algorithm is not allowed',
    )
    const hs = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(JSON.stringify(k.jwk)))
    expect(await outcome(hs, keys)).toBe('its algorithm is not allowed')
    // jose's own name for EdDSA over Ed25519 is not in ID_TOKEN_ALGORITHMS.
    const ed = await pair('Ed25519')
    expect(await outcome(await token('Ed25519', ed.privateKey), { keys: [ed.jwk] })).toBe(
      'its algorithm is not allowed',
    )
  })

  it('refuses any crit header, even one jose implements, and a kid that is not a string', async () => {
    const k = await pair('RS256')
    const keys = { keys: [k.jwk] }
    expect(await outcome(await token('RS256', k.privateKey, { crit: ['b64'], b64: true }), keys)).toBe(
      'it is malformed',
    )
    const unknown = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'RS256', crit: ['x-ext'], 'x-ext': 1 })
      .sign(k.privateKey, { crit: { 'x-ext': true } })
    expect(await outcome(unknown, keys)).toBe('it is malformed')
    expect(await outcome(await token('RS256', k.privateKey, { kid: 7 }), keys)).toBe('it is malformed')
  })

  it('refuses malformed segments and payloads that are not a JSON object', async () => {
    const k = await pair('RS256')
    const jwt = await token('RS256', k.privateKey)
    const [head, body, sig] = jwt.split('.') as [string, string, string]
    const keys = { keys: [k.jwk] }
    expect(await outcome(`${head}.${body}`, keys)).toBe('not a compact JWS')
    expect(await outcome(`${head}.${body}.${sig}.x`, keys)).toBe('not a compact JWS')
    // Padding or the base64 alphabet: jose may decode the segment, but what was signed differs.
    for (const bad of [`${head}=.${body}.${sig}`, `${head}.${body}.${sig.replace(/-/g, '+')}x+`]) {
      expect(await outcome(bad, keys)).toMatch(/^(it is malformed|the signature does not verify)$/)
    }
    expect(await outcome(`${segment('"RS256"')}.${body}.${sig}`, keys)).toBe('it is malformed')
    // Properly signed, so only the payload's parsing can refuse them.
    for (const payload of [new TextEncoder().encode('[1]'), new Uint8Array([0xff, 0xfe]), 'not json']) {
      const signed = await new CompactSign(
        typeof payload === 'string' ? new TextEncoder().encode(payload) : payload,
      )
        .setProtectedHeader({ alg: 'RS256' })
        .sign(k.privateKey)
      expect(await outcome(signed, keys)).toBe('it is malformed')
    }
  })

  it('verifies with the public half of a key the JWKS leaks, and skips entries it cannot use', async () => {
    const ec = await generateKeyPair('ES256', { extractable: true })
    const rsa = await generateKeyPair('RS256', { extractable: true })
    const leakedEc = (await exportJWK(ec.privateKey)) as JWK as PublicJwk
    const leakedRsa = (await exportJWK(rsa.privateKey)) as JWK as PublicJwk
    expect(leakedRsa).toHaveProperty('qi')
    const junk = [null, 42, 'key', [], { kid: 'no-kty' }, { kty: 7 }] as unknown as PublicJwk[]
    const jwks = { keys: [...junk, leakedEc, { kty: 'oct', k: 'c2VjcmV0' }, leakedRsa] }
    expect(await outcome(await token('ES256', ec.privateKey), jwks)).toBe('valid joe')
    expect(await outcome(await token('RS256', rsa.privateKey), jwks)).toBe('valid joe')
    // The caller's JWKS is read, never changed.
    expect(leakedEc).toHaveProperty('d')
  })

  it('asks a key resolver for the key of each header', async () => {
    const k = await pair('PS256')
    const seen: string[] = []
    const resolver = (header: { alg: string; kid?: string | undefined }) => {
      seen.push(`${header.alg}/${header.kid}`)
      return k.publicKey
    }
    expect(await outcome(await token('PS256', k.privateKey, { kid: 'k9' }), resolver)).toBe('valid joe')
    expect(seen).toEqual(['PS256/k9'])
  })

  it("passes a resolver's own failure through, and words jose's", async () => {
    const k = await pair('RS256')
    const jwt = await token('RS256', k.privateKey)
    const fetchFailed = new RedirectlessError(ErrorCodes.SERVER_ERROR, 'JWKS failed with HTTP 503')
    await expect(
      validateIdToken(
        jwt,
        () => {
          throw fetchFailed
        },
        { issuer, clientId },
      ),
    ).rejects.toBe(fetchFailed)
    expect(
      await outcome(jwt, () => {
        throw new errors.JWKSNoMatchingKey()
      }),
    ).toBe('no key of the issuer matches it')
    // A key that cannot check this algorithm: an EC key for an RS256 token.
    expect(await outcome(jwt, async () => (await pair('ES256')).publicKey)).toBe(
      'the signature does not verify',
    )
  })
})
