import { inspect } from 'node:util'

/**
 * Recognisable secrets. Each is long and odd enough that finding it anywhere can only mean it
 * leaked there. The client secrets are also the HS256 keys of their apps, so at least 32 bytes.
 */
export const CANARY = {
  password: 'CANARY-PW-d41d8cd98f00',
  wrongPassword: 'CANARY-WRONGPW-98f00b204e98',
  /** Ten digits, like the real OTPs (the emulator is set to 10-digit codes so those are recognisable). */
  wrongOtp: '8675309421',
  pfClientSecret: 'CANARY-PF-CLIENT-SECRET-e99a18c428cb38d5f2608536',
  p1ClientSecret: 'CANARY-P1-CLIENT-SECRET-ab56b4d92b40713acc5af899',
  loginHintSecret: 'CANARY-LHT-SECRET-c4ca4238a0b923820dcc509a6f75',
  wrongClientSecret: 'CANARY-WRONG-CLIENT-SECRET-1679091c5a880faf6fb5',
} as const

/** `JSON.stringify` that survives cycles and prints actor references by id (inspection events hold them). */
export function safeJson(value: unknown): string {
  const seen = new WeakSet<object>()
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return String(v)
    if (v && typeof v === 'object') {
      if (seen.has(v)) return '[cycle]'
      seen.add(v)
      if ('sessionId' in v && 'send' in v) return `[actor ${String((v as { id?: unknown }).id)}]`
    }
    return v
  })
}

/** Every way an application could turn an error into text: message, String, JSON, util.inspect with its cause. */
export function errorTexts(error: unknown): string {
  const e = error as { message?: unknown; cause?: unknown }
  return [
    String(e?.message),
    String(error),
    safeJson(error),
    inspect(error, { depth: 12, showHidden: true }),
    inspect(e?.cause, { depth: 12, showHidden: true }),
  ].join('\n')
}

/** The canaries found in `text` (each with a little context, to tell where it leaked). */
export function found(text: string, canaries: Iterable<string>): string[] {
  const hits: string[] = []
  for (const canary of canaries) {
    const at = text.indexOf(canary)
    if (at >= 0) hits.push(`${canary.slice(0, 12)}… in «${text.slice(Math.max(0, at - 60), at + 20)}»`)
  }
  return hits
}
