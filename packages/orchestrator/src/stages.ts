import type { PingFederateActions, PingFederateState } from '@redirectless/pingfederate'
import type { PingOneActions, PingOneState } from '@redirectless/pingone'

/**
 * What each stage's client types, by stage: its flow states (a union on `status`) and its actions
 * with the body each takes. The machine's context, `submitEvent()` and `SUBMIT` read this map, so
 * they follow the clients' own models.
 */
export interface HybridFlowStages {
  readonly pingFederate: {
    readonly state: PingFederateState
    readonly actions: PingFederateActions
  }
  readonly pingOne: {
    readonly state: PingOneState
    readonly actions: PingOneActions
  }
}

/** A stage that runs a flow: PingFederate's first factor, or PingOne's MFA. */
export type HybridFlowStage = keyof HybridFlowStages

/**
 * The action ids of a stage (of both stages by default): `HybridLoginAction<'pingOne'>` is
 * `'otp.check' | 'device.select' | …`. No id belongs to both stages.
 */
export type HybridLoginAction<S extends HybridFlowStage = HybridFlowStage> = S extends HybridFlowStage
  ? keyof HybridFlowStages[S]['actions'] & string
  : never

/** The body `action` takes, as its client types it: `HybridLoginBody<'otp.check'>` is `{ otp: string }`. */
export type HybridLoginBody<A extends HybridLoginAction> = {
  [S in HybridFlowStage]: A extends keyof HybridFlowStages[S]['actions']
    ? HybridFlowStages[S]['actions'][A]
    : never
}[HybridFlowStage]

/** A stage's flow state: `PingFederateState` or `PingOneState`. */
export type HybridLoginStateOf<S extends HybridFlowStage> = HybridFlowStages[S]['state']

/** The body argument: optional when the action's body type admits `undefined`, as `flow.submit()` has it. */
export type BodyArgs<B> = undefined extends B ? [body?: B] : [body: B]

/**
 * An answer to a stage's state: the action and the body its client types (`body` optional when
 * the action takes none), one member per action. `HybridLoginSubmission<'pingOne'>` takes only
 * PingOne's actions.
 */
export type HybridLoginSubmission<S extends HybridFlowStage = HybridFlowStage> = SubmissionOf<
  HybridLoginAction<S>
>

// Flat members (not intersections), so that `{ action: cond ? 'a' : 'b' }` finds its member.
type SubmissionOf<A extends HybridLoginAction> = A extends unknown
  ? undefined extends HybridLoginBody<A>
    ? { readonly action: A; readonly body?: HybridLoginBody<A> }
    : { readonly action: A; readonly body: HybridLoginBody<A> }
  : never
