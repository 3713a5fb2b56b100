import type {
  AuthorizationResult,
  CallOptions,
  FlowSession,
  FlowStateBase,
  IdTokenClaims,
  TokenEndpointResponse,
} from '@redirectless/core'
import type { PingFederateClient } from '@redirectless/pingfederate'
import type { PingOneClient } from '@redirectless/pingone'
import type { Secret } from './secret.js'

/** Where the login is. */
export type HybridStage = 'pingFederate' | 'pingOne' | 'done' | 'failed' | 'canceled'

/** What the login_hint_token callback is told. */
export interface LoginHintInput {
  /** The PingOne user to step up: by default the PingFederate id_token's `sub`. */
  readonly subject: string
  /** PingFederate's validated result for the same user. */
  readonly pingFederate: AuthorizationResult
}

/** PingFederate's authorize parameters. */
export type PingFederateParams = Parameters<PingFederateClient['startFlow']>[0]

/** PingOne's authorize parameters, without the login_hint_token the machine supplies; `scope` defaults to `openid`. */
export type PingOneParams = Omit<Parameters<PingOneClient['startFlow']>[0], 'loginHintToken' | 'scope'> & {
  readonly scope?: string
}

export interface HybridLoginOptions {
  readonly pingFederate: PingFederateClient
  readonly pingOne: PingOneClient
  /**
   * Returns a login_hint_token for the user. In a native app or SPA it calls the app's backend; on
   * a server, {@link loginHintTokenFromSecret} mints it. Never ship the issuer secret to a client.
   */
  readonly loginHintToken: (
    input: LoginHintInput,
    options: { readonly signal: AbortSignal },
  ) => string | Promise<string>
  /** Maps PingFederate's result to the PingOne user id or username; default `claims.sub`. */
  readonly subject?: ((pingFederate: AuthorizationResult) => string | Promise<string>) | undefined
  /** PingFederate authorize parameters. Default `{ scope: 'openid profile' }`. */
  readonly pingFederateParams?: PingFederateParams | undefined
  /** PingOne authorize parameters (e.g. `acrValues: 'MFA-Only'`, a `request` JWT with `pi.remoteIp`). */
  readonly pingOneParams?:
    | PingOneParams
    | ((input: LoginHintInput) => PingOneParams | Promise<PingOneParams>)
    | undefined
  /** Skip PingOne entirely (always, or when the function says so). */
  readonly skipMfa?: boolean | ((pingFederate: AuthorizationResult) => boolean | Promise<boolean>) | undefined
  /**
   * Answer PingFederate's "continue" statuses (MFA_COMPLETED, OTP_VERIFIED, …) by themselves, as
   * Ping's widget does. Default true.
   */
  readonly autoContinue?: boolean | undefined
  /** How long one push wait may last, ms. Default 120 000. */
  readonly pollDeadline?: number | undefined
  /** First polling pace while a push is pending, ms. Default: the product's pace. */
  readonly pollInterval?: number | undefined
  /** Milliseconds per HTTP call; the clients' own timeouts otherwise. */
  readonly timeout?: CallOptions['timeout']
}

/** An error as the snapshot shows it: coded, redacted, plain JSON. */
export interface HybridLoginError {
  readonly code: string
  readonly message: string
  readonly status?: number
  readonly server?: unknown
  readonly flowStatus?: string
  readonly retryable: boolean
  /** Which stage it happened in. */
  readonly stage: 'pingFederate' | 'pingOne'
}

/** The secret half of a flow: PKCE verifier, nonce, `state`, cookies. */
export interface FlowSecrets {
  readonly product: string
  readonly session: FlowSession
  readonly cookies: unknown
  readonly canceled?: boolean
  /** What a COMPLETED state carries for the client (a code; tokens for implicit and hybrid flows). */
  readonly authorizeResponse?: unknown
}

/** Everything secret the machine holds. Lives in a {@link Secret}; revealed only in persisted snapshots. */
export interface Vault {
  readonly pingFederate?: FlowSecrets
  readonly pingOne?: FlowSecrets
  readonly pingFederateTokens?: TokenEndpointResponse
  readonly pingOneTokens?: TokenEndpointResponse
}

/** The operation RETRY runs again. */
export type RetryOperation = 'start' | 'poll' | 'complete'

/**
 * The machine's context: what an app renders from, with no secret in it. `state` is the server's
 * current flow state (its model: devices, username, …) and `actions` what it offers.
 */
export interface HybridLoginContext {
  readonly stage: HybridStage
  readonly status: string | undefined
  readonly state: FlowStateBase | undefined
  readonly actions: readonly string[]
  /** True while the machine waits on a status that changes by itself (a push to approve). */
  readonly waiting: boolean
  readonly error: HybridLoginError | undefined
  /** Whether RETRY would run the failed operation again. */
  readonly canRetry: boolean
  readonly retry:
    | { readonly stage: 'pingFederate' | 'pingOne'; readonly operation: RetryOperation }
    | undefined
  readonly pingFederateClaims: IdTokenClaims | undefined
  readonly pingOneClaims: IdTokenClaims | undefined
  /** True when PingOne completed without an MFA step (policy, e.g. an allow-listed `pi.remoteIp`), or `skipMfa`. */
  readonly mfaSkipped: boolean
  readonly vault: Secret<Vault>
}

export type HybridLoginEvent =
  | { readonly type: 'SUBMIT'; readonly action: string; readonly body?: unknown }
  | { readonly type: 'CANCEL' }
  | { readonly type: 'RETRY' }
  | { readonly type: 'RESTART' }

/** The machine's output: the validated claims of both stages (tokens through {@link hybridLoginResult}). */
export interface HybridLoginOutput {
  readonly pingFederate: { readonly claims: IdTokenClaims | undefined }
  readonly pingOne: { readonly claims: IdTokenClaims | undefined } | undefined
  readonly mfaSkipped: boolean
}

/** Both stages' results, tokens included. */
export interface HybridLoginResult {
  readonly pingFederate: AuthorizationResult
  readonly pingOne: AuthorizationResult | undefined
  readonly mfaSkipped: boolean
}
