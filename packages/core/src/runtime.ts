import { ErrorCodes } from './errors/codes.js'
import { RedirectlessError } from './errors/redirectless-error.js'

/**
 * The Web APIs the packages need beyond JavaScript itself, and what adds each where a runtime lacks
 * it (React Native's Hermes, older engines). Node ≥ 20, Deno, Bun and browsers have them all.
 */
const PROVIDERS = {
  fetch: 'pass `fetch` in the client options',
  'crypto.getRandomValues': 'install react-native-get-random-values and import it first',
  'crypto.subtle':
    'install a WebCrypto implementation (e.g. react-native-quick-crypto) and install it as globalThis.crypto',
  TextEncoder: 'use React Native 0.74 or later (Hermes has TextEncoder), or a TextEncoder polyfill',
  AbortController: 'use React Native 0.60 or later, or an AbortController polyfill',
} as const

export type RuntimeApi = keyof typeof PROVIDERS

/** `UNSUPPORTED_RUNTIME` naming the API that is missing and how to add it. */
export function missingApi(api: RuntimeApi): RedirectlessError {
  return new RedirectlessError(
    ErrorCodes.UNSUPPORTED_RUNTIME,
    `This runtime has no ${api}, which the sign-in needs: ${PROVIDERS[api]}`,
  )
}

/** The platform's WebCrypto, checked: a coded error instead of a bare ReferenceError where it lacks one. */
export function webCrypto(api: 'crypto.getRandomValues' | 'crypto.subtle'): Crypto {
  const crypto = (globalThis as { crypto?: Partial<Crypto> }).crypto
  const ok =
    api === 'crypto.subtle'
      ? typeof crypto?.subtle?.digest === 'function'
      : typeof crypto?.getRandomValues === 'function'
  if (!ok) throw missingApi(api)
  return crypto as Crypto
}

/** UTF-8 bytes of `text`, with a coded error where the runtime has no TextEncoder. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  if (typeof TextEncoder !== 'function') throw missingApi('TextEncoder')
  return new TextEncoder().encode(text)
}
