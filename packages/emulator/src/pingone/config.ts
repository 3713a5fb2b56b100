import type { JWK } from 'jose'
import type { CookieAttributes } from '../pingfederate/cookies.js'

/** PingOne MFA device types the emulator knows. `MOBILE` is a push-capable authenticator app. */
export type DeviceType = 'SMS' | 'EMAIL' | 'VOICE' | 'TOTP' | 'MOBILE' | 'FIDO2'

/** The device types that authenticate with a one-time passcode. */
export type OtpDeviceType = 'SMS' | 'EMAIL' | 'VOICE' | 'TOTP'

/** An MFA device paired to a user. */
export interface P1DeviceConfig {
  /** A UUID, as PingOne gives every device. */
  readonly id: string
  readonly type: DeviceType
  /** Only `ACTIVE` devices are offered; `BLOCKED` ones are listed nowhere. Default `ACTIVE`. */
  readonly status?: 'ACTIVE' | 'BLOCKED'
  /** `SMS` and `VOICE`: the phone number; flows show it masked (`*******01`). */
  readonly phone?: string
  /** `EMAIL`: the address; flows show it masked (`jo****@example.com`). */
  readonly email?: string
  /** `TOTP`: the RFC 6238 shared secret, base32. Codes are 6 digits (see `otpLength.TOTP`), 30 s steps. */
  readonly secret?: string
  /** `FIDO2`: the credential id, base64url. The key pair is generated per emulator, see `emulator.fido`. */
  readonly credentialId?: string
  /** A display name shown in `_embedded.devices[]` (`nickname`). */
  readonly nickname?: string
}

/**
 * PingOne MFA's device selection setting. `DEFAULT_TO_FIRST` starts the first active device (device
 * order makes it the default, contract §1.3); `PROMPT_TO_SELECT_DEVICE` answers
 * `DEVICE_SELECTION_REQUIRED` whenever the user has more than one device.
 */
export type DeviceSelection = 'DEFAULT_TO_FIRST' | 'PROMPT_TO_SELECT_DEVICE'

/** A user in the emulated PingOne directory. Usernames match the PingFederate half's users. */
export interface P1UserConfig {
  /** A UUID: the `sub` of the id_token, and a valid `sub` of a `login_hint_token` (so is `username`). */
  readonly id: string
  readonly username: string
  /** For `usernamePassword.check` (flows without a `login_hint_token`). */
  readonly password?: string
  readonly email?: string
  readonly givenName?: string
  readonly familyName?: string
  /** A disabled user is refused as a `login_hint_token` subject and at sign-on. Default true. */
  readonly enabled?: boolean
  /** In device order: the first active one is the default. */
  readonly devices: readonly P1DeviceConfig[]
  /** Overrides {@link PingOneConfig.deviceSelection} for this user. */
  readonly deviceSelection?: DeviceSelection
  /**
   * PingOne's password status. `MUST_CHANGE_PASSWORD` (an administrator asked for a new one) and
   * `PASSWORD_EXPIRED` send a sign-on with the right password to that status, where `password.reset`
   * sets a new one. Default `OK`.
   */
  readonly passwordStatus?: 'OK' | 'MUST_CHANGE_PASSWORD' | 'PASSWORD_EXPIRED'
  /**
   * Whether the account is verified. An unverified user who signs on with a password is sent a
   * verification code by e-mail (`VERIFICATION_CODE_REQUIRED`). Default true.
   */
  readonly verified?: boolean
  /** Ids of the agreements (see {@link PingOneConfig.agreements}) the user has accepted. */
  readonly agreements?: readonly string[]
  /** Profile attributes by PingOne name (`mobilePhone`, `address.locality`, …), for progressive profiling. */
  readonly attributes?: Readonly<Record<string, string>>
  /** Accounts at external identity providers linked to this user: sign-on there signs this user on. */
  readonly externalIdentities?: readonly { readonly providerId: string; readonly subject: string }[]
  /**
   * A pending administrator invitation: its code, sent by e-mail. `user.acceptInvite` with it sets
   * the user's first password. The user has no password until then.
   */
  readonly inviteCode?: string
}

/** How an application authenticates at the token endpoint (PingOne's `tokenEndpointAuthMethod`). */
export type TokenEndpointAuthMethod =
  | 'CLIENT_SECRET_BASIC'
  | 'CLIENT_SECRET_POST'
  | 'CLIENT_SECRET_JWT'
  | 'PRIVATE_KEY_JWT'
  | 'NONE'

/** PingOne's `pkceEnforcement`. */
export type PkceEnforcement = 'OPTIONAL' | 'REQUIRED' | 'S256_REQUIRED'

/** PingOne's `responseTypes` entries; `response_type` combinations are checked against them. */
export type P1ResponseType = 'CODE' | 'TOKEN' | 'ID_TOKEN'

/** PingOne's `grantTypes` entries. `DEVICE_CODE` is the device authorization grant (RFC 8628). */
export type P1GrantType =
  | 'AUTHORIZATION_CODE'
  | 'IMPLICIT'
  | 'REFRESH_TOKEN'
  | 'CLIENT_CREDENTIALS'
  | 'DEVICE_CODE'

