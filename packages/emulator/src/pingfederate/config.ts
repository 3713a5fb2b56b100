/** How a client proves who it is at the token endpoint. */
export type ClientAuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post'

/** Grants a client may use at the token endpoint. */
export type TokenGrantType = 'authorization_code' | 'refresh_token'

/** A PKCE transformation (RFC 7636). */
export type PkceMethod = 'S256' | 'plain'

/** An OAuth client as PingFederate's client registry holds it. */
export interface PfClientConfig {
  readonly clientId: string
  /** Needed for the `client_secret_*` methods; at least 32 characters in the defaults. */
  readonly clientSecret?: string
  readonly tokenEndpointAuthMethods: readonly ClientAuthMethod[]
  /**
   * PF's "Allow Authentication API Redirectless Mode". When false, a `pi.flow` authorize request
   * answers 400 `VALIDATION_ERROR` with detail `unauthorized_client` (observed, contract §1.4).
   */
  readonly redirectless: boolean
  /** Allowed `response_type` values, space-separated combinations in any order (`code id_token`). */
  readonly responseTypes: readonly string[]
  /** Registered redirect URIs; optional in redirectless mode, but a `redirect_uri` sent must be one of them. */
  readonly redirectUris: readonly string[]
  /** Scopes the client may ask for; any other is `invalid_scope`. */
  readonly scopes: readonly string[]
  readonly grantTypes: readonly TokenGrantType[]
  /** Whether a `code_challenge` is mandatory when `response_type` contains `code`. */
  readonly requirePkce: boolean
  /** PKCE methods accepted; `plain` is refused unless listed. */
  readonly pkceMethods: readonly PkceMethod[]
  /**
   * Cookieless mode (contract §2.5): every flow body carries `_pf_authn_api_state` and flow calls
   * must echo the latest value in the state header instead of sending the `PF` cookie.
   */
  readonly cookieless: boolean
}

/** A user in the emulated directory behind the HTML Form Adapter's password credential validator. */
export interface PfUserConfig {
  readonly username: string
  readonly password: string
  /** OpenID claims released by scope (`profile`: name…, `email`: email…); others are always released. */
  readonly claims?: Readonly<Record<string, unknown>>
  /** Answer `MUST_CHANGE_PASSWORD` after a correct password, until the password is changed. */
  readonly mustChangePassword?: boolean
  /** Count failed passwords and lock the account per {@link PfLockoutConfig}. */
  readonly lockable?: boolean
}

/** Account lockout (PF's `AccountLockingService`: 3 failures, 1 minute by default). */
export interface PfLockoutConfig {
  /** Consecutive wrong passwords that lock a lockable account. Default 3. */
  readonly maxFailedAttempts?: number
  /** How long the account stays locked. Default 60 (PF's `LockoutPeriod` default of 1 minute). */
  readonly periodSeconds?: number
  /**
   * UNCONFIRMED what PF answers for a locked account. `'credential-error'` (default): the same
   * 400 `VALIDATION_ERROR` / `CREDENTIAL_VALIDATION_FAILED` as a wrong password, even for the right
   * one, so the lock cannot be used to probe accounts. `'failed'`: the flow ends in `FAILED` with
   * `code: "ACCOUNT_LOCKED_OUT"` (the code PF's MFA adapters use).
   */
  readonly answer?: 'credential-error' | 'failed'
}

/** A push-notification MFA step after the password (PingOne MFA adapter style). */
export interface PfPushMfaConfig {
  readonly type: 'push'
  /** Reads (GETs or `poll` actions) of `PUSH_CONFIRMATION_WAITING` before the outcome lands. Default 2. */
  readonly approveAfterPolls?: number
  /** What the "user" does on the phone. `'never'` keeps waiting forever (to test poll deadlines). Default `'approve'`. */
  readonly outcome?: 'approve' | 'reject' | 'timeout' | 'never'
  /** Only these users get the step; all users when absent. */
  readonly users?: readonly string[]
}

