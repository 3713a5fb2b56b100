import { encode as base64url } from 'jose/base64url'
import { webCrypto } from '../runtime.js'

/** Randomness source; injectable so tests can be deterministic. */
export type RandomBytes = (length: number) => Uint8Array

/** The platform's CSPRNG (`crypto.getRandomValues`), the default {@link RandomBytes}. */
export const cryptoRandomBytes: RandomBytes = (length) =>
  webCrypto('crypto.getRandomValues').getRandomValues(new Uint8Array(length))

/** A random URL-safe string (unpadded base64url) carrying `bytes` bytes of entropy. */
export function randomToken(random: RandomBytes = cryptoRandomBytes, bytes = 32): string {
  return base64url(random(bytes))
}
