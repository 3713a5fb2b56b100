/** Randomness source; injectable so tests can be deterministic. */
export type RandomBytes = (length: number) => Uint8Array

export const cryptoRandomBytes: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length))

export function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** A random URL-safe string carrying `bytes` bytes of entropy. */
export function randomToken(random: RandomBytes = cryptoRandomBytes, bytes = 32): string {
  return base64url(random(bytes))
}