/** Everything that shapes the PingFederate half: clients, users, policy, and the UNCONFIRMED switches. */
export interface PingFederateConfig {
  readonly clients: readonly PfClientConfig[]
  readonly users: readonly PfUserConfig[]
  /** Put an Identifier First step (`IDENTIFIER_REQUIRED` / `submitIdentifier`) before the password. */
  readonly identifierFirst: boolean
  /** The optional MFA step after the first factor; `false` (default) for none. */
  readonly mfa: PfPushMfaConfig | false
  readonly lockout: PfLockoutConfig
  /** Minimum length of a new password at `checkNewPassword`. Default 8. */
  readonly minPasswordLength: number
  /** Idle lifetime of a flow, measured on the emulator clock. Default 1800 (30 min; UNCONFIRMED). */
  readonly flowIdleTimeoutSeconds: number
  /** Lifetime of an authorization code. Default 60. */
  readonly authorizationCodeLifetimeSeconds: number
  readonly accessTokenLifetimeSeconds: number
  readonly idTokenLifetimeSeconds: number
  readonly refreshTokenLifetimeSeconds: number
  /** Issue a new refresh token on every refresh and revoke the old one. Default true. */
  readonly rotateRefreshTokens: boolean
  /** Idle timeout of the SSO session behind the `PF` cookie. Default 3600 (PF: 60 min). */
  readonly sessionIdleTimeoutSeconds: number
  /** Maximum age of an SSO session. Default 28800 (PF: 480 min). */
  readonly sessionMaxTimeoutSeconds: number
  /** Re-issue the `PF` cookie with a new value on every response; only the latest value is accepted. Default true. */
  readonly rotatePfCookie: boolean
  /** Also issue `PF.PERSISTENT` (with Max-Age) once the user is authenticated; it restores SSO without `PF`. Default false. */
  readonly persistentSessions: boolean
  /** Refuse flow calls without `X-XSRF-Header` (400 `INVALID_REQUEST`; UNCONFIRMED). Default true. */
  readonly requireXsrfHeader: boolean
  /** Top-level code for an unknown, expired or foreign flow (404). Default `'RESOURCE_NOT_FOUND'`. */
  readonly flowNotFoundCode: 'RESOURCE_NOT_FOUND' | 'FLOW_NOT_FOUND'
  /** Give the flow a new id on every successful action (the old id then 404s). Default false. */
  readonly rotateFlowId: boolean
  /**
   * UNCONFIRMED how a flow that fails after it started is reported (contract §1.4). `'FAILED'`
   * (default): `status: "FAILED"` with `code`/`message`/`userMessage`. `'COMPLETED_WITH_ERROR'`:
   * `status: "COMPLETED"` whose `authorizeResponse` carries `error`, `error_description`, `state`.
   */
  readonly failureStyle: 'FAILED' | 'COMPLETED_WITH_ERROR'
  /** Reject action bodies with fields the action's model does not list (`UNRECOGNIZED_FIELD_NAME`). Default false. */
  readonly strictActionModels: boolean
  /** Origins answered with CORS headers; `'*'` allows any origin (echoed, with credentials). */
  readonly allowedOrigins: readonly string[]
  /** The cookieless-mode request header (matched case-insensitively). Default `X-PF-Authn-API-State`. */
  readonly cookielessStateHeader: string
}

/** The password of every default user. */
export const DEMO_PASSWORD = '2FederateM0re'
/** The default public client: PKCE S256 required, no secret. */
export const DEMO_CLIENT_ID = 'redirectless-demo'
/** The default confidential client (a backend-for-frontend). */
export const BFF_CLIENT_ID = 'redirectless-bff'
/** The default confidential client's secret (at least 32 characters, as HS256 secrets need). */
export const BFF_CLIENT_SECRET = 'redirectless-bff-secret-2FederateM0re-0123456789'
/** A client without "Allow Authentication API Redirectless Mode". */
export const LEGACY_CLIENT_ID = 'redirectless-legacy'
/** A public client in cookieless mode. */
export const COOKIELESS_CLIENT_ID = 'redirectless-cookieless'

/** The HTML Form Adapter's `pluginTypeId` in every Ping sample (contract §2.2). */
export const HTML_FORM_PLUGIN_TYPE_ID = '7RmQNDWaOnBoudTufx2sEw'
/** UNCONFIRMED, made up by the emulator: the Identifier First adapter's real id is not public. */
export const IDENTIFIER_FIRST_PLUGIN_TYPE_ID = 'IdFirstEmulatorAdapter'
/** UNCONFIRMED, made up by the emulator: the PingOne MFA adapter's real id is not public. */
export const PUSH_MFA_PLUGIN_TYPE_ID = 'PushMfaEmulatorAdapter'

const ALL_RESPONSE_TYPES = [
  'code',
  'token',
  'id_token',
  'id_token token',
  'code id_token',
  'code token',
  'code id_token token',
] as const

const DEFAULT_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const

