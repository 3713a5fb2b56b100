import type { HybridLoginAnswer, HybridLoginPhase, HybridLoginStep } from '@redirectless/orchestrator'

/** What was done at one step, as the step list prints it: never a password, code or token. */
export interface StepReport {
  readonly stage: 'pingFederate' | 'pingOne'
  readonly status: string
  /** The action submitted (`checkUsernamePassword`, `otp.check`, …) or `poll` while waiting. */
  readonly action: string
  /** What the user did, in words: "code received by SMS to •••01". */
  readonly note: string
}

export type Reporter = (report: StepReport) => void

/**
 * Answers the steps of one login: {@link runLogin} hands it every step that needs input and
 * every change (to follow a push). Made by `autoAnswers` (the non-interactive demo) and
 * `promptedAnswers` (a person at a terminal, or lines on a pipe).
 */
export interface Answerer {
  answer(step: HybridLoginStep, signal: AbortSignal): Promise<HybridLoginAnswer>
  /** `answer` answers a step that waits (a push the user gives up on); see `runHybridLogin`'s `onUpdate`. */
  update(
    step: HybridLoginStep & { readonly phase: HybridLoginPhase },
    answer?: (answer: HybridLoginAnswer) => void,
  ): void
  /** Stops whatever is still running (timers, spinners). */
  close(): void
}

/** The stage a step belongs to, for reports: the machine's own stage, or the failing stage. */
export function reportStage(step: HybridLoginStep): 'pingFederate' | 'pingOne' {
  const stage = step.error?.stage ?? step.stage
  return stage === 'pingOne' ? 'pingOne' : 'pingFederate'
}
