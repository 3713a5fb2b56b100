import { Secret } from './secret.js'
import type { BodyArgs, HybridFlowStage, HybridLoginAction, HybridLoginBody } from './stages.js'

/** A `SUBMIT` of `A` with its body; the body as `flow.submit()` takes it, or wrapped in a {@link Secret}. */
type SubmitOf<A extends HybridLoginAction> = A extends unknown
  ? undefined extends HybridLoginBody<A>
    ? {
        readonly type: 'SUBMIT'
        readonly action: A
        readonly body?: HybridLoginBody<A> | Secret<HybridLoginBody<A>>
      }
    : {
        readonly type: 'SUBMIT'
        readonly action: A
        readonly body: HybridLoginBody<A> | Secret<HybridLoginBody<A>>
      }
  : never

/**
 * `SUBMIT`, typed: one member per action of the stage (of both stages by default), each with the
 * body its client types. Build it with {@link submitEvent}, which keeps the body out of inspection.
 */
export type HybridLoginSubmitEvent<S extends HybridFlowStage = HybridFlowStage> = SubmitOf<
  HybridLoginAction<S>
>

/**
 * A `SUBMIT` whose action and body were not known to the compiler (a request body a BFF received,
 * a line typed at a prompt): made only by {@link untypedSubmitEvent}. The machine still refuses an
 * action the current state does not offer (`ACTION_NOT_AVAILABLE`, nothing sent).
 */
export interface UntypedSubmitEvent {
  readonly type: 'SUBMIT'
  readonly action: string
  readonly body: Secret<unknown>
}

/** The events the machine takes. */
export type HybridLoginEvent =
  | HybridLoginSubmitEvent
  | UntypedSubmitEvent
  | { readonly type: 'CANCEL' }
  | { readonly type: 'RETRY' }
  | { readonly type: 'RESTART' }

/** What {@link submitEvent} makes: the typed `SUBMIT`, its body in a transient {@link Secret}. */
export type SubmitEventOf<A extends HybridLoginAction> = A extends unknown
  ? { readonly type: 'SUBMIT'; readonly action: A; readonly body: Secret<HybridLoginBody<A>> }
  : never

/** The flow stage of a context (both stages for a context not narrowed to one, none once ended). */
type StageOf<C extends { readonly stage: string }> = C['stage'] & HybridFlowStage

/**
 * A `SUBMIT` event, checked against the clients' types: the action must be one of the stage's
 * (PingFederate's `checkUsernamePassword`, PingOne's `otp.check`, …) and the body the one that
 * action takes. Given the context (or a step, or a view) first, only the actions of its stage are
 * accepted. The body (a password, an OTP) is wrapped so that it never shows in xstate inspection
 * events, devtools or logs, and is never persisted.
 *
 * @example
 * ```ts
 * actor.send(submitEvent('checkUsernamePassword', { username, password }))
 * // checked against the stage the context is in:
 * const { context } = actor.getSnapshot()
 * if (context.stage === 'pingOne') actor.send(submitEvent(context, 'otp.check', { otp }))
 * ```
 */
export function submitEvent<A extends HybridLoginAction>(
  action: A,
  ...body: BodyArgs<HybridLoginBody<A>>
): SubmitEventOf<A>
export function submitEvent<C extends { readonly stage: string }, A extends HybridLoginAction<StageOf<C>>>(
  context: C,
  action: A,
  ...body: BodyArgs<HybridLoginBody<A>>
): SubmitEventOf<A>
export function submitEvent(...args: unknown[]): UntypedSubmitEvent {
  const [action, body] = args[0] !== null && typeof args[0] === 'object' ? args.slice(1) : args
  return untypedSubmitEvent(action as string, body)
}

/**
 * A `SUBMIT` event for an action and body the compiler cannot check, because they arrive at run
 * time (a BFF's request body, a CLI's prompt). The machine refuses an action the current state does
 * not offer; the server refuses a wrong body. Prefer {@link submitEvent} wherever the action is
 * known when the code is written.
 *
 * @example
 * ```ts
 * const { action, body } = await request.json()
 * if (typeof action === 'string') actor.send(untypedSubmitEvent(action, body))
 * ```
 */
export function untypedSubmitEvent(action: string, body?: unknown): UntypedSubmitEvent {
  return { type: 'SUBMIT', action, body: new Secret(body, { transient: true }) }
}
