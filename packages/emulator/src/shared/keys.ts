import { base64url, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose'
import { selfSignedCertificate } from './x509.js'

/** An RS256 signing key of one emulator half, made in memory when first needed, never written anywhere. */
export interface SigningKey {
  readonly kid: string
  /** The public JWKS the half serves at its `jwks_uri`. */
  readonly jwks: { keys: JWK[] }
  /** Signs a JWT with RS256 under this key's `kid`. */
  sign(payload: JWTPayload, header?: Record<string, unknown>): Promise<string>
}

/** How the key is published. */
export interface SigningKeyOptions {
  /**
   * Publish a self-signed certificate of the key in the JWKS (`x5c`, with its `x5t#S256`
   * thumbprint), as PingFederate does; its subject and issuer `CN` is this text.
   */
  readonly certificateSubject?: string
}

/** Generating an RSA key takes tens of milliseconds, so it happens on first use, once. */
export function lazySigningKey(
  kidPrefix: string,
  options: SigningKeyOptions = {},
): () => Promise<SigningKey> {
  let pending: Promise<SigningKey> | undefined
  return () => {
    pending ??= createSigningKey(kidPrefix, options)
    return pending
  }
}

async function createSigningKey(kidPrefix: string, options: SigningKeyOptions): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const kid = `${kidPrefix}-${crypto.randomUUID().slice(0, 8)}`
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }
  if (options.certificateSubject !== undefined) {
    const der = await selfSignedCertificate({ publicKey, privateKey }, options.certificateSubject)
    // x5c is standard base64 (RFC 7517 §4.7); the thumbprint is base64url (§4.9).
    jwk.x5c = [Buffer.from(der).toString('base64')]
    jwk['x5t#S256'] = base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', der)))
  }
  return {
    kid,
    jwks: { keys: [jwk] },
    sign: (payload, header = {}) =>
      new SignJWT(payload).setProtectedHeader({ ...header, alg: 'RS256', kid, typ: 'JWT' }).sign(privateKey),
  }
}
