import type { Emulator } from '@redirectless/emulator'
import { decodeJwt, decodeProtectedHeader, exportJWK, type JWK, type JWTPayload, SignJWT } from 'jose'
import { classify } from '../../reliability/support/recording-fetch.js'

type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>
type KeyPair = { readonly privateKey: CryptoKey; readonly publicKey: CryptoKey }

/** What an attacker in the middle (or a compromised proxy) does to the answers. */
export interface Forgery {
  /**
   * Replaces every id_token (token endpoint, and the front channel: PingFederate's COMPLETED flow,
   * PingOne's resume) by what this returns, given the honest token's claims and header.
   */
  readonly idToken?: (claims: JWTPayload, header: Record<string, unknown>) => Promise<string> | string
  /** Rewrites `authorizeResponse.state`; `undefined` removes it. */
  readonly state?: (honest: unknown) => string | undefined
  /** Serves this JWKS instead of the issuer's: the attacker's key passed off as the issuer's. */
  readonly jwks?: { readonly keys: readonly JWK[] }
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** A compact JWT with `alg: none` and an empty signature. */
export function unsecured(claims: JWTPayload, header: Record<string, unknown> = {}): string {
  return `${b64url({ ...header, alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`
}

/** Signs `claims` with any algorithm and key jose accepts (including an HMAC over a public key). */
export function sign(
  claims: JWTPayload,
  alg: string,
  key: CryptoKey | Uint8Array,
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ ...header, alg, typ: 'JWT' }).sign(key)
}

/** The attacker's RSA key and its public JWK under a chosen `kid`. */
export async function attackerKey(keys: KeyPair, kid: string): Promise<JWK> {
  return { ...(await exportJWK(keys.publicKey)), kid, alg: 'RS256', use: 'sig' }
}

function rewriteAuthorizeResponse(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const inner = body.authorizeResponse
  return inner && typeof inner === 'object' && !Array.isArray(inner)
    ? (inner as Record<string, unknown>)
    : undefined
}

/**
 * A fetch in front of the emulator's that applies `forgery()`'s current rewrite to token, flow,
 * resume and JWKS answers. The emulator signs honestly; this is the only way to hand the client a
 * token it must refuse. `forgery` is read per request, so one client can meet several forgeries.
 */
export function forgingFetch(emu: Emulator, base: FetchLike, forgery: () => Forgery): FetchLike {
  return async (input, init) => {
    const response = await base(input, init)
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
    const { route } = classify(emu, url)
    const plan = forgery()
    if (!['token', 'flow', 'resume', 'jwks'].includes(route) || response.status !== 200) return response
    const text = await response.text()
    const answer = (body: string) => {
      const headers = new Headers(response.headers)
      headers.delete('content-length')
      return new Response(body, { status: response.status, headers })
    }
    let body: Record<string, unknown>
    try {
      body = JSON.parse(text) as Record<string, unknown>
    } catch {
      return answer(text)
    }
    if (route === 'jwks') return answer(JSON.stringify(plan.jwks ?? body))
    const forge = async (holder: Record<string, unknown>) => {
      if (plan.idToken && typeof holder.id_token === 'string') {
        holder.id_token = await plan.idToken(
          decodeJwt(holder.id_token),
          decodeProtectedHeader(holder.id_token),
        )
      }
    }
    if (route === 'token') await forge(body)
    const front = rewriteAuthorizeResponse(body)
    if (front) {
      await forge(front)
      if (plan.state) {
        const state = plan.state(front.state)
        if (state === undefined) delete front.state
        else front.state = state
      }
    }
    return answer(JSON.stringify(body))
  }
}
