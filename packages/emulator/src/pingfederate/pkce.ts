import { base64url } from 'jose'
import type { PkceMethod } from './config.js'

/** RFC 7636 §4.1/§4.2: 43–128 characters from the unreserved set. */
const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/

/** Whether a `code_challenge` or `code_verifier` has the RFC 7636 syntax. */
export function isPkceValue(value: string): boolean {
  return PKCE_VALUE.test(value)
}

/** The S256 transformation: base64url(SHA-256(ASCII(verifier))). */
export async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))
  return base64url.encode(new Uint8Array(digest))
}

/** Whether `verifier` matches the `challenge` made with `method`. */
export async function verifyPkce(verifier: string, challenge: string, method: PkceMethod): Promise<boolean> {
  if (!isPkceValue(verifier)) return false
  const derived = method === 'S256' ? await s256(verifier) : verifier
  return derived === challenge
}