/** An application (OAuth client) in the environment. */
export interface P1ApplicationConfig {
  /** A UUID: the `client_id`. */
  readonly id: string
  readonly name: string
  /** A disabled app cannot authorize, nor sign `login_hint_token`s. Default true. */
  readonly enabled?: boolean
  /** Needed for the `CLIENT_SECRET_*` methods and HS-signed JWTs; at least 32 bytes in the defaults. */
  readonly clientSecret?: string
  readonly tokenEndpointAuthMethod: TokenEndpointAuthMethod
  /** Default `OPTIONAL`. */
  readonly pkceEnforcement?: PkceEnforcement
  /** Empty for an app that never authorizes (e.g. a pure `login_hint_token` issuer). */
  readonly responseTypes: readonly P1ResponseType[]
  readonly grantTypes: readonly P1GrantType[]
  /** A `redirect_uri` sent on authorize must be one of these; it may be omitted under `pi.flow`. */
  readonly redirectUris: readonly string[]
  /** PingOne's `supportUnsignedRequestObject` (contract §2.3): accept a `request` JWT with `alg: none`. Default false. */
  readonly supportUnsignedRequestObject?: boolean
  /**
   * The console's "Require signed request parameters" (contract §2.3; the API field name is
   * UNCONFIRMED): every authorize request must carry a signed `request` JWT. Default false.
   */
  readonly requireSignedRequestObject?: boolean
  /** Public keys for `RS256/384/512`-signed request objects and `PRIVATE_KEY_JWT` client assertions (PingOne's `jwks`). */
  readonly jwks?: { readonly keys: readonly JWK[] }
  /** Names of the sign-on policies assigned to the app, in order; the first is used without `acr_values`. All when absent. */
  readonly signOnPolicies?: readonly string[]
  /**
   * A `DEVICE_CODE` app: the path id of its verification page, `{envBase}/device/{devicePathId}`
   * (PingOne's `devicePathId`). Default: the app id.
   */
  readonly devicePathId?: string
}

/** Where a sign-on action offers recovery, registration and social sign-on (PingOne's LOGIN options). */
interface SignOnFormOptions {
  /** Link `password.forgot`. Default true. */
  readonly recovery?: boolean
  /** Link `user.register` (self-registration; the new user verifies an e-mail code). Default false. */
  readonly registration?: boolean
  /** Ids of {@link PingOneConfig.identityProviders} shown as `_embedded.socialProviders`. */
  readonly socialProviders?: readonly string[]
  /** Link `user.acceptInvite` (invited users set their first password). Default false. */
  readonly invitations?: boolean
}

/** The password form: `USERNAME_PASSWORD_REQUIRED`, or `PASSWORD_REQUIRED` once the user is known. */
export interface LoginAction extends SignOnFormOptions {
  readonly type: 'LOGIN'
  /**
   * PingOne's "Last sign-on older than" condition (`secondsSince
   * ${session.lastSignOn.withAuthenticator.pwd.at}` `greater`): with `ssoSessions`, a browser whose
   * `ST` session signed on with a password less than this long ago skips the step. Default 43200
   * (12 hours; EMULATOR DEFAULT).
   */
  readonly lastSignOnOlderThanSeconds?: number
}

/**
 * Identifier first: `SIGN_ON_REQUIRED` asks only the username (`user.lookup`). Followed by LOGIN it
 * asks the password next (`PASSWORD_REQUIRED`); without LOGIN the sign-on is passwordless (MFA next).
 */
export interface IdentifierFirstAction extends SignOnFormOptions {
  readonly type: 'IDENTIFIER_FIRST'
  /** Link `kerberos.lookup`: a browser on a domain-joined machine signs on with its Kerberos ticket. Default false. */
  readonly kerberos?: boolean
}

/** MFA with the user's devices (see the device authentication settings of {@link PingOneConfig}). */
export interface MfaAction {
  readonly type: 'MFA'
}

/** The user must accept an agreement (`AGREEMENT_CONSENT_REQUIRED`, `user.consent`) unless already accepted. */
export interface AgreementAction {
  readonly type: 'AGREEMENT'
  /** One of {@link PingOneConfig.agreements}. */
  readonly agreementId: string
  /** PingOne's `disableDeclineOption`: refusing is then not offered (a refusal is 400). Default false. */
  readonly disableDeclineOption?: boolean
}

/** Progressive profiling: asks the listed attributes the user lacks (`PROFILE_DATA_REQUIRED`, `user.update`). */
export interface ProgressiveProfilingAction {
  readonly type: 'PROGRESSIVE_PROFILING'
  readonly attributes: readonly { readonly name: string; readonly required: boolean }[]
  /** The text shown above the form. */
  readonly promptText?: string
  /**
   * PingOne's `promptIntervalSeconds`: a user who answered once is asked missing optional attributes
   * again only after this long (missing required ones are always asked). Default 7776000 (90 days).
   */
  readonly promptIntervalSeconds?: number
}

/**
 * Sign-on at an external identity provider (`EXTERNAL_AUTHENTICATION_REQUIRED`). Its browser step is
 * simulated by `emu.pingOneHooks.externalSignIn()`.
 */
export interface IdentityProviderAction {
  readonly type: 'IDENTITY_PROVIDER'
  /** One of {@link PingOneConfig.identityProviders}. */
  readonly identityProviderId: string
  /** An unknown external account becomes a new user. Default false. */
  readonly registration?: boolean
  /** …after the user confirms the provider's attributes (`ACCOUNT_CONFIRMATION_REQUIRED`, `user.confirm`). Default false. */
  readonly confirmAttributes?: boolean
  /** An unknown external account may be linked to an existing user by its password (`ACCOUNT_LINKING_REQUIRED`). Default false. */
  readonly linkAccounts?: boolean
}

/** One action of a sign-on policy, in PingOne's vocabulary. */
export type SignOnAction =
  | LoginAction
  | IdentifierFirstAction
  | MfaAction
  | AgreementAction
  | ProgressiveProfilingAction
  | IdentityProviderAction

/** A step of a sign-on policy: an action, or `'LOGIN'` / `'MFA'` for one with default options. */
export type SignOnStep = 'LOGIN' | 'MFA' | SignOnAction

/** An agreement (terms of service) users accept in `AGREEMENT_CONSENT_REQUIRED`. */
export interface AgreementConfig {
  readonly id: string
  readonly name: string
  /** The text shown, in `language`. */
  readonly text: string
  /** Default `en`. */
  readonly language?: string
}

