/**
 * A minimal self-signed X.509 v3 certificate (RFC 5280) for an RSA key, DER-encoded by hand: Node
 * 20's `crypto.X509Certificate` only parses certificates, and WebCrypto has no certificate API.
 * The certificate carries what a JWKS `x5c` needs and nothing more: version 3, a random positive
 * serial, sha256WithRSAEncryption, the same `CN` as issuer and subject, a validity window, the
 * key's SubjectPublicKeyInfo, no extensions; signed with the key itself.
 */

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11'
const COMMON_NAME = '2.5.4.3'

/** DER: tag, definite length, content. */
function tlv(tag: number, content: Uint8Array): Uint8Array<ArrayBuffer> {
  const n = content.length
  let length: number[]
  if (n < 0x80) length = [n]
  else {
    const bytes: number[] = []
    for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff)
    length = [0x80 | bytes.length, ...bytes]
  }
  const out = new Uint8Array(1 + length.length + n)
  out[0] = tag
  out.set(length, 1)
  out.set(content, 1 + length.length)
  return out
}

function concat(...parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

const sequence = (...parts: readonly Uint8Array[]) => tlv(0x30, concat(...parts))
const set = (...parts: readonly Uint8Array[]) => tlv(0x31, concat(...parts))
const NULL = Uint8Array.of(0x05, 0x00)

function oid(dotted: string): Uint8Array<ArrayBuffer> {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number)
  const bytes = [first * 40 + second]
  for (const arc of rest) {
    const base128: number[] = []
    for (let v = arc; ; v = Math.floor(v / 128)) {
      base128.unshift((v & 0x7f) | (base128.length > 0 ? 0x80 : 0))
      if (v < 128) break
    }
    bytes.push(...base128)
  }
  return tlv(0x06, Uint8Array.from(bytes))
}

/** UTCTime until 2049, GeneralizedTime from 2050 on (RFC 5280 §4.1.2.5). */
function time(date: Date): Uint8Array<ArrayBuffer> {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) // YYYYMMDDHHMMSS
  const year = date.getUTCFullYear()
  return year < 2050
    ? tlv(0x17, new TextEncoder().encode(`${iso.slice(2)}Z`))
    : tlv(0x18, new TextEncoder().encode(`${iso}Z`))
}

function name(commonName: string): Uint8Array<ArrayBuffer> {
  return sequence(set(sequence(oid(COMMON_NAME), tlv(0x0c, new TextEncoder().encode(commonName)))))
}

/**
 * A self-signed certificate for an RS256 key pair (WebCrypto `RSASSA-PKCS1-v1_5` / SHA-256, the
 * public key exportable), valid from a day ago for ten years.
 */
export async function selfSignedCertificate(
  keys: { readonly publicKey: CryptoKey; readonly privateKey: CryptoKey },
  commonName: string,
  now: Date = new Date(),
): Promise<Uint8Array<ArrayBuffer>> {
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey))
  const serial = crypto.getRandomValues(new Uint8Array(16))
  // Positive (top bit clear) and with no leading zero byte, as DER INTEGERs must be.
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01
  const algorithm = sequence(oid(SHA256_WITH_RSA), NULL)
  const issued = new Date(now.getTime() - 24 * 3600 * 1000)
  const expires = new Date(now.getTime() + 10 * 365 * 24 * 3600 * 1000)
  const tbs = sequence(
    tlv(0xa0, tlv(0x02, Uint8Array.of(2))), // [0] EXPLICIT version v3
    tlv(0x02, serial),
    algorithm,
    name(commonName),
    sequence(time(issued), time(expires)),
    name(commonName),
    spki,
  )
  const signature = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', keys.privateKey, tbs))
  // A BIT STRING's first content byte counts the unused bits of the last byte: none.
  return sequence(tbs, algorithm, tlv(0x03, concat(Uint8Array.of(0), signature)))
}
