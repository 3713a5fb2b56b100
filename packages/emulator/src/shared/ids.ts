const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** A random alphanumeric id of `length` characters (PingFederate flow ids are 5 in every sample). */
export function alphanumericId(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  let out = ''
  for (const b of bytes) out += ALPHANUMERIC[b % ALPHANUMERIC.length]
  return out
}

/** A random opaque token (cookie values, codes), base64url of `bytes` random bytes. */
export function opaqueToken(bytes = 24): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('base64url')
}

/** A random digit string, e.g. an OTP. */
export function digits(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  let out = ''
  for (const b of bytes) out += String(b % 10)
  return out
}

export function uuid(): string {
  return crypto.randomUUID()
}
