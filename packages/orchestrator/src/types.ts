import type {
  AuthorizationResult,
  CallOptions,
  ErrorCode,
  FlowSession,
  IdTokenClaims,
  ServerError,
  TokenEndpointResponse,
} from '@redirectless/core'
import type { PingFederateClient } from '@redirectless/pingfederate'
import type { PingOneClient } from '@redirectless/pingone'
import type { HybridFlowStage } from './stages.js'

export type { HybridEndedStage, HybridLoginContext, HybridLoginShared, HybridStage } from './context.js'
export type { HybridLoginEvent } from './submit-event.js'

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

/** What {@link createHybridLoginMachine} takes: the two clients, and how to get from one to the other. */
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
  readonly code: ErrorCode
  readonly message: string
  /** The HTTP status of the answer, when there was one. */
  readonly status?: number
  /**
   * What the server said, redacted: its `code` (`VALIDATION_ERROR`, `INVALID_DATA`, …), `message`
   * and `details[]` (`CREDENTIAL_VALIDATION_FAILED`, `INVALID_OTP`, PingFederate's
   * `attemptsRemaining`, PingOne's `innerError`), as both clients type error bodies.
   */
  readonly server?: ServerError
  /** The flow status when it happened. */
  readonly flowStatus?: string
  readonly retryable: boolean
  /** Which stage it happened in. */
  readonly stage: HybridFlowStage
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
