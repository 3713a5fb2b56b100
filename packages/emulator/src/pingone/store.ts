import type { P1UserConfig } from './config.js'
import type { Flow, Session } from './flow.js'

/** What an issued token is about: the same for authorization codes, refresh tokens and implicit tokens. */
export interface Grant {
  readonly clientId: string
  readonly scope: string
  readonly user: P1UserConfig
  readonly sessionId: string | undefined
  readonly authTime: number
  /** The sign-on policy name. */
  readonly acr: string
  readonly amr: readonly string[]
  readonly nonce: string | undefined
}

/** An authorization code made by resume; single use. */
export interface CodeGrant extends Grant {
  readonly redirectUri: string | undefined
  readonly codeChallenge: string | undefined
  readonly codeChallengeMethod: 'S256' | 'plain' | undefined
  readonly expiresAt: number
  used: boolean
}

/** A refresh token's grant; reusable until it expires (no rotation). */
export interface RefreshGrant extends Grant {
  readonly expiresAt: number
}

/** The PingOne half's in-memory state; one per emulator. */
export interface Store {
  readonly flows: Map<string, Flow>
  /** By `ST` cookie value. */
  readonly sessions: Map<string, Session>
  readonly codes: Map<string, CodeGrant>
  readonly refreshTokens: Map<string, RefreshGrant>
  /** Passwords changed through `password.recover`, by user id. */
  readonly passwords: Map<string, string>
  /** The current rate-limit window. */
  rateWindow: { start: number; count: number }
}

/** An empty store. */
export function createStore(): Store {
  return {
    flows: new Map(),
    sessions: new Map(),
    codes: new Map(),
    refreshTokens: new Map(),
    passwords: new Map(),
    rateWindow: { start: 0, count: 0 },
  }
}
