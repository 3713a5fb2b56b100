import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose'

/** An RS256 signing key of one emulator half, made in memory when first needed, never written anywhere. */
export interface SigningKey {
  readonly kid: string
  /** The public JWKS the half serves at its `jwks_uri`. */
  readonly jwks: { keys: JWK[] }
  /** Signs a JWT with RS256 under this key's `kid`. */
  sign(payload: JWTPayload, header?: Record<string, unknown>): Promise<string>
}

/** Generating an RSA key takes tens of milliseconds, so it happens on first use, once. */
export function lazySigningKey(kidPrefix: string): () => Promise<SigningKey> {
  let pending: Promise<SigningKey> | undefined
  return () => {
    pending ??= createSigningKey(kidPrefix)
    return pending
  }
}

async function createSigningKey(kidPrefix: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const kid = `${kidPrefix}-${crypto.randomUUID().slice(0, 8)}`
  const jwk = await exportJWK(publicKey)
  return {
    kid,
    jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] },
    sign: (payload, header = {}) =>
      new SignJWT(payload).setProtectedHeader({ ...header, alg: 'RS256', kid, typ: 'JWT' }).sign(privateKey),
  }
}
