import type { JWK } from 'jose'

/**
 * How a client proves who it is at the token endpoint. `client_secret_jwt` and `private_key_jwt`
 * send a signed `client_assertion` (RFC 7523, OIDC Core §9).
 */
export type ClientAuthMethod =
  | 'none'
  | 'client_secret_basic'
  | 'client_secret_post'
  | 'client_secret_jwt'
  | 'private_key_jwt'

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
   * must echo the latest value in the state header instead of sending the `PF` cookie. An action
   * replaces the value (the old one lasts `pfCookieGraceSeconds`); a read keeps it.
   */
  readonly cookieless: boolean
  /**
   * `private_key_jwt`: the client's public keys (a JWKS, as PF's client registry holds them), which
   * verify its `client_assertion`.
   */
  readonly jwks?: { readonly keys: readonly JWK[] } | undefined
  /**
   * PF's authentication-application (redirect) mode for this client's flows: the policy ends in
   * `RESUME` and the browser finishes the authorization at `resumeUrl`, instead of `COMPLETED`
   * with an `authorizeResponse`. Default false.
   */
  readonly authenticationApplication?: boolean | undefined
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
  /**
   * The password expires in this many days: after a correct password the HTML Form Adapter answers
   * `NEW_PASSWORD_RECOMMENDED { daysToExpire }` (change now, or continue). An expired password is
   * {@link PfUserConfig.mustChangePassword}.
   */
  readonly passwordExpiresInDays?: number | undefined
  /** The user's MFA devices, for the PingOne MFA and PingID adapters (`mfa.type` `'pingone-mfa'` / `'pingid'`). */
  readonly devices?: readonly PfMfaDeviceConfig[] | undefined
}

/** A device type of the MFA adapters (contract §3.4 `devices[].type`). */
export type PfMfaDeviceType =
  | 'EMAIL'
  | 'SMS'
  | 'VOICE'
  | 'TOTP'
  | 'MOBILE'
  | 'FIDO2'
  | 'SECURITY_KEY'
  | 'PLATFORM'