/** An external identity provider (social or enterprise), offered as `_embedded.socialProviders[]`. */
export interface IdentityProviderConfig {
  readonly id: string
  readonly name: string
  /** PingOne's provider types: `FACEBOOK`, `GOOGLE`, `APPLE`, `OPENID_CONNECT`, `SAML`, … */
  readonly type: string
}

/**
 * PingOne's password policy (the shape of `_embedded.passwordPolicy`): a new password that breaks a
 * rule is refused with the rule's name in `innerError.unsatisfiedRequirements`.
 */
export interface PasswordPolicyConfig {
  readonly id: string
  readonly name: string
  readonly length: { readonly min: number; readonly max: number }
  /** Characters of a set required, keyed by the set itself (PingOne's encoding): `{ "0123456789": 1 }`. */
  readonly minCharacters: Readonly<Record<string, number>>
  readonly maxRepeatedCharacters: number
  readonly minUniqueCharacters: number
  readonly excludesCommonlyUsed: boolean
  readonly excludesProfileData: boolean
  readonly notSimilarToCurrent: boolean
  readonly history: { readonly count: number; readonly retentionDays: number }
}

/** A PingOne sign-on policy, chosen by `acr_values` (contract §1.2). */
export interface SignOnPolicyConfig {
  readonly id: string
  /** What `acr_values` names, and the id_token's `acr`. */
  readonly name: string
  /** The policy used when `acr_values` is absent and the app lists no policies. One policy should be the default. */
  readonly default?: boolean
  readonly steps: readonly SignOnStep[]
  /**
   * The MFA step is skipped when the request JWT's `pi.remoteIp` (contract §2.2) falls in one of these
   * CIDR ranges (IPv4 or IPv6), as Ping's `MFA-Only` example policy does with IP-based rules.
   */
  readonly mfaSkipCidrs?: readonly string[]
}

/** Texts of one notification template. `${otp}`, `${user.username}` and the `pi.template` variables are substituted. */
export interface NotificationTexts {
  /** SMS, voice and e-mail text; it should contain `${otp}`. */
  readonly otp: string
  /** Push notification text. */
  readonly push: string
}

/** A notification template (PingOne's `strong_authentication`, `transaction`, …) with optional variants. */
export interface NotificationTemplateConfig extends NotificationTexts {
  readonly variants?: Readonly<Record<string, Partial<NotificationTexts>>>
}

/** The rate limit of the auth rate group (authorize, flows, resume, token). */
export interface RateLimitConfig {
  /** Requests allowed per window, across all clients. */
  readonly limit: number
  /** The fixed window, measured on the emulator clock. */
  readonly windowSeconds: number
}

/**
 * Everything that shapes the PingOne half: environment, applications, users and devices, policies,
 * and one switch per UNCONFIRMED behaviour of contract §6 (each documented in
 * `docs/emulator-pingone.md`).
 */
export interface PingOneConfig {
  /** The environment id (`{envId}` in every path). */
  readonly environmentId: string
  /** Origin of the hosted sign-on UI in `_links.signOnPage` (never served by the emulator). Default `https://apps.pingone.emulator.test`. */
  readonly signOnPageOrigin: string
  readonly applications: readonly P1ApplicationConfig[]
  /** The app whose id and secret `info.loginHintIssuer` reports; any enabled app with a secret may sign. */
  readonly loginHintIssuerId: string
  /** The app `info.clientId` / `info.clientSecret` report. */
  readonly defaultClientId: string
  readonly users: readonly P1UserConfig[]
  readonly signOnPolicies: readonly SignOnPolicyConfig[]
  /** Notification templates by name; `pi.template.name` selects one, `strong_authentication` otherwise. */
  readonly notificationTemplates: Readonly<Record<string, NotificationTemplateConfig>>
  /** Agreements that AGREEMENT policy actions name. */
  readonly agreements: readonly AgreementConfig[]
  /** External identity providers that policies offer (`socialProviders`) or require (`IDENTITY_PROVIDER`). */
  readonly identityProviders: readonly IdentityProviderConfig[]
  /** The population's password policy: `_embedded.passwordPolicy`, and what new passwords must satisfy. */
  readonly passwordPolicy: PasswordPolicyConfig

  // --- sign-on ---------------------------------------------------------------------------------
  /**
   * Password lockout (Ping's sample reads `details[0].code = PASSWORD_LOCKED_OUT` with
   * `innerError.secondsUntilUnlock`): after `failureCount` wrong passwords in a row the user is
   * locked for `lockoutSeconds`, and `usernamePassword.check` answers 400 `INVALID_DATA` with that
   * detail, even with the right password. Null: no lockout. Default 5 failures, 900 s.
   */
  readonly passwordLockout: { readonly failureCount: number; readonly lockoutSeconds: number } | null
  /**
   * `password.forgot` for a username that matches no user. `'NOT_FOUND'` (default, what Ping's sample
   * handles: "Such user name could not be found"): 404 `NOT_FOUND` with a detail whose `target` is
   * `username`, the flow unchanged. `'silent'`: `RECOVERY_CODE_REQUIRED` as for a known user, with no
   * code sent (the emulator's earlier behaviour, which does not reveal who has an account).
   */
  readonly passwordForgotUnknownUser: 'NOT_FOUND' | 'silent'
  /**
   * Resuming a `FAILED` flow. `'authorize-error'` (default): as Ping's sample does to learn why, resume
   * answers 200 with the flow and `authorizeResponse: {error, error_description, state?}`
   * (`access_denied`). `'refuse'`: 400 `INVALID_REQUEST`, as for any status but `COMPLETED`.
   */
  readonly resumeFailedFlow: 'authorize-error' | 'refuse'
  /**
   * UNCONFIRMED (contract §3.3, OBSERVED in a third-party client): where `PASSWORD_REQUIRED` puts its
   * `usernamePassword.check` link. `'requiredStep'` (default): under `_embedded.requiredStep._links`
   * only. `'top'`: in `_links`. `'both'`.
   */
  readonly passwordRequiredLinks: 'requiredStep' | 'top' | 'both'
  /**
   * UNCONFIRMED: `user.lookup` of a username no user has. `'PASSWORD_REQUIRED'` (default): the flow goes
   * on as for a known user and the password check then fails (`INVALID_CREDENTIALS`), so nobody learns
   * who has an account. `'error'`: 400 `INVALID_DATA`, detail `INVALID_VALUE`, target `username`.
   */
  readonly userLookupUnknownUser: 'PASSWORD_REQUIRED' | 'error'

