import { base64url } from '@redirectless/core'

/** A Node `KeyObject`, described by shape so browser builds need no Node types. */
export interface NodeKeyObject {
  readonly type: string
  export(options: { format: 'jwk' }): JsonWebKey
}

const encoder = new TextEncoder()
const segment = (value: object) => base64url(encoder.encode(JSON.stringify(value)))

/** `header.payload`, base64url-encoded JSON. */
export function signingInput(header: object, payload: object): string {
  return `${segment(header)}.${segment(payload)}`
}

/**
 * The WebCrypto key for `alg` (`HS*` or `RS*` with SHA-256/384/512). Throws when the key cannot
 * sign that algorithm: a public or non-RSA key, another hash, or an RSA modulus under 2048 bits.
 */
export async function signingKey(
  alg: string,
  key: Uint8Array | CryptoKey | JsonWebKey | NodeKeyObject,
): Promise<CryptoKey> {
  const hash = `SHA-${alg.slice(2)}`
  if (alg.startsWith('HS')) {
    return crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash }, false, [
      'sign',
    ])
  }
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash }
  let cryptoKey: CryptoKey
  if (typeof CryptoKey !== 'undefined' && key instanceof CryptoKey) cryptoKey = key
  else {
    const jwk =
      typeof (key as NodeKeyObject).export === 'function'
        ? (key as NodeKeyObject).type === 'private'
          ? (key as NodeKeyObject).export({ format: 'jwk' })
          : undefined
        : (key as JsonWebKey)
    if (jwk?.kty !== 'RSA' || typeof jwk.d !== 'string') throw new Error('not an RSA private key')
    const { alg: _alg, key_ops: _ops, use: _use, ...material } = jwk
    cryptoKey = await crypto.subtle.importKey('jwk', material, algorithm, false, ['sign'])
  }
  const { name, hash: keyHash, modulusLength } = cryptoKey.algorithm as RsaHashedKeyAlgorithm
  if (
    cryptoKey.type !== 'private' ||
    name !== algorithm.name ||
    keyHash?.name !== hash ||
    !(modulusLength >= 2048) ||
    !cryptoKey.usages.includes('sign')
  ) {
    throw new Error('the key cannot sign this algorithm')
  }
  return cryptoKey
}

/** A compact JWS of `payload`, signed with `key` (see {@link signingKey}). */
export async function signCompact(
  header: { alg: string; [name: string]: unknown },
  payload: object,
  key: CryptoKey,
): Promise<string> {
  const input = signingInput(header, payload)
  const signature = await crypto.subtle.sign(key.algorithm.name, key, encoder.encode(input))
  return `${input}.${base64url(new Uint8Array(signature))}`
}
