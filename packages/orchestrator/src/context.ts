import type { IdTokenClaims } from '@redirectless/core'
import type { Secret } from './secret.js'
import type { HybridFlowStage, HybridLoginStateOf } from './stages.js'
import type { HybridLoginError, RetryOperation, Vault } from './types.js'

/** The stages a login has ended in; the last flow state stays in the context. */
export type HybridEndedStage = 'done' | 'failed' | 'canceled'

/** Where the login is: a flow stage, or an end. */
export type HybridStage = HybridFlowStage | HybridEndedStage

/** One member per flow state: `status` and `state` move together, so narrowing one narrows both. */
type At<Stage extends HybridStage, State> = State extends { readonly status: infer S }
  ? { readonly stage: Stage; readonly status: S; readonly state: State }
  : never

/** Before the stage's first answer (`starting`, or a start to retry), there is no state yet. */
interface Unstarted<Stage extends HybridStage> {
  readonly stage: Stage
  readonly status: undefined
  readonly state: undefined
}

type Position =
  | Unstarted<'pingFederate'>
  | At<'pingFederate', HybridLoginStateOf<'pingFederate'>>
  | Unstarted<'pingOne'>
  | At<'pingOne', HybridLoginStateOf<'pingOne'>>
  // An ended login keeps the state it ended on, PingFederate's or PingOne's (`error.stage` says which).
  | Unstarted<HybridEndedStage>
  | At<HybridEndedStage, HybridLoginStateOf<'pingFederate'> | HybridLoginStateOf<'pingOne'>>

/** What every member of the context has, whatever the stage and status. */
export interface HybridLoginShared {
  /**
   * The actions the state offers now (its own `_links`). Plain strings, as the clients'
   * `flow.actions`: a server may offer one this version has no type for.
   */
  readonly actions: readonly string[]
  /** True while the machine waits on a status that changes by itself (a push to approve). */
  readonly waiting: boolean
  readonly error: HybridLoginError | undefined
  /** Whether RETRY would run the failed operation again. */
  readonly canRetry: boolean
  readonly retry: { readonly stage: HybridFlowStage; readonly operation: RetryOperation } | undefined
  readonly pingFederateClaims: IdTokenClaims | undefined
  readonly pingOneClaims: IdTokenClaims | undefined
  /** True when PingOne completed without an MFA step (policy, e.g. an allow-listed `pi.remoteIp`), or `skipMfa`. */
  readonly mfaSkipped: boolean
}

/**
 * The machine's context without its vault: what an app renders from (`runHybridLogin`'s `onStep`,
 * a `LoginView`). A union discriminated on `stage` and `status`: narrow on both and `state` is that
 * client's model for that status (`PingFederateState` in the `pingFederate` stage, `PingOneState`
 * in `pingOne`).
 *
 * @example
 * ```ts
 * if (step.stage === 'pingOne' && step.status === 'DEVICE_SELECTION_REQUIRED') {
 *   render(step.state._embedded.devices)
 * }
 * ```
 */
export type HybridLoginStep = Position extends infer P
  ? P extends unknown
    ? P & HybridLoginShared
    : never
  : never

/**
 * The machine's context: {@link HybridLoginStep}, plus the vault (PKCE verifiers, cookies, tokens
 * in a {@link Secret}, revealed only in persisted snapshots). It holds no secret an inspector or a
 * log could see.
 */
export type HybridLoginContext = HybridLoginStep & { readonly vault: Secret<Vault> }