/** The default data documented in `docs/emulator-pingfederate.md`. */
export const defaultPingFederateConfig: PingFederateConfig = {
  clients: [
    {
      clientId: DEMO_CLIENT_ID,
      tokenEndpointAuthMethods: ['none'],
      redirectless: true,
      responseTypes: ALL_RESPONSE_TYPES,
      redirectUris: ['http://localhost:3000/callback'],
      scopes: DEFAULT_SCOPES,
      grantTypes: ['authorization_code', 'refresh_token'],
      requirePkce: true,
      pkceMethods: ['S256'],
      cookieless: false,
    },
    {
      clientId: BFF_CLIENT_ID,
      clientSecret: BFF_CLIENT_SECRET,
      tokenEndpointAuthMethods: ['client_secret_basic', 'client_secret_post'],
      redirectless: true,
      responseTypes: ['code'],
      redirectUris: ['http://localhost:3000/callback'],
      scopes: DEFAULT_SCOPES,
      grantTypes: ['authorization_code', 'refresh_token'],
      requirePkce: false,
      pkceMethods: ['S256'],
      cookieless: false,
    },
    {
      clientId: LEGACY_CLIENT_ID,
      tokenEndpointAuthMethods: ['none'],
      redirectless: false,
      responseTypes: ['code'],
      redirectUris: ['http://localhost:3000/callback'],
      scopes: ['openid', 'profile', 'email'],
      grantTypes: ['authorization_code'],
      requirePkce: true,
      pkceMethods: ['S256'],
      cookieless: false,
    },
    {
      clientId: COOKIELESS_CLIENT_ID,
      tokenEndpointAuthMethods: ['none'],
      redirectless: true,
      responseTypes: ['code'],
      redirectUris: ['http://localhost:3000/callback'],
      scopes: DEFAULT_SCOPES,
      grantTypes: ['authorization_code', 'refresh_token'],
      requirePkce: true,
      pkceMethods: ['S256'],
      cookieless: true,
    },
  ],
  users: [
    {
      username: 'joe',
      password: DEMO_PASSWORD,
      claims: {
        name: 'Joe Smith',
        given_name: 'Joe',
        family_name: 'Smith',
        email: 'joe@example.com',
        email_verified: true,
      },
    },
    {
      username: 'ann',
      password: DEMO_PASSWORD,
      claims: {
        name: 'Ann Jones',
        given_name: 'Ann',
        family_name: 'Jones',
        email: 'ann@example.com',
        email_verified: true,
      },
    },
    {
      username: 'carl',
      password: DEMO_PASSWORD,
      mustChangePassword: true,
      claims: { name: 'Carl Brown', email: 'carl@example.com', email_verified: true },
    },
    {
      username: 'lock',
      password: DEMO_PASSWORD,
      lockable: true,
      claims: { name: 'Lou Locke', email: 'lock@example.com', email_verified: false },
    },
    // The PingOne half's users with a security key and with no device, so they too can run the
    // whole hybrid login.
    { username: 'fido', password: DEMO_PASSWORD, claims: { name: 'Fay Dough', email: 'fido@example.com' } },
    {
      username: 'nodevice',
      password: DEMO_PASSWORD,
      claims: { name: 'Ned Vice', email: 'nodevice@example.com' },
    },
  ],
  identifierFirst: false,
  mfa: false,
  lockout: {},
  minPasswordLength: 8,
  flowIdleTimeoutSeconds: 30 * 60,
  authorizationCodeLifetimeSeconds: 60,
  accessTokenLifetimeSeconds: 7200,
  idTokenLifetimeSeconds: 300,
  refreshTokenLifetimeSeconds: 24 * 3600,
  rotateRefreshTokens: true,
  sessionIdleTimeoutSeconds: 3600,
  sessionMaxTimeoutSeconds: 8 * 3600,
  rotatePfCookie: true,
  persistentSessions: false,
  requireXsrfHeader: true,
  flowNotFoundCode: 'RESOURCE_NOT_FOUND',
  rotateFlowId: false,
  failureStyle: 'FAILED',
  strictActionModels: false,
  allowedOrigins: ['http://localhost:3000', 'http://localhost:5173'],
  cookielessStateHeader: 'X-PF-Authn-API-State',
}

/** Lockout settings with every default filled in. */
export interface ResolvedLockout {
  readonly maxFailedAttempts: number
  readonly periodSeconds: number
  readonly answer: 'credential-error' | 'failed'
}

/** Fills the lockout defaults: 3 attempts, 60 s, `credential-error`. */
export function resolveLockout(lockout: PfLockoutConfig): ResolvedLockout {
  return {
    maxFailedAttempts: lockout.maxFailedAttempts ?? 3,
    periodSeconds: lockout.periodSeconds ?? 60,
    answer: lockout.answer ?? 'credential-error',
  }
}

/** Splits a `response_type` into a canonical, order-independent form (`id_token code` → `code id_token`). */
export function normalizeResponseType(value: string): string {
  const order = ['code', 'id_token', 'token', 'none']
  const parts = value.split(' ').filter(Boolean)
  return [...new Set(parts)].sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b)).join(' ')
}

function rank(order: readonly string[], value: string): number {
  const i = order.indexOf(value)
  return i < 0 ? order.length : i
}
