import { createHash } from 'node:crypto'

/** Bytes as base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url')
}

/** Bytes as standard base64, as Ping's browser sample (`btoa`) writes assertion members. */
export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64')
}

/** Decodes base64 or base64url, padded or not (Node's decoder takes both alphabets). */
export function decodeBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'))
}

/** Bytes as Java-style signed bytes (`[-85, 59, …]`), the form of PingOne's FIDO2 request options. */
export function signedByteArray(bytes: Uint8Array): number[] {
  return Array.from(bytes, (b) => (b > 127 ? b - 256 : b))
}

/** Reads bytes written as a (signed or unsigned) byte array or a base64url string; undefined otherwise. */
export function readBytes(value: unknown): Uint8Array | undefined {
  if (typeof value === 'string') return decodeBase64(value)
  if (Array.isArray(value) && value.every((n) => Number.isInteger(n) && n >= -128 && n <= 255)) {
    return Uint8Array.from(value as number[], (n) => n & 0xff)
  }
  return undefined
}

/** Compares byte strings without an early exit. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return diff === 0
}

/** SHA-256 of the bytes. */
export function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes).digest())
}

/** The parts joined into one byte array. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}