/** An MFA device as the PingOne MFA / PingID adapter lists it in `devices[]`. */
export interface PfMfaDeviceConfig {
  /** Stable id, named by `selectDevice { deviceRef: { id } }`. */
  readonly id: string
  readonly type: PfMfaDeviceType
  /** `EMAIL`: the address; `SMS`/`VOICE`: the phone number. Shown masked as `target`; the outbox has it in full. */
  readonly target?: string
  readonly name?: string
  readonly nickname?: string
  /** The user's default device; the first device otherwise. */
  readonly defaultDevice?: boolean
  /** `MOBILE`: the app also shows a passcode, so `checkOtp` works while a push waits (`otpEnabled`). */
  readonly otpEnabled?: boolean
  /** The FIDO2 family: the credential id (base64url). The key pair is made per emulator, see `emulator.fido`. */
  readonly credentialId?: string
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

/**
 * The PingOne MFA IdP Adapter (`'pingone-mfa'`, per its integration kit: `AUTHENTICATION_REQUIRED`
 * → `authenticate` → the device's challenge → `MFA_COMPLETED`) or the PingID adapter (`'pingid'`:
 * the same statuses without `AUTHENTICATION_REQUIRED`; UNCONFIRMED, the widget does not support it)
 * after the first factor, over each user's {@link PfUserConfig.devices}.
 */
export interface PfMfaAdapterConfig {
  readonly type: 'pingone-mfa' | 'pingid'
  /** Only these users get the step; all users when absent. */
  readonly users?: readonly string[]
  /**
   * `'prompt'` (default): `DEVICE_SELECTION_REQUIRED` when the user has more than one device.
   * `'default'`: straight to the default device's challenge (PingOne MFA's "user selected default").
   */
  readonly deviceSelection?: 'prompt' | 'default'
  /** `changeDevicePermitted`: a challenge offers `selectDevice` to switch. Default true. */
  readonly changeDevicePermitted?: boolean
  /** `manageDevicesAllowed`: device selection offers `manageDevices` (`DEVICE_MANAGEMENT`). Default true. */
  readonly manageDevicesAllowed?: boolean
  /** Digits of a passcode (`otpLength`). Default 6. */
  readonly otpLength?: number
  /** How long a passcode is valid. Default 300. */
  readonly otpLifetimeSeconds?: number
  /** Wrong passcodes before `MFA_FAILED { code: "OTP_ATTEMPTS_LIMIT" }`. Default 3. */
  readonly maxOtpAttempts?: number
  /** `resendOtp`s allowed per passcode challenge, then 400 `REQUEST_FAILED` / `OTP_RESEND_LIMIT`. Default 3. */
  readonly maxOtpResends?: number
  /** The push: reads of `PUSH_CONFIRMATION_WAITING` (GET or `poll`) before the outcome lands. Default 2. */
  readonly approveAfterPolls?: number
  /** What the phone does with a push. Default `'approve'`. */
  readonly pushOutcome?: 'approve' | 'reject' | 'timeout' | 'never'
  /**
   * A user without a device: `'bypass'` (default) answers `MFA_COMPLETED` at once (the adapter's
   * "bypass MFA for users without devices"); `'fail'` answers `MFA_FAILED { code: "NO_DEVICES" }`;
   * `'setup'` answers `MFA_SETUP_REQUIRED` and pairs an e-mail device.
   */
  readonly noDevice?: 'bypass' | 'fail' | 'setup'
  /** The WebAuthn relying party of `ASSERTION_REQUIRED`. Default `localhost`. */
  readonly fidoRpId?: string
  /** Origins `checkAssertion` accepts; empty (default): any origin whose host is `fidoRpId` or below it. */
  readonly fidoAllowedOrigins?: readonly string[]
}

/** The HTML Form Adapter's password management and account recovery (contract §3.2); each off by default. */
export interface PfHtmlFormConfig {
  /** "Allow password changes": the sign-on form offers `initiatePasswordChange`. */
  readonly passwordChange?: boolean
  /** "Enable password reset" by a code e-mailed to the user: `initiateAccountRecovery`. */
  readonly accountRecovery?: boolean
  /** "Enable username recovery": `recoverUsername` e-mails the username. */
  readonly usernameRecovery?: boolean
  /** A registration-enabled local identity profile: `initiateRegistration` (and `prompt=create`). */
  readonly registration?: boolean
  /** Digits of the e-mailed recovery code. Default 8. */
  readonly recoveryCodeLength?: number
  /** Wrong recovery codes before the recovery ends in `FAILED`. Default 3. */
  readonly maxRecoveryCodeAttempts?: number
}

/** An external (social, federated) authentication source the sign-on form offers. */
export interface PfExternalSourceConfig {
  /** Shown in `alternativeAuthenticationSources[].name` and sent back in `useAlternativeAuthenticationSource`. */
  readonly name: string
  /**
   * How the app should show `authenticationUrl`. A pop-up (default `'POPUP'`; the exact value PF
   * sends is UNCONFIRMED) works in redirectless mode; `'REDIRECT'` does not (contract §6.11).
   */
  readonly presentationMode?: 'POPUP' | 'REDIRECT'
  /** The PingFederate user the external account maps to. Default: the one the test hook names. */
  readonly username?: string
}

/**
 * A policy step that is not API-capable (an adapter without Authentication API support, an IdP
 * connection): the flow answers `RESUME` and only a browser at `resumeUrl` can go on.
 */
export interface PfNonApiStepConfig {
  /**
   * Whether the step needs the user: `true` (default) answers `resumeUrl` with an HTML sign-on
   * page; `false` (a non-interactive adapter) finishes the authorization there at once.
   */
  readonly interactive?: boolean
  /** Only these users meet the step; all users when absent. */
  readonly users?: readonly string[]
}

/** Everything that shapes the PingFederate half: clients, users, policy, and the UNCONFIRMED switches. */
export interface PingFederateConfig {
  readonly clients: readonly PfClientConfig[]
  readonly users: readonly PfUserConfig[]
  /** Put an Identifier First step (`IDENTIFIER_REQUIRED` / `submitIdentifier`) before the password. */
  readonly identifierFirst: boolean
  /** The optional MFA step after the first factor; `false` (default) for none. */
  readonly mfa: PfPushMfaConfig | PfMfaAdapterConfig | false
  /** Password management, account recovery and registration on the HTML Form Adapter. Default `{}` (all off). */
  readonly htmlForm: PfHtmlFormConfig
  /** External authentication sources offered on the sign-on form. Default none. */
  readonly externalSources: readonly PfExternalSourceConfig[]
  /** A non-API-capable step after MFA, which answers `RESUME`. Default `false`. */
  readonly nonApiStep: PfNonApiStepConfig | false
  /**
   * UNCONFIRMED how `resumeUrl` hands the authorization response over once the browser step is
   * done: `'redirect'` (default; 302 to the redirect URI, query or fragment per `response_type`),
   * `'form_post'` (200 HTML auto-post form), or `'pi.flow'` (200 JSON `COMPLETED` with
   * `authorizeResponse`).
   */
  readonly resumeResponse: 'redirect' | 'form_post' | 'pi.flow'
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
  /** Re-issue the `PF` cookie with a new value on every response (see `pfCookieGraceSeconds`). Default true. */
  readonly rotatePfCookie: boolean
  /**
   * How long a `PF` (and `PF.PERSISTENT`) value replaced by rotation stays accepted, so requests
   * already in flight (a double click, a poll racing a select) keep the session, as real PF does.
   * A request with such a value gets the newest one back, without a new rotation. `0` is strict:
   * only the newest value is accepted. Default 30. The same holds for a cookieless client's
   * `_pf_authn_api_state`.
   */
  readonly pfCookieGraceSeconds: number
  /**
   * `SameSite` and `Secure` of `PF` and `PF.PERSISTENT`. `'auto'` (default): `SameSite=None; Secure`
   * when `baseUrl` is https or plain http on loopback (browsers keep `Secure` cookies there), and
   * `SameSite=Lax` without `Secure` on any other plain-http host.
   */
  readonly pfCookieAttributes:
    | 'auto'
    | { readonly sameSite: 'None' | 'Lax' | 'Strict'; readonly secure: boolean }
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
/** A confidential client that authenticates with `client_secret_jwt` (an HS256 `client_assertion`). */
export const JWT_CLIENT_ID = 'redirectless-jwt'
/** The `client_secret_jwt` client's secret, the HMAC key of its assertions (at least 32 bytes for HS256). */
export const JWT_CLIENT_SECRET = 'redirectless-jwt-secret-2FederateM0re-0123456789'
/** A confidential client that authenticates with `private_key_jwt` (an ES256 `client_assertion`). */
export const PRIVATE_KEY_JWT_CLIENT_ID = 'redirectless-private-key-jwt'
/**
 * The `private_key_jwt` client's EC P-256 private key, as a JWK: a fixture of this emulator, as
 * published as the demo passwords are. Never use it anywhere else.
 */
export const PRIVATE_KEY_JWT_CLIENT_KEY = {
  kty: 'EC',
  crv: 'P-256',
  kid: 'redirectless-private-key-jwt-1',
  alg: 'ES256',
  x: 'cPZgNa2lYe66PM64G_XszVwPgUHMwA837HM2fo5T6Co',
  y: 'Yp3drK-jOYmj9nxWE4Ru18GWW1c3EIMAgvR91EBkP3M',
  d: 'kEE7dc76abuhViLUk_X5uhUjBmmlGedDbfrzBBAVXxk',
} as const satisfies JWK
/** A public client in authentication-application mode: its flows end in `RESUME`. */
export const AUTHN_APP_CLIENT_ID = 'redirectless-authn-app'

/** The HTML Form Adapter's `pluginTypeId` in every Ping sample (contract §2.2). */
export const HTML_FORM_PLUGIN_TYPE_ID = '7RmQNDWaOnBoudTufx2sEw'
/** UNCONFIRMED, made up by the emulator: the Identifier First adapter's real id is not public. */
export const IDENTIFIER_FIRST_PLUGIN_TYPE_ID = 'IdFirstEmulatorAdapter'
/** UNCONFIRMED, made up by the emulator: the PingOne MFA adapter's real id is not public. */
export const PUSH_MFA_PLUGIN_TYPE_ID = 'PushMfaEmulatorAdapter'
/** UNCONFIRMED, made up: the `pluginTypeId` of the PingOne MFA IdP Adapter (`mfa.type: 'pingone-mfa'`). */
export const PINGONE_MFA_PLUGIN_TYPE_ID = 'PingOneMfaEmulatorAdapter'
/** UNCONFIRMED, made up: the `pluginTypeId` of the PingID adapter (`mfa.type: 'pingid'`). */
export const PINGID_PLUGIN_TYPE_ID = 'PingIdEmulatorAdapter'
/** UNCONFIRMED, made up: the `pluginTypeId` of registration (a local identity profile). */
export const REGISTRATION_PLUGIN_TYPE_ID = 'LocalIdentityEmulatorProfile'
/** UNCONFIRMED, made up: the `pluginTypeId` of external authentication. */
export const EXTERNAL_PLUGIN_TYPE_ID = 'ExternalAuthnEmulatorAdapter'

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
    {
      clientId: JWT_CLIENT_ID,
      clientSecret: JWT_CLIENT_SECRET,
      tokenEndpointAuthMethods: ['client_secret_jwt'],
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
      clientId: PRIVATE_KEY_JWT_CLIENT_ID,
      tokenEndpointAuthMethods: ['private_key_jwt'],
      jwks: { keys: [publicJwk(PRIVATE_KEY_JWT_CLIENT_KEY)] },
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
      clientId: AUTHN_APP_CLIENT_ID,
      tokenEndpointAuthMethods: ['none'],
      redirectless: true,
      authenticationApplication: true,
      responseTypes: ['code'],
      redirectUris: ['http://localhost:3000/callback'],
      scopes: DEFAULT_SCOPES,
      grantTypes: ['authorization_code', 'refresh_token'],
      requirePkce: true,
      pkceMethods: ['S256'],
      cookieless: false,
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
      devices: [
        { id: 'joe-email', type: 'EMAIL', target: 'joe@example.com', defaultDevice: true },
        { id: 'joe-sms', type: 'SMS', target: '+15555550101' },
      ],
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
      devices: [
        { id: 'ann-mobile', type: 'MOBILE', name: 'PingID app', nickname: "Ann's phone", otpEnabled: true },
        { id: 'ann-totp', type: 'TOTP', name: 'Authenticator app' },
      ],
    },
    {
      username: 'carl',
      password: DEMO_PASSWORD,
      mustChangePassword: true,
      claims: { name: 'Carl Brown', email: 'carl@example.com', email_verified: true },
      devices: [{ id: 'carl-email', type: 'EMAIL', target: 'carl@example.com' }],
    },
    {
      username: 'lock',
      password: DEMO_PASSWORD,
      lockable: true,
      claims: { name: 'Lou Locke', email: 'lock@example.com', email_verified: false },
      devices: [{ id: 'lock-email', type: 'EMAIL', target: 'lock@example.com' }],
    },
    // The PingOne half's users with a security key and with no device, so they too can run the
    // whole hybrid login.
    {
      username: 'fido',
      password: DEMO_PASSWORD,
      claims: { name: 'Fay Dough', email: 'fido@example.com' },
      devices: [
        {
          id: 'fido-key',
          type: 'FIDO2',
          name: 'Security key',
          credentialId: 'cmVkaXJlY3RsZXNzLXBmLWZpZG8yLWNyZWRlbnRpYWw',
        },
      ],
    },
    {
      username: 'nodevice',
      password: DEMO_PASSWORD,
      claims: { name: 'Ned Vice', email: 'nodevice@example.com' },
    },
  ],
  identifierFirst: false,
  mfa: false,
  htmlForm: {},
  externalSources: [],
  nonApiStep: false,
  resumeResponse: 'redirect',
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
  pfCookieGraceSeconds: 30,
  pfCookieAttributes: 'auto',
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

/** The public members of a JWK (drops `d` and the other private members). */
function publicJwk(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, oth: _oth, k: _k, ...rest } = jwk
  return rest
}
