const ALPHABET = /^[A-Za-z0-9_-]*$/

/** Bytes from unpadded base64url; undefined for anything else (padding, `+`, `/`, whitespace). */
export function decodeBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!ALPHABET.test(text) || text.length % 4 === 1) return undefined
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** A JSON object from a base64url segment; undefined when it is anything else. */
export function decodeJsonSegment(text: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64url(text)
  if (!bytes) return undefined
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
