import { createHmac } from 'node:crypto'

/**
 * RFC 6238 codes for the emulator's TOTP devices. Both logins under test compute the code here
 * instead of reading the emulator's outbox, because over loopback the emulator runs in another
 * process; the code is cached per 30 s step so its cost stays out of the comparison.
 */
const STEP_MS = 30_000

/** The RFC 6238 test secret ("12345678901234567890") that the emulator gives `ann`'s TOTP device. */
export const RFC6238_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'

const cache = new Map<string, { step: number; code: string }>()

export function totp(secretBase32: string = RFC6238_SECRET, now: number = Date.now()): string {
  const step = Math.floor(now / STEP_MS)
  const hit = cache.get(secretBase32)
  if (hit?.step === step) return hit.code
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(step))
  const mac = createHmac('sha1', base32Decode(secretBase32)).update(counter).digest()
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f
  const code = String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')
  cache.set(secretBase32, { step, code })
  return code
}

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = 0
  let value = 0
  const out: number[] = []
  for (const char of text.toUpperCase().replace(/=+$/, '')) {
    value = (value << 5) | alphabet.indexOf(char)
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return Buffer.from(out)
}
