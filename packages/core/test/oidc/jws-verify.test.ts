import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { JwsError, type PublicJwk, verifyCompactJws } from '../../src/oidc/jws-verify.js'

const ALL = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']

async function pair(alg: string) {
  const keys = await generateKeyPair(alg, { extractable: true })
  const jwk = (await exportJWK(keys.publicKey)) as PublicJwk
  return { privateKey: keys.privateKey, jwk }
}

const token = (alg: string, key: CryptoKey, header: Record<string, unknown> = {}) =>
  new SignJWT({ sub: 'joe' }).setProtectedHeader({ alg, ...header }).sign(key)

async function failure(promise: Promise<unknown>) {
  try {
    await promise
    return 'verified'
  } catch (error) {
    expect(error).toBeInstanceOf(JwsError)
    return (error as JwsError).reason
  }
}

describe('verifyCompactJws', () => {
  it.each(ALL)('verifies %s with WebCrypto, and refuses a token signed by another key', async (alg) => {
    const good = await pair(alg)
    const other = await pair(alg)
    const { payload, header } = await verifyCompactJws(
      await token(alg, good.privateKey),
      { keys: [good.jwk] },
      ALL,
    )
    expect(payload.sub).toBe('joe')
    expect(header.alg).toBe(alg)
    expect(
      await failure(verifyCompactJws(await token(alg, other.privateKey), { keys: [good.jwk] }, ALL)),
    ).toBe('signature')
  })

  it('tries every candidate when the header names no kid, and picks by kid when it does', async () => {
    const a = await pair('ES256')
    const b = await pair('ES256')
    const jwks = {
      keys: [
        { ...a.jwk, kid: 'a' },
        { ...b.jwk, kid: 'b' },
      ],
    }
    expect((await verifyCompactJws(await token('ES256', b.privateKey), jwks, ALL)).payload.sub).toBe('joe')
    expect(await failure(verifyCompactJws(await token('ES256', b.privateKey, { kid: 'a' }), jwks, ALL))).toBe(
      'signature',
    )
    expect(await failure(verifyCompactJws(await token('ES256', b.privateKey, { kid: 'c' }), jwks, ALL))).toBe(
      'no-key',
    )
  })

  it('skips keys for another use, algorithm, operation or curve', async () => {
    const k = await pair('ES256')
    const jwt = await token('ES256', k.privateKey)
    for (const jwk of [
      { ...k.jwk, use: 'enc' },
      { ...k.jwk, alg: 'ES384' },
      { ...k.jwk, key_ops: ['encrypt'] },
      { ...k.jwk, crv: 'P-384' },
      { ...k.jwk, kty: 'RSA' },
    ]) {
      expect(await failure(verifyCompactJws(jwt, { keys: [jwk] }, ALL))).toBe('no-key')
    }
  })

  it('refuses RSA keys under 2048 bits, alg none, HS*, algorithms not allowed and crit', async () => {
    // jose will not make a 1024-bit key, so WebCrypto makes and uses it.
    const algorithm = {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 1024,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    }
    const small = (await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair
    const smallJwk = (await crypto.subtle.exportKey('jwk', small.publicKey)) as unknown as PublicJwk
    const signingInput = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('{"sub":"joe"}').toString('base64url')}`
    const smallSig = await crypto.subtle.sign(
      algorithm,
      small.privateKey,
      new TextEncoder().encode(signingInput),
    )
    const weak = `${signingInput}.${Buffer.from(smallSig).toString('base64url')}`
    expect(await failure(verifyCompactJws(weak, { keys: [smallJwk] }, ALL))).toBe('signature')
    const k = await pair('RS256')
    const jwt = await token('RS256', k.privateKey)
    expect(await failure(verifyCompactJws(jwt, { keys: [k.jwk] }, ['ES256']))).toBe('algorithm')
    const [, body, sig] = jwt.split('.')
    const headerOf = (h: object) => Buffer.from(JSON.stringify(h)).toString('base64url')
    expect(
      await failure(verifyCompactJws(`${headerOf({ alg: 'none' })}.${body}.`, { keys: [k.jwk] }, ALL)),
    ).toBe('algorithm')
    expect(
      await failure(verifyCompactJws(`${headerOf({ alg: 'none' })}.${body}.${sig}`, { keys: [k.jwk] }, ALL)),
    ).toBe('algorithm')
    const hs = await new SignJWT({ sub: 'joe' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(JSON.stringify(k.jwk)))
    expect(await failure(verifyCompactJws(hs, { keys: [k.jwk] }, ALL))).toBe('algorithm')
    const crit = await token('RS256', k.privateKey, { crit: ['b64'], b64: true })
    expect(await failure(verifyCompactJws(crit, { keys: [k.jwk] }, ALL))).toBe('malformed')
  })

  it('refuses non-base64url segments, non-object JSON and a wrong segment count', async () => {
    const k = await pair('RS256')
    const jwt = await token('RS256', k.privateKey)
    const [head, body, sig] = jwt.split('.') as [string, string, string]
    const keys = { keys: [k.jwk] }
    for (const bad of [
      `${head}.${body}`,
      `${head}.${body}.${sig}.x`,
      `${head}=.${body}.${sig}`,
      `${head}.${body}.${sig.replace(/-/g, '+')}x+`,
      `${head}.${Buffer.from('[1]').toString('base64url')}.${sig}`,
      `${Buffer.from('"RS256"').toString('base64url')}.${body}.${sig}`,
      `${head}.${Buffer.from([0xff, 0xfe]).toString('base64url')}.${sig}`,
    ]) {
      expect(await failure(verifyCompactJws(bad, keys, ALL))).toBe('malformed')
    }
  })

  it('never imports private members of a key the JWKS leaks', async () => {
    const keys = await generateKeyPair('ES256', { extractable: true })
    const leaked = (await exportJWK(keys.privateKey)) as JWK as PublicJwk
    const jwt = await token('ES256', keys.privateKey)
    expect((await verifyCompactJws(jwt, { keys: [leaked] }, ALL)).payload.sub).toBe('joe')
  })

  it('asks a key function for the candidates of each header', async () => {
    const k = await pair('PS256')
    const seen: string[] = []
    const keys = (header: { alg: string; kid?: string | undefined }) => {
      seen.push(`${header.alg}/${header.kid}`)
      return [k.jwk]
    }
    await verifyCompactJws(await token('PS256', k.privateKey, { kid: 'k9' }), keys, ALL)
    expect(seen).toEqual(['PS256/k9'])
  })
})