  // --- device authorization grant (RFC 8628) -----------------------------------------------------
  /** `expires_in` of a device code. Default 600. */
  readonly deviceCodeLifetimeSeconds: number
  /** `interval` the device polls the token endpoint at; faster polls get `slow_down`. Default 5. */
  readonly devicePollingIntervalSeconds: number

  // --- timing --------------------------------------------------------------------------------
  /** Idle lifetime of a flow (CONFIRMED 15 min, contract §4.3); every call pushes `expiresAt` forward. Default 900. */
  readonly flowIdleTimeoutSeconds: number
  /** Lifetime of an authorization code (UNCONFIRMED for PingOne). Default 60. */
  readonly authorizationCodeLifetimeSeconds: number
  /** Default 3600 (contract §5). */
  readonly accessTokenLifetimeSeconds: number
  readonly idTokenLifetimeSeconds: number
  readonly refreshTokenLifetimeSeconds: number
  /**
   * Refresh token rotation: each refresh answers a new refresh token and the one presented is dead
   * from then on (a second use is `invalid_grant`). Default false: the refresh token is answered
   * back and stays usable until it expires or is revoked.
   */
  readonly rotateRefreshTokens: boolean
  /** `aud` of issued access tokens. Default `https://api.pingone.com`. */
  readonly accessTokenAudience: string

  // --- MFA policy (PingOne device authentication policy) ------------------------------------
  /** Default device selection (overridable per user). Default `DEFAULT_TO_FIRST`. */
  readonly deviceSelection: DeviceSelection
  /** OTP length per device type. Default 6 for each. */
  readonly otpLength: Readonly<Record<OtpDeviceType, number>>
  /** The policy's `otp.lifeTime` (examples: 30 min). Default 1800. */
  readonly otpLifetimeSeconds: number
  /** The policy's `otp.failure.count`: wrong OTPs before the lockout outcome. Default 3. */
  readonly otpFailureCount: number
  /** The policy's `otp.failure.coolDown`, used by `otpLockout: 'lock-device'`. Default 120. */
  readonly otpCoolDownSeconds: number
  /**
   * UNCONFIRMED (contract §6.2): what happens when `otpFailureCount` wrong OTPs were entered.
   * `'fail-flow'` (default): that attempt answers 400 `INVALID_DATA`/`INVALID_OTP` with
   * `innerError.remainingAttempts: 0` and the flow becomes `FAILED` (`error.code: "OTP_LOCKED"`).
   * `'lock-device'`: same answer, but the flow stays `OTP_REQUIRED` and the device is locked for
   * `otpCoolDownSeconds`; meanwhile `otp.check` and `device.select` of it answer 400
   * `REQUEST_FAILED`/`DEVICE_LOCKED` with `innerError.secondsUntilUnlock`.
   */
  readonly otpLockout: 'fail-flow' | 'lock-device'
  /**
   * UNCONFIRMED (contract §6.4): the MFA policy's no-device bypass, mirrored in every flow's
   * `bypassAllowed`. When true, a user without a usable device completes without MFA. Default false.
   */
  readonly mfaBypassAllowed: boolean
  /**
   * UNCONFIRMED (contract §6.4): a user without a usable device when bypass is off. `'FAILED'`
   * (default): a 200 flow with `status: "FAILED"` and `error.code: "NO_USABLE_DEVICES"`.
   * `'error'`: the call answers 400 `REQUEST_FAILED` with detail `NO_USABLE_DEVICES`.
   */
  readonly noDeviceOutcome: 'FAILED' | 'error'
  /** UNCONFIRMED (contract §6.3): how long a push waits, on the emulator clock, before `PUSH_CONFIRMATION_TIMED_OUT`. Default 120. */
  readonly pushTimeoutSeconds: number
  /**
   * UNCONFIRMED (contract §6.3): the status after `push.deny()`. `'FAILED'` (default, with
   * `error.code: "PUSH_DENIED"`), `'PUSH_CONFIRMATION_TIMED_OUT'` or `'DEVICE_SELECTION_REQUIRED'`.
   */
  readonly pushDeniedOutcome: 'FAILED' | 'PUSH_CONFIRMATION_TIMED_OUT' | 'DEVICE_SELECTION_REQUIRED'
  /** UNCONFIRMED (contract §6.3): the status after `cancel.push.authentication`. Default `DEVICE_SELECTION_REQUIRED`. */
  readonly pushCancelOutcome: 'DEVICE_SELECTION_REQUIRED' | 'PUSH_CONFIRMATION_TIMED_OUT'
  /** UNCONFIRMED poll cadence (contract §6.3): when set, a GET of a waiting push carries `Retry-After` with these seconds. Default null (none). */
  readonly pushPollRetryAfterSeconds: number | null

