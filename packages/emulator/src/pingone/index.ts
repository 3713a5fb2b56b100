import { resolveCookieAttributes } from '../pingfederate/cookies.js'
import type { EmulatorHalf, HalfContext } from '../shared/half.js'
import { createApp, routeOf } from './app.js'
import { P1_MFA_ONLY_POLICY, type PingOneConfig, type TokenEndpointAuthMethod } from './config.js'
import type { P1Context } from './context.js'
import { edgeError } from './errors.js'
import { createPingOneBrowser, type PingOneBrowser } from './external.js'
import { createFidoRegistry, type FidoTestAuthenticator } from './fido-keys.js'
import { lazyPingOneSigningKey } from './keys.js'
import { createOutbox, type Outbox } from './outbox.js'
import { createPushController, type PushController } from './push.js'
import { createStore } from './store.js'

export type {
  AgreementAction,
  AgreementConfig,
  DeviceSelection,
  DeviceType,
  IdentifierFirstAction,
  IdentityProviderAction,
  IdentityProviderConfig,
  LoginAction,
  MfaAction,
  NotificationTemplateConfig,
  NotificationTexts,
  OtpDeviceType,
  P1ApplicationConfig,
  P1DeviceConfig,
  P1GrantType,
  P1ResponseType,
  P1UserConfig,
  PasswordPolicyConfig,
  PingOneConfig,
  PkceEnforcement,
  ProgressiveProfilingAction,
  RateLimitConfig,
  SignOnAction,
  SignOnPolicyConfig,
  SignOnStep,
  TokenEndpointAuthMethod,
} from './config.js'
export {
  defaultPingOneConfig,
  P1_CORPORATE_IDP_ID,
  P1_DEMO_PASSWORD,
  P1_DEVICE_CLIENT_ID,
  P1_ENVIRONMENT_ID,
  P1_GOOGLE_IDP_ID,
  P1_ISSUER_APP_ID,
  P1_ISSUER_APP_SECRET,
  P1_MFA_ONLY_POLICY,
  P1_POST_CLIENT_ID,
  P1_POST_CLIENT_SECRET,
  P1_PUBLIC_CLIENT_ID,
  P1_TERMS_AGREEMENT_ID,
  P1_WEB_CLIENT_ID,
  P1_WEB_CLIENT_SECRET,
} from './config.js'
export type { ExternalSignIn, PingOneBrowser } from './external.js'
export type { AssertionOptions, FidoTestAuthenticator } from './fido-keys.js'
export type { Outbox, OutboxChannel, OutboxMessage } from './outbox.js'
export type { PushController } from './push.js'

/** What a caller needs to point a client at this half. */
export interface PingOneInfo {
  /** The auth host origin (`authHost` / `{{authPath}}`). */
  readonly authBaseUrl: string
  readonly environmentId: string
  /** `{authBaseUrl}/{environmentId}/as`: the issuer, and the `aud` of `login_hint_token` and `request` JWTs. */
  readonly issuer: string
  /** The default confidential `pi.flow` app (`CLIENT_SECRET_BASIC`). */
  readonly clientId: string
  readonly clientSecret: string
  /** The app whose secret signs `login_hint_token`s. */
  readonly loginHintIssuer: { readonly clientId: string; readonly secret: string }
  /** The `acr_values` that selects the MFA-only sign-on policy. */
  readonly mfaOnlyAcrValues: string
  /** `{issuer}/device_authorization`: where a device starts a device authorization grant (RFC 8628). */
  readonly deviceAuthorizationEndpoint: string
  /** Every application, secrets included (this is a test fixture). */
  readonly applications: readonly {
    readonly clientId: string
    readonly name: string
    readonly clientSecret?: string
    readonly tokenEndpointAuthMethod: TokenEndpointAuthMethod
  }[]
  /** Every user: the id is the id_token `sub`. */
  readonly users: readonly { readonly id: string; readonly username: string }[]
}

/** The PingOne half as the composition uses it. */
export interface PingOneHalf extends EmulatorHalf {
  readonly product: 'pingone'
  readonly info: PingOneInfo
  readonly outbox: Outbox
  readonly push: PushController
  /** A software FIDO2 authenticator holding the keys of the configured FIDO2 devices. */
  readonly fido: FidoTestAuthenticator
  /** What a browser does outside the API: an external identity provider's sign-on, a Kerberos ticket. */
  readonly browser: PingOneBrowser
}

/**
 * Creates the PingOne half: authorize with `response_mode=pi.flow`, the flows API (MFA-only state
 * machine, OTP, push, FIDO2), resume, token, discovery and JWKS under `/{envId}/…`, as specified in
 * `contracts/pingone-flows-api.md` and documented in `docs/emulator-pingone.md`.
 */
export function createPingOneHalf(ctx: HalfContext, config: PingOneConfig): PingOneHalf {
  const fido = createFidoRegistry(config.users)
  const envBase = `${ctx.baseUrl}/${config.environmentId}`
  const issuer = `${envBase}/as`
  const p1: P1Context = {
    config,
    clock: ctx.clock,
    baseUrl: ctx.baseUrl,
    envBase,
    issuer,
    cookieAttributes: resolveCookieAttributes(ctx.baseUrl, config.sessionCookieAttributes),
    // Not the composition's key: PingOne publishes its keys with a certificate (`x5c`).
    signingKey: lazyPingOneSigningKey(issuer),
    outbox: createOutbox(ctx.clock),
    store: createStore(),
    fido,
  }
  const app = createApp(p1)
  const defaultClient = config.applications.find((a) => a.id === config.defaultClientId)
  const issuerApp = config.applications.find((a) => a.id === config.loginHintIssuerId)
  const { send: _send, ...outbox } = p1.outbox

  return {
    product: 'pingone',
    route: (url) => routeOf(url),
    fetch: (request, env) => app.fetch(request, env),
    edgeError,
    info: {
      authBaseUrl: ctx.baseUrl,
      environmentId: config.environmentId,
      issuer: p1.issuer,
      clientId: defaultClient?.id ?? '',
      clientSecret: defaultClient?.clientSecret ?? '',
      loginHintIssuer: { clientId: issuerApp?.id ?? '', secret: issuerApp?.clientSecret ?? '' },
      mfaOnlyAcrValues: P1_MFA_ONLY_POLICY,
      deviceAuthorizationEndpoint: `${issuer}/device_authorization`,
      applications: config.applications.map((a) => ({
        clientId: a.id,
        name: a.name,
        ...(a.clientSecret === undefined ? {} : { clientSecret: a.clientSecret }),
        tokenEndpointAuthMethod: a.tokenEndpointAuthMethod,
      })),
      users: config.users.map((u) => ({ id: u.id, username: u.username })),
    },
    outbox,
    push: createPushController(p1),
    fido: {
      getAssertion: fido.getAssertion,
      publicKeyJwk: fido.publicKeyJwk,
      privateKeyPkcs8: fido.privateKeyPkcs8,
    },
    browser: createPingOneBrowser(p1),
  }
}
