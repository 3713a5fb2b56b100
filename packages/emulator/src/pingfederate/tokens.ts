import { base64url } from 'jose'
import type { HalfContext } from '../shared/half.js'
import { opaqueToken } from '../shared/ids.js'
import type { PkceMethod } from './config.js'
import type { UserDirectory } from './users.js'

/** What a user authorised a client to have: the input of every token issued. */
export interface Grant {
  readonly clientId: string
  readonly username: string
  readonly scope: readonly string[]
  /** When the user last authenticated (ms on the emulator clock). */
  readonly authTime: number
  readonly nonce: string | undefined
}

/** An issued authorization code and what the token request must match. */
export interface CodeRecord {
  readonly grant: Grant
  readonly redirectUri: string | undefined
  readonly codeChallenge: string | undefined
  readonly codeChallengeMethod: PkceMethod | undefined
  readonly expiresAt: number
  used: boolean
  /** Tokens issued for this code, revoked if the code is replayed (RFC 6749 §4.1.2). */
  readonly issued: Set<string>
}

/** An issued refresh token. */
export interface RefreshRecord {
  readonly grant: Grant
  readonly expiresAt: number
}

/** Lifetimes in seconds, from the half's config. */
export interface TokenLifetimes {
  readonly authorizationCodeSeconds: number
  readonly accessTokenSeconds: number
  readonly idTokenSeconds: number
  readonly refreshTokenSeconds: number
}

/** Issues and remembers codes, access tokens and refresh tokens; signs id_tokens. */
export interface TokenService {
  issueCode(grant: Grant, pkce: Omit<CodeRecord, 'grant' | 'expiresAt' | 'used' | 'issued'>): string
  /** The code's record, until it expires; single use is the caller's job (`used`). */
  findCode(code: string): CodeRecord | undefined
  issueAccessToken(grant: Grant, fromCode?: CodeRecord): { token: string; expiresIn: number }
  issueRefreshToken(grant: Grant, fromCode?: CodeRecord): string
  findAccessToken(token: string): Grant | undefined
  findRefreshToken(token: string): RefreshRecord | undefined
  revoke(token: string): void
  /** An RS256 id_token; `accessToken`/`code` add `at_hash`/`c_hash`. */
  signIdToken(
    grant: Grant,
    extras: { accessToken?: string; code?: string; withNonce: boolean },
  ): Promise<string>
}

/** An in-memory token service; expired entries are swept when a code is issued. */
export function createTokenService(
  ctx: HalfContext,
  lifetimes: TokenLifetimes,
  users: UserDirectory,
): TokenService {
  const codes = new Map<string, CodeRecord>()
  const accessTokens = new Map<string, { grant: Grant; expiresAt: number }>()
  const refreshTokens = new Map<string, RefreshRecord>()
  const now = () => ctx.clock.now()
  const sweep = () => {
    const t = now()
    for (const [k, v] of codes) if (v.expiresAt <= t) codes.delete(k)
    for (const [k, v] of accessTokens) if (v.expiresAt <= t) accessTokens.delete(k)
    for (const [k, v] of refreshTokens) if (v.expiresAt <= t) refreshTokens.delete(k)
  }

  return {
    issueCode(grant, pkce) {
      sweep()
      const code = opaqueToken(24)
      codes.set(code, {
        grant,
        ...pkce,
        expiresAt: now() + lifetimes.authorizationCodeSeconds * 1000,
        used: false,
        issued: new Set(),
      })
      return code
    },
    findCode(code) {
      const record = codes.get(code)
      if (!record) return undefined
      if (record.expiresAt <= now()) {
        codes.delete(code)
        return undefined
      }
      return record
    },
    issueAccessToken(grant, fromCode) {
      const token = opaqueToken(32)
      accessTokens.set(token, { grant, expiresAt: now() + lifetimes.accessTokenSeconds * 1000 })
      fromCode?.issued.add(token)
      return { token, expiresIn: lifetimes.accessTokenSeconds }
    },
    issueRefreshToken(grant, fromCode) {
      const token = opaqueToken(32)
      refreshTokens.set(token, { grant, expiresAt: now() + lifetimes.refreshTokenSeconds * 1000 })
      fromCode?.issued.add(token)
      return token
    },
    findAccessToken(token) {
      const record = accessTokens.get(token)
      return record && record.expiresAt > now() ? record.grant : undefined
    },
    findRefreshToken(token) {
      const record = refreshTokens.get(token)
      return record && record.expiresAt > now() ? record : undefined
    },
    revoke(token) {
      accessTokens.delete(token)
      refreshTokens.delete(token)
    },
    async signIdToken(grant, extras) {
      const iat = Math.floor(now() / 1000)
      const user = users.find(grant.username)
      const payload: Record<string, unknown> = {
        ...(user ? users.claimsFor(user, grant.scope) : {}),
        iss: ctx.baseUrl,
        sub: grant.username,
        aud: grant.clientId,
        iat,
        exp: iat + lifetimes.idTokenSeconds,
        auth_time: Math.floor(grant.authTime / 1000),
        jti: crypto.randomUUID(),
      }
      if (extras.withNonce && grant.nonce !== undefined) payload.nonce = grant.nonce
      if (extras.accessToken !== undefined) payload.at_hash = await leftHalfHash(extras.accessToken)
      if (extras.code !== undefined) payload.c_hash = await leftHalfHash(extras.code)
      const key = await ctx.signingKey()
      return key.sign(payload)
    },
  }
}

/** OIDC Core §3.1.3.6 / §3.3.2.11: base64url of the left half of SHA-256 (the RS256 hash) of the value. */
export async function leftHalfHash(value: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value)))
  return base64url.encode(digest.slice(0, digest.length / 2))
}