  // --- FIDO2 ------------------------------------------------------------------------------------
  /** The relying party id in the request options; assertions must carry its SHA-256 as `rpIdHash`. Default `localhost`. */
  readonly fidoRpId: string
  /** Origins `assertion.check` accepts; empty (default) means any origin whose host is `fidoRpId` or below it. */
  readonly fidoAllowedOrigins: readonly string[]
  readonly fidoUserVerification: 'required' | 'preferred' | 'discouraged'
  /** `timeout` in the request options, ms. Default 120000. */
  readonly fidoTimeoutMs: number
  /**
   * How `challenge` and `allowCredentials[].id` are written. `'byte-array'` (default): arrays of
   * signed bytes, as PingOne's examples show (`[-85,59,…]`). `'base64url'`: WebAuthn Level 3
   * `PublicKeyCredentialRequestOptionsJSON`.
   */
  readonly fidoRequestOptionsEncoding: 'byte-array' | 'base64url'
  /** Whether `publicKeyCredentialRequestOptions` is a JSON string (default, as PingOne's examples) or an object. */
  readonly fidoRequestOptionsAsString: boolean

  // --- session cookie and resume ----------------------------------------------------------------
  /**
   * UNCONFIRMED (contract §6.1): when `ST` is set. `'on-user-known'` (default): on the first
   * response where the user is known (the authorize response for a `login_hint_token`).
   * `'on-completed'`: on the response where the flow becomes `COMPLETED`. `'never'`.
   */
  readonly sessionCookie: 'on-user-known' | 'on-completed' | 'never'
  /**
   * `SameSite` and `Secure` of `ST`. `'auto'` (default): `SameSite=None; Secure` (what PingOne
   * sends, contract §3.4) when the auth host is https or plain http on loopback (browsers keep
   * `Secure` cookies there and drop `SameSite=None` ones without it, TOOLCHAIN pitfall 13);
   * `SameSite=Lax` without `Secure` on any other plain-http host, which can hold neither.
   */
  readonly sessionCookieAttributes: 'auto' | CookieAttributes
  /**
   * UNCONFIRMED (contract §6.1): resume without the flow's `ST` cookie answers 401
   * `ACCESS_FAILED`/`INVALID_TOKEN` (the shape one third party observed). Default true.
   */
  readonly resumeRequiresSessionCookie: boolean
  /**
   * Single sign-on: a flow started with the `ST` cookie of a session that signed on with a password
   * within the LOGIN step's `lastSignOnOlderThanSeconds` skips that step (no
   * `USERNAME_PASSWORD_REQUIRED` / `PASSWORD_REQUIRED`); the policy's other steps, MFA included,
   * still run. Not for `prompt=login`, a `max_age` the sign-on is older than, or a
   * `login_hint_token` naming another user; `/as/signoff` ends it. Default true.
   */
  readonly ssoSessions: boolean
  /** Also put `authorizeResponse` on the action response that completes the flow (contract §3.5 says it is absent). Default false. */
  readonly authorizeResponseOnCompletedAction: boolean
  /**
   * UNCONFIRMED (contract §6.7): `authorizeResponse` members beyond the code and tokens. `'full'`
   * (default): `token_type`, `expires_in`, `scope` with tokens, and `state` when one was sent.
   * `'minimal'`: only `code`, `access_token`, `id_token`.
   */
  readonly authorizeResponseMembers: 'full' | 'minimal'

  // --- authorize --------------------------------------------------------------------------------
  /**
   * UNCONFIRMED (contract §6.5): the authorize error body under `pi.flow`. `'platform'` (default):
   * `{id, code, message, details[{code, target, message}]}`. `'oauth'`: `{error, error_description}`.
   */
  readonly authorizeErrorStyle: 'platform' | 'oauth'
  /** UNCONFIRMED under `pi.flow`: check a `redirect_uri` that is present against the registered ones. Default true. */
  readonly validateRedirectUri: boolean
  /** UNCONFIRMED (contract §6.6): refuse a `login_hint_token` without `exp`. Default true (false is the lenient switch). */
  readonly loginHintTokenRequireExp: boolean
  /** UNCONFIRMED (contract §6.6): refuse a `login_hint_token` without `iat`. Default false. */
  readonly loginHintTokenRequireIat: boolean
  /** Algorithms accepted for `login_hint_token`s. Default `HS256`, `HS384`, `HS512` (older docs: `HS256` only). */
  readonly loginHintTokenAlgorithms: readonly ('HS256' | 'HS384' | 'HS512')[]
  /** UNCONFIRMED (contract §6.6): clock skew allowed on `exp`, `nbf` and `iat` of authorize JWTs. Default 30. */
  readonly jwtClockToleranceSeconds: number
  /** UNCONFIRMED (contract §2.1): refuse `login_hint` together with `login_hint_token`, as CIBA does. Default false. */
  readonly rejectLoginHintWithLoginHintToken: boolean
  /** UNCONFIRMED (contract §2.3): which wins when a parameter is both in the query and the `request` JWT. Default `'query'`. */
  readonly requestObjectPrecedence: 'query' | 'request'
  /** The strict reading of contract §5: PKCE only for `tokenEndpointAuthMethod: NONE` apps. Default false (lenient). */
  readonly pkceRequiresAuthMethodNone: boolean

  // --- flows API --------------------------------------------------------------------------------
  /**
   * `session.reset` is accepted in every non-terminal status (contract §3.3 `*` transition) but
   * linked only in `USERNAME_PASSWORD_REQUIRED`, matching the MFA examples' links. True links it everywhere.
   */
  readonly linkSessionResetEverywhere: boolean
  /** UNCONFIRMED (contract §6.8): status for `application/vnd.pingidentity.<unknown>+json`. Default 415. */
  readonly unknownActionStatus: 400 | 415
  /** Rate limit of the auth routes (429 `REQUEST_LIMITED` + `Retry-After`); null (default) for none. */
  readonly rateLimit: RateLimitConfig | null
  /**
   * Browser origins answered with CORS headers (credentials allowed, as PingOne's application CORS
   * settings do for SPAs); `'*'` (default) echoes any origin. Empty for none.
   */
  readonly corsAllowedOrigins: readonly string[]
}

