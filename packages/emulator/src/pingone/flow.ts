import type { P1ApplicationConfig, P1UserConfig, SignOnPolicyConfig } from './config.js'
import type { PiTemplate } from './templates.js'

/** The flow statuses the emulator produces (contract §3.3). */
export type FlowStatus =
  | 'USERNAME_PASSWORD_REQUIRED'
  | 'SIGN_ON_REQUIRED'
  | 'PASSWORD_REQUIRED'
  | 'MUST_CHANGE_PASSWORD'
  | 'PASSWORD_EXPIRED'
  | 'VERIFICATION_CODE_REQUIRED'
  | 'AGREEMENT_CONSENT_REQUIRED'
  | 'PROFILE_DATA_REQUIRED'
  | 'EXTERNAL_AUTHENTICATION_REQUIRED'
  | 'ACCOUNT_CONFIRMATION_REQUIRED'
  | 'ACCOUNT_LINKING_REQUIRED'
  | 'DAG_USER_CODE_REQUIRED'
  | 'DAG_CONSENT_REQUIRED'
  | 'RECOVERY_CODE_REQUIRED'
  | 'DEVICE_SELECTION_REQUIRED'
  | 'OTP_REQUIRED'
  | 'PUSH_CONFIRMATION_REQUIRED'
  | 'PUSH_CONFIRMATION_TIMED_OUT'
  | 'ASSERTION_REQUIRED'
  | 'COMPLETED'
  | 'FAILED'

/** Statuses in which the flow shows `_embedded.devices`, `selectedDevice` and `bypassAllowed`. */
export const MFA_STATUSES: ReadonlySet<FlowStatus> = new Set([
  'DEVICE_SELECTION_REQUIRED',
  'OTP_REQUIRED',
  'PUSH_CONFIRMATION_REQUIRED',
  'PUSH_CONFIRMATION_TIMED_OUT',
  'ASSERTION_REQUIRED',
])

/** Statuses no action leaves. */
export const TERMINAL_STATUSES: ReadonlySet<FlowStatus> = new Set(['COMPLETED', 'FAILED'])

/** One component of `response_type`. */
export type ResponseTypePart = 'code' | 'token' | 'id_token'

/** The validated authorize request a flow was started with. */
export interface AuthorizeRequest {
  readonly clientId: string
  readonly responseType: readonly ResponseTypePart[]
  readonly scope: string
  readonly state?: string
  readonly nonce?: string
  readonly redirectUri?: string
  readonly codeChallenge?: string
  readonly codeChallengeMethod?: 'S256' | 'plain'
  readonly maxAge?: number
  /** Claims that only the `request` JWT can set (contract §2.3). */
  readonly piRemoteIp?: string
  readonly piTemplate?: PiTemplate
  readonly piClientContext?: Readonly<Record<string, unknown>>
}

/** The sign-on session behind the `ST` cookie. */
export interface Session {
  /** The `ST` cookie value. */
  readonly token: string
  /** `session.id` in the flow, `sid` in the id_token. */
  readonly id: string
  readonly userId: string
  readonly createdAt: number
  /**
   * Emulator ms of the session's last sign-on with a password (PingOne's
   * `session.lastSignOn.withAuthenticator.pwd.at`): a later flow's LOGIN step is skipped until it is
   * older than the step's `lastSignOnOlderThanSeconds`. Undefined until a flow completes with one.
   */
  passwordAt: number | undefined
}

/** Why a flow is `FAILED` (the `error` member; shape borrowed from PingOne's deviceAuthentications). */
export interface FlowError {
  readonly code: string
  readonly message: string
}

/** An OTP waiting for `otp.check`. TOTP codes are computed, not stored. */
export type PendingOtp =
  | { readonly kind: 'sent'; readonly deviceId: string; readonly code: string; readonly expiresAt: number }
  | { readonly kind: 'totp'; readonly deviceId: string }

/** A push waiting for the phone. */
export interface PendingPush {
  readonly deviceId: string
  readonly startedAt: number
  readonly deadline: number
}

/** How the flow learnt who the user is. */
export type IdentifiedBy =
  | 'hint'
  | 'lookup'
  | 'password'
  | 'register'
  | 'external'
  | 'invite'
  | 'kerberos'
  /** The browser's `ST` session, signed on with a password recently enough (`ssoSessions`). */
  | 'session'

/** An account at an external identity provider, as its sign-on reported it. */
export interface ExternalIdentity {
  readonly providerId: string
  readonly subject: string
  readonly username?: string
  readonly email?: string
  readonly givenName?: string
  readonly familyName?: string
}

/** A FIDO2 challenge waiting for `assertion.check`. */
export interface PendingAssertion {
  readonly deviceId: string
  readonly challenge: Uint8Array
}

/** One flow's whole state. Mutable: handlers move it along in place. */
export interface Flow {
  readonly id: string
  readonly app: P1ApplicationConfig
  readonly request: AuthorizeRequest
  readonly policy: SignOnPolicyConfig
  readonly createdAt: number
  /** The user the `login_hint_token` named; `session.reset` returns to it. */
  readonly initialUser: P1UserConfig | undefined
  /** The policy's MFA step does not apply (`pi.remoteIp` in an allow-listed range). */
  readonly skipMfa: boolean
  expiresAt: number
  status: FlowStatus
  user: P1UserConfig | undefined
  passwordVerified: boolean
  mfaSatisfied: boolean
  session: Session | undefined
  /** `ST` still has to be sent on the next response. */
  cookiePending: boolean
  selectedDeviceId: string | undefined
  /** Wrong OTPs and assertions per device id (`userRetries`); kept across `session.reset`. */
  readonly retries: Map<string, number>
  /** Device id → emulator ms until which it is locked (`otpLockout: 'lock-device'`). */
  readonly lockedUntil: Map<string, number>
  otp: PendingOtp | undefined
  push: PendingPush | undefined
  assertion: PendingAssertion | undefined
  /** A password recovery code sent by `password.forgot` (userId '' for an unknown username). */
  recovery: { readonly code: string; readonly userId: string } | undefined
  /** How the user became known; undefined while nobody is. */
  identifiedBy: IdentifiedBy | undefined
  /** `user.lookup` of a username no user has (`userLookupUnknownUser: 'PASSWORD_REQUIRED'`). */
  lookupUsername: string | undefined
  /** The account verification code e-mailed in `VERIFICATION_CODE_REQUIRED`. */
  verification: { readonly code: string } | undefined
  /** Progressive profiling asks once per flow, even when optional attributes stay empty. */
  profiled: boolean
  /** The policy's IDENTITY_PROVIDER step is done. */
  externalDone: boolean
  /** An external account that matched no user, waiting for `user.confirm` or account linking. */
  external: ExternalIdentity | undefined
  /** A device authorization grant verification: the device code it approves, once the user code matched. */
  deviceCode: string | undefined
  /** The device code the flow was started with (a `user_code` in the verification URL); `session.reset` keeps it. */
  readonly initialDeviceCode: string | undefined
  /** A device app's verification flow: it ends with `DAG_CONSENT_REQUIRED`. */
  readonly deviceGrant: boolean
  /** The browser presented a Kerberos ticket for this user (`emu.pingOneBrowser.kerberos()`). */
  kerberosUser: string | undefined
  /** RFC 8176 methods used, for the id_token's `amr`. */
  amr: string[]
  authTime: number | undefined
  error: FlowError | undefined
  /** Made once by the first resume, then answered again (resume is a GET, so clients may retry it). */
  authorizeResponse: Record<string, unknown> | undefined
}
