import {
  createHybridLoginMachine,
  type HybridLoginOptions,
  type HybridLoginResult,
  type HybridLoginStep,
  runHybridLogin,
} from '@redirectless/orchestrator'
import type { Answerer } from './answers/answerer.js'
import type { StepState } from './answers/devices.js'
import { CliError, type CliErrorDetails, toCliError } from './errors.js'
import { ExitCodes } from './exit-codes.js'

export interface LoginRun {
  readonly options: HybridLoginOptions
  readonly answerer: Answerer
  /** The whole login's deadline, ms: past it the login stops with exit 4, so nothing hangs. */
  readonly timeoutMs: number
  /** Ctrl-C. */
  readonly interrupt?: AbortSignal | undefined
  /** Aborted together with the login (deadline, Ctrl-C), for prompts that must give up too. */
  readonly controller?: AbortController
}

/** Where the login was when it failed, read from the last step the machine showed. */
function failureContext(step: HybridLoginStep | undefined): CliErrorDetails {
  if (!step) return {}
  const state = step.state as StepState | undefined
  const stage =
    step.error?.stage ?? (step.stage === 'pingOne' || step.stage === 'pingFederate' ? step.stage : undefined)
  // PingOne puts a FAILED flow's reason under `error`, PingFederate at the top level.
  const reason = state?.status === 'FAILED' ? (state.error?.code ?? state.code) : undefined
  return {
    ...(stage !== undefined && { stage }),
    ...(step.status !== undefined && { status: step.status }),
    ...(reason !== undefined && { reason }),
  }
}

/**
 * Runs the two-stage login to its end with `answerer` answering, under a deadline. Resolves with
 * both stages' result; rejects only with a {@link CliError} (deadline → `DEADLINE`, exit 4;
 * Ctrl-C → `INTERRUPTED`, exit 130; anything else mapped by {@link toCliError}).
 */
export async function runLogin(run: LoginRun): Promise<HybridLoginResult> {
  const controller = run.controller ?? new AbortController()
  let why: 'deadline' | 'interrupt' | undefined
  const stop = (reason: 'deadline' | 'interrupt') => {
    why ??= reason
    controller.abort()
  }
  const timer = setTimeout(() => stop('deadline'), run.timeoutMs)
  const onInterrupt = () => stop('interrupt')
  run.interrupt?.addEventListener('abort', onInterrupt, { once: true })
  if (run.interrupt?.aborted) onInterrupt()
  let last: HybridLoginStep | undefined
  try {
    return await runHybridLogin({
      machine: createHybridLoginMachine(run.options),
      signal: controller.signal,
      onStep: (step, { signal }) => {
        last = step
        return run.answerer.answer(step, AbortSignal.any([signal, controller.signal]))
      },
      onUpdate: (step, login) => {
        last = step
        run.answerer.update(step, login.answer)
      },
    })
  } catch (error) {
    const context = failureContext(last)
    if (why === 'deadline')
      throw new CliError(
        'DEADLINE',
        `The login did not finish within ${run.timeoutMs / 1000} s`,
        ExitCodes.TIMEOUT,
        context,
      )
    if (why === 'interrupt') throw new CliError('INTERRUPTED', 'Interrupted', ExitCodes.INTERRUPTED, context)
    throw toCliError(error, context)
  } finally {
    clearTimeout(timer)
    run.interrupt?.removeEventListener('abort', onInterrupt)
    run.answerer.close()
  }
}