/** The password of every default user (the PingFederate half's too). */
export const P1_DEMO_PASSWORD = '2FederateM0re'
/** The default environment id. */
export const P1_ENVIRONMENT_ID = '2d3a7e6c-5b1f-4c8e-9a0d-6f4b2c1e8a35'
/** The confidential `pi.flow` app: `CLIENT_SECRET_BASIC`, PKCE optional, every response type. */
export const P1_WEB_CLIENT_ID = '6c2a9f4e-1b3d-4e5f-8a7b-0c1d2e3f4a5b'
/** The web app's client secret (47 bytes). */
export const P1_WEB_CLIENT_SECRET = 'p1-emulator-web-secret-7Qm2vX9kL4sN8pR3tW6yZ1bC'
/** The public app: `NONE`, PKCE `S256_REQUIRED`. */
export const P1_PUBLIC_CLIENT_ID = '7d3b0a5f-2c4e-4f60-9b8c-1d2e3f4a5b6c'
/** An app using `CLIENT_SECRET_POST` that also accepts unsigned request objects. */
export const P1_POST_CLIENT_ID = '8e4c1b60-3d5f-4071-ac9d-2e3f4a5b6c7d'
/** The post app's client secret (48 bytes). */
export const P1_POST_CLIENT_SECRET = 'p1-emulator-post-secret-Hq4Zt8Wn2Ls6Kd0Vr3Yp7Jm5'
/** The "integrated" issuer app whose secret signs `login_hint_token`s (e.g. a PingFederate integration). */
export const P1_ISSUER_APP_ID = '9f5d2c71-4e60-4182-bdae-3f4a5b6c7d8e'
/** The issuer app's secret: the HMAC key of `login_hint_token`s (50 bytes). */
export const P1_ISSUER_APP_SECRET = 'p1-emulator-issuer-secret-Nc7Rb2Xw9Qf4Tm6Hs1Kv8Gz3'
/** The sign-on policy named by `acr_values=MFA-Only`. */
export const P1_MFA_ONLY_POLICY = 'MFA-Only'
/** A device authorization grant app (a TV): `NONE`, grant `DEVICE_CODE`, verification page `/device/tv`. */
export const P1_DEVICE_CLIENT_ID = 'a0b1c2d3-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
/** The identity provider `socialProviders` offer: a social sign-on. */
export const P1_GOOGLE_IDP_ID = 'b1c2d3e4-5f60-4b7c-9d8e-0f1a2b3c4d5e'
/** The identity provider of the `External_IdP` policy: an enterprise OpenID Connect provider. */
export const P1_CORPORATE_IDP_ID = 'c2d3e4f5-6071-4c8d-8e9f-1a2b3c4d5e6f'
/** The agreement the `Step_Up` policy asks users to accept. */
export const P1_TERMS_AGREEMENT_ID = 'd3e4f506-7182-4d9e-9fa0-2b3c4d5e6f70'

const SIGN_ON_POLICIES = [
  'Single_Factor',
  'Multi_Factor',
  P1_MFA_ONLY_POLICY,
  'Identifier_First',
  'Passwordless',
  'Self_Service',
  'Step_Up',
  'External_IdP',
] as const

