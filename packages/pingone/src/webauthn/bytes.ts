import { ErrorCodes, RedirectlessError } from '@redirectless/core'

/** How `toAssertion()` writes binary members: `base64` as Ping's browser sample does (`btoa`), or `base64url`. */
export type BinaryEncoding = 'base64' | 'base64url'

/**
 * Bytes from the forms PingOne uses: an array of (Java-style signed, or unsigned) byte values, or a
 * base64url / base64 string.
 */
export function readBytes(value: unknown, name: string): Uint8Array<ArrayBuffer> {
  if (Array.isArray(value)) {
    if (!value.every((n) => Number.isInteger(n) && n >= -128 && n <= 255))
      throw invalid(`${name} has a value that is not a byte`)
    // `& 0xff` maps Java's signed bytes (-128…-1) onto 128…255.
    return Uint8Array.from(value as number[], (n) => n & 0xff)
  }
  if (typeof value === 'string') {
    const b64 = value.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '')
    if (!/^[A-Za-z0-9+/]*$/.test(b64) || b64.length % 4 === 1) throw invalid(`${name} is not base64url`)
    const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4))
    return Uint8Array.from(binary, (c) => c.charCodeAt(0))
  }
  throw invalid(`${name} must be a byte array or a base64url string`)
}

/** `bytes` as base64 or base64url, without padding for base64url. */
export function encodeBytes(bytes: ArrayBuffer | ArrayBufferView, encoding: BinaryEncoding): string {
  const view =
    bytes instanceof ArrayBuffer
      ? new Uint8Array(bytes)
      : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let binary = ''
  for (const b of view) binary += String.fromCharCode(b)
  const b64 = btoa(binary)
  return encoding === 'base64' ? b64 : b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function invalid(message: string): RedirectlessError {
  return new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, message)
}
