import { encode as base64url } from 'jose/base64url'
import { utf8, webCrypto } from '../runtime.js'
import { cryptoRandomBytes, type RandomBytes, randomToken } from './random.js'

/** A PKCE pair: the verifier the token request sends, and the challenge the authorize request sends. */
export interface Pkce {
  readonly verifier: string
  readonly challenge: string
  readonly method: 'S256'
}

/** A PKCE S256 pair (RFC 7636): a 43-character verifier and its SHA-256 challenge. */
export async function createPkce(random: RandomBytes = cryptoRandomBytes): Promise<Pkce> {
  const verifier = randomToken(random, 32)
  const digest = await webCrypto('crypto.subtle').subtle.digest('SHA-256', utf8(verifier))
  return { verifier, challenge: base64url(new Uint8Array(digest)), method: 'S256' }
}
