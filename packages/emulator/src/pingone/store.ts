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

/** A refresh token's grant; reusable until it expires, revoked, or rotated (`rotateRefreshTokens`). */
export interface RefreshGrant extends Grant {
  readonly expiresAt: number
}

/** A user's state that sign-ons change; made from the user's config when first needed. */
export interface UserState {
  password: string | undefined
  /** Earlier passwords, newest first (the password policy's `history`). */
  readonly history: string[]
  passwordStatus: 'OK' | 'MUST_CHANGE_PASSWORD' | 'PASSWORD_EXPIRED' | 'NO_PASSWORD'
  verified: boolean
  readonly agreements: Set<string>
  readonly attributes: Record<string, string>
  /** Emulator ms of the user's last answer to progressive profiling. */
  profiledAt: number | undefined
  readonly externalIdentities: { readonly providerId: string; readonly subject: string }[]
  inviteCode: string | undefined
  /** Wrong passwords in a row. */
  failedPasswords: number
  /** Emulator ms until which the password is locked out. */
  lockedUntil: number | undefined
}

/** A device authorization grant (RFC 8628) from `/as/device_authorization` to its token. */
export interface DeviceCodeGrant {
  readonly clientId: string
  readonly scope: string
  /** `XXXX-XXXX`, what the device shows. */
  readonly userCode: string
  readonly expiresAt: number
  /** `approved` once the user consents, `denied` when they refuse; `redeemed` after the token call. */
  status: 'pending' | 'approved' | 'denied' | 'redeemed'
  /** The user's sign-on, once approved. */
  grant: Grant | undefined
  /** Emulator ms of the last token poll, for `slow_down`. */
  lastPoll: number | undefined
}

/** The PingOne half's in-memory state; one per emulator. */
export interface Store {
  readonly flows: Map<string, Flow>
  /** By `ST` cookie value. */
  readonly sessions: Map<string, Session>
  readonly codes: Map<string, CodeGrant>
  readonly refreshTokens: Map<string, RefreshGrant>
  /** Revoked access tokens (JWTs, so not stored when issued): their `jti`, until their `exp` (ms). */
  readonly revokedAccessTokens: Map<string, number>
  /** What sign-ons changed about users (passwords, consents, attributes, lockout), by user id. */
  readonly users: Map<string, UserState>
  /** Users created by `user.register` or an external sign-on, in creation order. */
  readonly registered: P1UserConfig[]
  /** Device authorization grants by device code. */
  readonly deviceCodes: Map<string, DeviceCodeGrant>
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
    revokedAccessTokens: new Map(),
    users: new Map(),
    registered: [],
    deviceCodes: new Map(),
    rateWindow: { start: 0, count: 0 },
  }
}