/** The default data documented in `docs/emulator-pingone.md`. */
export const defaultPingOneConfig: PingOneConfig = {
  environmentId: P1_ENVIRONMENT_ID,
  signOnPageOrigin: 'https://apps.pingone.emulator.test',
  applications: [
    {
      id: P1_WEB_CLIENT_ID,
      name: 'Redirectless Web',
      clientSecret: P1_WEB_CLIENT_SECRET,
      tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC',
      pkceEnforcement: 'OPTIONAL',
      responseTypes: ['CODE', 'TOKEN', 'ID_TOKEN'],
      grantTypes: ['AUTHORIZATION_CODE', 'IMPLICIT', 'REFRESH_TOKEN'],
      redirectUris: ['http://localhost:3000/callback', 'https://app.example.com/callback'],
      supportUnsignedRequestObject: false,
      signOnPolicies: SIGN_ON_POLICIES,
    },
    {
      id: P1_PUBLIC_CLIENT_ID,
      name: 'Redirectless SPA',
      tokenEndpointAuthMethod: 'NONE',
      pkceEnforcement: 'S256_REQUIRED',
      responseTypes: ['CODE'],
      grantTypes: ['AUTHORIZATION_CODE', 'REFRESH_TOKEN'],
      redirectUris: ['http://localhost:5173/callback'],
      supportUnsignedRequestObject: false,
      signOnPolicies: SIGN_ON_POLICIES,
    },
    {
      id: P1_POST_CLIENT_ID,
      name: 'Redirectless Post',
      clientSecret: P1_POST_CLIENT_SECRET,
      tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
      pkceEnforcement: 'OPTIONAL',
      responseTypes: ['CODE', 'TOKEN', 'ID_TOKEN'],
      grantTypes: ['AUTHORIZATION_CODE', 'IMPLICIT'],
      redirectUris: ['http://localhost:3000/callback'],
      supportUnsignedRequestObject: true,
      signOnPolicies: SIGN_ON_POLICIES,
    },
    {
      id: P1_DEVICE_CLIENT_ID,
      name: 'Redirectless TV',
      tokenEndpointAuthMethod: 'NONE',
      responseTypes: [],
      grantTypes: ['DEVICE_CODE', 'REFRESH_TOKEN'],
      redirectUris: [],
      signOnPolicies: ['Single_Factor', 'Multi_Factor'],
      devicePathId: 'tv',
    },
    {
      id: P1_ISSUER_APP_ID,
      name: 'PingFederate Integration',
      clientSecret: P1_ISSUER_APP_SECRET,
      tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC',
      responseTypes: [],
      grantTypes: ['CLIENT_CREDENTIALS'],
      redirectUris: [],
    },
  ],
  loginHintIssuerId: P1_ISSUER_APP_ID,
  defaultClientId: P1_WEB_CLIENT_ID,
  users: [
    {
      id: '1f0e2d3c-4b5a-4968-8776-5a4b3c2d1e0f',
      username: 'joe',
      password: P1_DEMO_PASSWORD,
      email: 'joe@example.com',
      givenName: 'Joe',
      familyName: 'Smith',
      externalIdentities: [
        { providerId: P1_GOOGLE_IDP_ID, subject: 'google-oauth2|joe' },
        { providerId: P1_CORPORATE_IDP_ID, subject: 'joe@corp.example' },
      ],
      devices: [
        { id: 'de71ce00-0000-4000-8000-000000000101', type: 'SMS', phone: '+15555550101' },
        { id: 'de71ce00-0000-4000-8000-000000000102', type: 'EMAIL', email: 'joe@example.com' },
      ],
    },
    {
      id: '2a1b3c4d-5e6f-4a70-9b81-c2d3e4f5a6b7',
      username: 'ann',
      password: P1_DEMO_PASSWORD,
      email: 'ann@example.com',
      givenName: 'Ann',
      familyName: 'Jones',
      deviceSelection: 'PROMPT_TO_SELECT_DEVICE',
      devices: [
        // The RFC 6238 test secret ("12345678901234567890").
        {
          id: 'de71ce00-0000-4000-8000-000000000201',
          type: 'TOTP',
          secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
        },
        { id: 'de71ce00-0000-4000-8000-000000000202', type: 'MOBILE', nickname: "Ann's phone" },
      ],
    },
    {
      id: '3b2c4d5e-6f70-4b81-8c92-d3e4f5a6b7c8',
      username: 'carl',
      password: P1_DEMO_PASSWORD,
      email: 'carl@example.com',
      givenName: 'Carl',
      familyName: 'Brown',
      devices: [{ id: 'de71ce00-0000-4000-8000-000000000301', type: 'EMAIL', email: 'carl@example.com' }],
    },
    {
      id: '4c3d5e6f-7081-4c92-9da3-e4f5a6b7c8d9',
      username: 'lock',
      password: P1_DEMO_PASSWORD,
      email: 'lock@example.com',
      givenName: 'Lou',
      familyName: 'Locke',
      devices: [{ id: 'de71ce00-0000-4000-8000-000000000401', type: 'SMS', phone: '+15555550104' }],
    },
    {
      id: '5d4e6f70-8192-4da3-8eb4-f5a6b7c8d9e0',
      username: 'fido',
      password: P1_DEMO_PASSWORD,
      email: 'fido@example.com',
      givenName: 'Fay',
      familyName: 'Dough',
      devices: [
        {
          id: 'de71ce00-0000-4000-8000-000000000501',
          type: 'FIDO2',
          credentialId: 'cmVkaXJlY3RsZXNzLWZpZG8yLWNyZWRlbnRpYWwtMDAwMQ',
          nickname: 'Security key',
        },
      ],
    },
    {
      id: '6e5f7081-92a3-4eb4-9fc5-a6b7c8d9e0f1',
      username: 'nodevice',
      password: P1_DEMO_PASSWORD,
      email: 'nodevice@example.com',
      givenName: 'Ned',
      familyName: 'Nodevice',
      devices: [],
    },
    {
      id: '7f607182-a3b4-4fc5-8ad6-b7c8d9e0f1a2',
      username: 'pat',
      password: P1_DEMO_PASSWORD,
      email: 'pat@example.com',
      givenName: 'Pat',
      familyName: 'Change',
      passwordStatus: 'MUST_CHANGE_PASSWORD',
      devices: [{ id: 'de71ce00-0000-4000-8000-000000000701', type: 'SMS', phone: '+15555550107' }],
    },
    {
      id: '80718293-b4c5-4ad6-9be7-c8d9e0f1a2b3',
      username: 'eve',
      password: P1_DEMO_PASSWORD,
      email: 'eve@example.com',
      givenName: 'Eve',
      familyName: 'Expired',
      passwordStatus: 'PASSWORD_EXPIRED',
      devices: [{ id: 'de71ce00-0000-4000-8000-000000000801', type: 'EMAIL', email: 'eve@example.com' }],
    },
    {
      id: '918293a4-c5d6-4be7-8cf8-d9e0f1a2b3c4',
      username: 'vic',
      password: P1_DEMO_PASSWORD,
      email: 'vic@example.com',
      givenName: 'Vic',
      familyName: 'Verify',
      verified: false,
      devices: [{ id: 'de71ce00-0000-4000-8000-000000000901', type: 'SMS', phone: '+15555550109' }],
    },
    {
      id: 'a293a4b5-d6e7-4cf8-9d09-e0f1a2b3c4d5',
      username: 'ivy',
      email: 'ivy@example.com',
      givenName: 'Ivy',
      familyName: 'Invited',
      inviteCode: 'INVITE-7Q2M9X',
      devices: [],
    },
  ],
  signOnPolicies: [
    { id: '51600000-0000-4000-8000-000000000001', name: 'Single_Factor', default: true, steps: ['LOGIN'] },
    { id: '51600000-0000-4000-8000-000000000002', name: 'Multi_Factor', steps: ['LOGIN', 'MFA'] },
    {
      id: '51600000-0000-4000-8000-000000000003',
      name: P1_MFA_ONLY_POLICY,
      steps: ['MFA'],
      mfaSkipCidrs: ['203.0.113.0/24'],
    },
    {
      id: '51600000-0000-4000-8000-000000000004',
      name: 'Identifier_First',
      steps: [{ type: 'IDENTIFIER_FIRST' }, { type: 'LOGIN' }, { type: 'MFA' }],
    },
    {
      id: '51600000-0000-4000-8000-000000000005',
      name: 'Passwordless',
      steps: [{ type: 'IDENTIFIER_FIRST', recovery: false, kerberos: true }, { type: 'MFA' }],
    },
    {
      id: '51600000-0000-4000-8000-000000000006',
      name: 'Self_Service',
      steps: [{ type: 'LOGIN', registration: true, socialProviders: [P1_GOOGLE_IDP_ID], invitations: true }],
    },
    {
      id: '51600000-0000-4000-8000-000000000007',
      name: 'Step_Up',
      steps: [
        { type: 'AGREEMENT', agreementId: P1_TERMS_AGREEMENT_ID },
        {
          type: 'PROGRESSIVE_PROFILING',
          attributes: [
            { name: 'mobilePhone', required: true },
            { name: 'nickname', required: false },
          ],
          promptText: 'Help us keep your account secure.',
        },
        { type: 'MFA' },
      ],
    },
    {
      id: '51600000-0000-4000-8000-000000000008',
      name: 'External_IdP',
      steps: [
        {
          type: 'IDENTITY_PROVIDER',
          identityProviderId: P1_CORPORATE_IDP_ID,
          registration: true,
          confirmAttributes: true,
          linkAccounts: true,
        },
      ],
    },
  ],
  agreements: [
    {
      id: P1_TERMS_AGREEMENT_ID,
      name: 'Terms of Service',
      text: 'By continuing you accept the Terms of Service of Redirectless Bank.',
      language: 'en',
    },
  ],
  identityProviders: [
    { id: P1_GOOGLE_IDP_ID, name: 'Google', type: 'GOOGLE' },
    { id: P1_CORPORATE_IDP_ID, name: 'Corporate IdP', type: 'OPENID_CONNECT' },
  ],
  passwordPolicy: {
    id: 'e4f50617-8293-4eaf-a0b1-3c4d5e6f7081',
    name: 'Standard',
    length: { min: 8, max: 255 },
    minCharacters: {
      ABCDEFGHIJKLMNOPQRSTUVWXYZ: 1,
      abcdefghijklmnopqrstuvwxyz: 1,
      '0123456789': 1,
      '~!@#$%^&*()-_=+[]{}|;:,.<>/?': 1,
    },
    maxRepeatedCharacters: 2,
    minUniqueCharacters: 5,
    excludesCommonlyUsed: true,
    excludesProfileData: true,
    notSimilarToCurrent: true,
    history: { count: 6, retentionDays: 365 },
  },
  // biome-ignore-start lint/suspicious/noTemplateCurlyInString: `${name}` is PingOne's notification template syntax, not JS
  notificationTemplates: {
    strong_authentication: {
      otp: 'Your one-time passcode is ${otp}.',
      push: 'Sign-in request: approve to continue.',
    },
    transaction: {
      otp: 'Approve the payment of ${sum} ${currency} to ${recipient} with code ${otp}.',
      push: 'Approve the payment of ${sum} ${currency} to ${recipient}?',
      variants: {
        short: {
          otp: '${sum} ${currency} to ${recipient}: ${otp}',
          push: '${sum} ${currency} to ${recipient}?',
        },
      },
    },
    recovery_code_template: {
      otp: 'Your password recovery code is ${otp}.',
      push: 'Your password recovery code is ${otp}.',
    },
  },
  // biome-ignore-end lint/suspicious/noTemplateCurlyInString: see above
  passwordLockout: { failureCount: 5, lockoutSeconds: 900 },
  passwordForgotUnknownUser: 'NOT_FOUND',
  resumeFailedFlow: 'authorize-error',
  passwordRequiredLinks: 'requiredStep',
  userLookupUnknownUser: 'PASSWORD_REQUIRED',
  deviceCodeLifetimeSeconds: 600,
  devicePollingIntervalSeconds: 5,
  flowIdleTimeoutSeconds: 15 * 60,
  authorizationCodeLifetimeSeconds: 60,
  accessTokenLifetimeSeconds: 3600,
  idTokenLifetimeSeconds: 3600,
  refreshTokenLifetimeSeconds: 30 * 24 * 3600,
  rotateRefreshTokens: false,
  accessTokenAudience: 'https://api.pingone.com',
  deviceSelection: 'DEFAULT_TO_FIRST',
  otpLength: { SMS: 6, EMAIL: 6, VOICE: 6, TOTP: 6 },
  otpLifetimeSeconds: 30 * 60,
  otpFailureCount: 3,
  otpCoolDownSeconds: 120,
  otpLockout: 'fail-flow',
  mfaBypassAllowed: false,
  noDeviceOutcome: 'FAILED',
  pushTimeoutSeconds: 120,
  pushDeniedOutcome: 'FAILED',
  pushCancelOutcome: 'DEVICE_SELECTION_REQUIRED',
  pushPollRetryAfterSeconds: null,
  fidoRpId: 'localhost',
  fidoAllowedOrigins: [],
  fidoUserVerification: 'preferred',
  fidoTimeoutMs: 120_000,
  fidoRequestOptionsEncoding: 'byte-array',
  fidoRequestOptionsAsString: true,
  sessionCookie: 'on-user-known',
  sessionCookieAttributes: 'auto',
  resumeRequiresSessionCookie: true,
  ssoSessions: true,
  authorizeResponseOnCompletedAction: false,
  authorizeResponseMembers: 'full',
  authorizeErrorStyle: 'platform',
  validateRedirectUri: true,
  loginHintTokenRequireExp: true,
  loginHintTokenRequireIat: false,
  loginHintTokenAlgorithms: ['HS256', 'HS384', 'HS512'],
  jwtClockToleranceSeconds: 30,
  rejectLoginHintWithLoginHintToken: false,
  requestObjectPrecedence: 'query',
  pkceRequiresAuthMethodNone: false,
  linkSessionResetEverywhere: false,
  unknownActionStatus: 415,
  rateLimit: null,
  corsAllowedOrigins: ['*'],
}
