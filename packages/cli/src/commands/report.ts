import type { HybridLoginResult } from '@redirectless/orchestrator'
import type { StepReport } from '../answers/answerer.js'
import { type CliError, toCliError } from '../errors.js'
import { ExitCodes } from '../exit-codes.js'
import { type CliIo, type CliOutput, writeLine } from '../io.js'
import type { Paint } from '../render/color.js'
import { jsonReport, type LoginReport, writeSummary } from '../render/result.js'

/** How a finished (or failed) login is written out, shared by `demo` and `login`. */
export interface Finish {
  readonly io: CliIo
  readonly json: boolean
  readonly paint: Paint
  /** Where the human summary goes (stdout; prompts may have used stderr). */
  readonly out: CliOutput
}

/** Writes the success: the summary, or the `--json` object. */
export function finishOk(finish: Finish, result: HybridLoginResult, report: LoginReport): number {
  if (finish.json) writeLine(finish.io.stdout, JSON.stringify(jsonReport(report, { result })))
  else writeSummary(finish.out, result, report, finish.paint)
  return ExitCodes.OK
}

/** Writes the failure (`✖ CODE: message` on stderr, or the `--json` object) and returns its exit code. */
export function finishError(finish: Finish, error: unknown, report: LoginReport): number {
  // A NETWORK_ERROR that crossed the login's snapshot lost its cause; the timing fetch noted it.
  const failure = report.exchanges.findLast((x) => x.failure !== undefined)?.failure
  const e: CliError = toCliError(error).withNetworkCause(failure)
  if (finish.json) writeLine(finish.io.stdout, JSON.stringify(jsonReport(report, { error: e })))
  else writeLine(finish.io.stderr, `${finish.paint('red', '✖')} ${e.code}: ${e.message}`)
  return e.exitCode
}

/** A step list that can print as it grows. */
export function stepCollector(print?: (step: StepReport) => void) {
  const steps: StepReport[] = []
  return {
    steps,
    report: (step: StepReport) => {
      steps.push(step)
      print?.(step)
    },
  }
}
