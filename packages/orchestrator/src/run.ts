import { ErrorCodes, RedirectlessError } from '@redirectless/core'
import { type Actor, createActor, type Snapshot } from 'xstate'
import type { HybridLoginStep } from './context.js'
import { fromHybridError } from './errors.js'
import { createHybridLoginMachine, type HybridLoginMachine } from './machine.js'
import { restoreHybridLogin } from './restore.js'
import { hybridLoginPhase, hybridLoginResult } from './snapshot.js'
import type { HybridLoginSubmission } from './stages.js'
import { untypedSubmitEvent } from './submit-event.js'
import type { HybridLoginOptions, HybridLoginResult } from './types.js'

/** Resolves after the event loop has had a turn (timers and I/O included), not merely a microtask. */
const nextTurn = (): Promise<void> =>
  new Promise((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  )

export type { HybridLoginStep }

/**
 * What `onStep` answers: an action to submit with the body its client types (checked as
 * `submitEvent()` checks it), or RETRY / CANCEL.
 */
export type HybridLoginAnswer = HybridLoginSubmission | { readonly retry: true } | { readonly cancel: true }

/** What {@link runHybridLogin} takes: a machine (or its options) and how to answer each step. */
export interface RunHybridLoginOptions {
  /** A machine from {@link createHybridLoginMachine}, or the options to make one. */
  readonly machine?: HybridLoginMachine
  readonly options?: HybridLoginOptions
  /** Continue from a persisted snapshot instead of starting. */
  readonly snapshot?: Snapshot<unknown>
  /**
   * Called whenever the login needs the user (or a retryable failure needs a decision); returns
   * the next answer. `step.error` holds the last error (e.g. a wrong password) when there is one.
   */
  readonly onStep: (
    step: HybridLoginStep,
    options: { readonly signal: AbortSignal },
  ) => HybridLoginAnswer | Promise<HybridLoginAnswer>
  /**
   * Called on every change (busy, waiting for a push, …), for progress output. `login.answer`
   * answers a step that waits rather than asks (`cancel.push.authentication` while a push waits):
   * it is sent only while the login still waits at that step, and the machine refuses an action the
   * state does not offer.
   */
  readonly onUpdate?: (
    step: HybridLoginStep & { readonly phase: ReturnType<typeof hybridLoginPhase> },
    login: { readonly answer: (answer: HybridLoginAnswer) => void },
  ) => void
  readonly signal?: AbortSignal
}

/**
 * Runs the hybrid login to its end with a promise API, for scripts and CLIs. Resolves with both
 * stages' tokens and claims; rejects with a coded {@link RedirectlessError} when the login fails,
 * is cancelled (`FLOW_CANCELED`) or the signal aborts (`ABORTED`).
 */
export function runHybridLogin(run: RunHybridLoginOptions): Promise<HybridLoginResult> {
  let actor: Actor<HybridLoginMachine>
  try {
    const machine = run?.machine ?? (run?.options ? createHybridLoginMachine(run.options) : undefined)
    if (!machine)
      throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, 'runHybridLogin needs a machine or options')
    if (typeof run.onStep !== 'function')
      throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, 'runHybridLogin needs onStep')
    // A snapshot is checked before an actor exists: a malformed one is this call's error, not a crash.
    actor = run.snapshot === undefined ? createActor(machine) : restoreHybridLogin(machine, run.snapshot)
  } catch (error) {
    return Promise.reject(error)
  }
  const asking = new AbortController()

  return new Promise<HybridLoginResult>((resolve, reject) => {
    let asked: unknown
    let settled = false
    const finish = (outcome: () => void) => {
      if (settled) return
      settled = true
      asking.abort()
      run.signal?.removeEventListener('abort', onAbort)
      subscription.unsubscribe()
      actor.stop()
      outcome()
    }
    const onAbort = () => {
      actor.send({ type: 'CANCEL' })
      finish(() => reject(new RedirectlessError(ErrorCodes.ABORTED, 'The login was aborted')))
    }
    const send = (answer: HybridLoginAnswer) => {
      if ('cancel' in answer) actor.send({ type: 'CANCEL' })
      else if ('retry' in answer) actor.send({ type: 'RETRY' })
      // Checked by the answer's type; the machine refuses an action the state does not offer.
      else actor.send(untypedSubmitEvent(answer.action, answer.body))
    }
    const ask = async (snapshot: ReturnType<typeof actor.getSnapshot>) => {
      asked = snapshot
      // One turn of the event loop before each question: an onStep that keeps answering what the
      // state refuses would otherwise loop on microtasks alone, and no timer (the signal's timeout
      // among them) could ever fire (invariant 13).
      await nextTurn()
      if (settled || actor.getSnapshot() !== snapshot) return
      const { vault: _vault, ...step } = snapshot.context
      try {
        const answer = await run.onStep(step, { signal: asking.signal })
        if (settled || actor.getSnapshot() !== snapshot) return
        send(answer)
      } catch (error) {
        actor.send({ type: 'CANCEL' })
        finish(() => reject(error))
      }
    }
    const subscription = actor.subscribe({
      next: (snapshot) => {
        const phase = hybridLoginPhase(snapshot)
        if (run.onUpdate) {
          const { vault: _vault, ...step } = snapshot.context
          const answer = (given: HybridLoginAnswer) => {
            const now = actor.getSnapshot()
            // A key pressed after the push was answered meets another step: it is dropped.
            const still =
              hybridLoginPhase(now) === 'waiting' &&
              now.context.stage === step.stage &&
              now.context.status === step.status
            if (settled || phase !== 'waiting' || !still) return
            send(given)
          }
          run.onUpdate({ ...step, phase }, { answer })
        }
        if (phase === 'done') return finish(() => resolve(hybridLoginResult(snapshot)))
        if (phase === 'failed') {
          const error = snapshot.context.error
          return finish(() =>
            reject(
              error
                ? fromHybridError(error)
                : new RedirectlessError(ErrorCodes.FLOW_FAILED, 'The login failed'),
            ),
          )
        }
        if (phase === 'canceled')
          return finish(() =>
            reject(new RedirectlessError(ErrorCodes.FLOW_CANCELED, 'The login was cancelled')),
          )
        if ((phase === 'input' || phase === 'error') && snapshot !== asked) void ask(snapshot)
      },
      error: (error) => finish(() => reject(error)),
    })
    if (run.signal?.aborted) return onAbort()
    run.signal?.addEventListener('abort', onAbort, { once: true })
    actor.start()
  })
}
