import { createPublicKey, KeyObject, sign } from 'node:crypto'
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import type { SigningKey } from '../shared/keys.js'

/**
 * PingOne's signing key: RS256, published with its certificate (`x5c`) as PingOne's JWKS does. The
 * certificate is self-signed, made with the key when first needed, in memory only.
 */
export function lazyPingOneSigningKey(issuer: string): () => Promise<SigningKey> {
  let pending: Promise<SigningKey> | undefined
  return () => {
    pending ??= createSigningKey(issuer)
    return pending
  }
}

async function createSigningKey(issuer: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const kid = `p1-${crypto.randomUUID().slice(0, 8)}`
  const jwk = await exportJWK(publicKey)
  const certificate = selfSignedCertificate(KeyObject.from(privateKey), jwk, new URL(issuer).hostname)
  return {
    kid,
    jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig', x5c: [certificate.toString('base64')] }] },
    sign: (payload, header = {}) =>
      new SignJWT(payload).setProtectedHeader({ ...header, alg: 'RS256', kid, typ: 'JWT' }).sign(privateKey),
  }
}

/**
 * A minimal X.509 v3 certificate, DER: subject = issuer = `CN=<host>`, a random positive serial,
 * valid from a day ago for a year, sha256WithRSAEncryption, no extensions. Enough for readers of
 * `x5c`, which take the key from it (and may check it is the JWK's).
 */
export function selfSignedCertificate(privateKey: KeyObject, jwk: JWK, host: string): Buffer {
  const spki = createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' }).export({
    type: 'spki',
    format: 'der',
  })
  const sha256WithRsa = seq(oid([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b]), tlv(0x05, []))
  const name = seq(tlv(0x31, seq(oid([0x55, 0x04, 0x03]), tlv(0x0c, [...Buffer.from(host, 'utf8')]))))
  const now = Date.now()
  const serial = [...crypto.getRandomValues(new Uint8Array(16))]
  serial[0] = (serial[0] ?? 0) & 0x7f // positive
  const tbs = seq(
    tlv(0xa0, integer([2])), // v3
    integer(serial),
    sha256WithRsa,
    name,
    seq(utcTime(now - 86_400_000), utcTime(now + 365 * 86_400_000)),
    name,
    [...spki],
  )
  const signature = sign('sha256', Buffer.from(tbs), privateKey)
  return Buffer.from(seq(tbs, sha256WithRsa, tlv(0x03, [0, ...signature])))
}

function tlv(tag: number, content: readonly number[]): number[] {
  const n = content.length
  if (n < 0x80) return [tag, n, ...content]
  const bytes: number[] = []
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff)
  return [tag, 0x80 | bytes.length, ...bytes, ...content]
}

function seq(...parts: readonly number[][]): number[] {
  return tlv(0x30, parts.flat())
}

function oid(encoded: readonly number[]): number[] {
  return tlv(0x06, encoded)
}

function integer(bytes: readonly number[]): number[] {
  return tlv(0x02, (bytes[0] ?? 0) & 0x80 ? [0, ...bytes] : [...bytes])
}

function utcTime(ms: number): number[] {
  const text = new Date(ms).toISOString().replace(/[-:T]/g, '').slice(2, 14) // YYMMDDHHMMSS
  return tlv(0x17, [...Buffer.from(`${text}Z`, 'ascii')])
}
